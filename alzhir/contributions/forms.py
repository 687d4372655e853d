"""The three forms a relative fills in on a person's page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alzhir.contributions.models import Contribution, ContributionKind, CorrectionSubject
from alzhir.contributions.photos import clean_photo

ABOUT_YOU = ["contributor_name", "relation", "contributor_email"]
LABELS = {
    "contributor_name": _("Your name, as it should appear with your contribution"),
    "relation": _("Who the person was to you (for example: grandmother)"),
    "contributor_email": _("Your e-mail, if the moderators may ask you a question"),
}
HELP = {
    "contributor_name": _("Leave it empty to be shown as an anonymous relative."),
    "contributor_email": _("Never shown on the site."),
}


class _ContributionForm(forms.ModelForm):
    kind: str = ""
    consent = forms.BooleanField(
        label=_(
            "I agree that, once a moderator approves it, this is published on the memorial's "
            "site with the name I gave (or as an anonymous relative)."
        )
    )

    def save_unsaved(self, person) -> Contribution:
        contribution = super().save(commit=False)
        contribution.person, contribution.kind = person, self.kind
        return contribution


class CorrectionForm(_ContributionForm):
    kind = ContributionKind.CORRECTION

    class Meta:
        model = Contribution
        fields = ["subject", "value", "text", *ABOUT_YOU]
        labels = LABELS | {
            "subject": _("What should be corrected"),
            "value": _("What it should say"),
            "text": _("How do you know? (a document, the family's memory…)"),
        }
        help_texts = HELP | {
            "value": _("For example: Мессерер Рахиль Михайловна, or 5 March 1902."),
        }
        widgets = {"subject": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = CorrectionSubject.choices
        self.fields["subject"].required = True
        self.fields["value"].required = True


class MemoryForm(_ContributionForm):
    kind = ContributionKind.MEMORY

    class Meta:
        model = Contribution
        fields = ["text", *ABOUT_YOU]
        labels = LABELS | {"text": _("Your memory of this person, or the family's")}
        help_texts = HELP
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = True


class PhotoForm(_ContributionForm):
    kind = ContributionKind.PHOTO
    field_order = ["upload", "rights", "text", *ABOUT_YOU, "consent"]
    upload = forms.FileField(
        label=_("The photo (JPEG, PNG, WebP or GIF)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    rights = forms.BooleanField(
        label=_("The photo belongs to my family, or I may share it otherwise.")
    )

    class Meta:
        model = Contribution
        fields = ["text", *ABOUT_YOU]
        labels = LABELS | {"text": _("What the photo shows: who, where, when")}
        help_texts = HELP | {
            "text": _("Camera data and location are removed from the file before it is kept."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def clean_upload(self):
        self.cleaned_image = clean_photo(self.cleaned_data["upload"])
        return self.cleaned_data["upload"]


FORMS = {
    ContributionKind.CORRECTION: CorrectionForm,
    ContributionKind.MEMORY: MemoryForm,
    ContributionKind.PHOTO: PhotoForm,
}
