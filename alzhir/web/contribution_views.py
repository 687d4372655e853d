"""A relative's side of contributions: the three forms on a person's page, the thanks page,
and approved photos (pending ones only for moderators)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from alzhir.contributions.forms import FORMS
from alzhir.contributions.models import Contribution, ContributionKind
from alzhir.registry.actions import DuplicateContribution, do_submit_contribution, permission_of
from alzhir.registry.models import Person
from alzhir.web.ratelimit import rate_limited

MODERATE = permission_of("approve_contribution")
# Room for the form's text fields beside the photo itself.
FORM_FIELDS_BYTES = 256 * 1024


def _public_person_or_404(person_id):
    """Contributions are for the people the memorial remembers, on their current page."""
    person = Person.objects.public().remembered().filter(pk=person_id).first()
    if person is None:
        raise Http404("No such person in the public registry")
    return person


def _too_large(request) -> HttpResponse | None:
    """413 for a body larger than a photo and its form may be, told by Content-Length before
    a byte of it is read (Django would read it whole to parse the form)."""
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0
    if size <= settings.ALZHIR_PHOTO_MAX_BYTES + FORM_FIELDS_BYTES:
        return None
    megabytes = settings.ALZHIR_PHOTO_MAX_BYTES // (1024 * 1024)
    message = _("The photo is too large: at most %(mb)s MB.") % {"mb": megabytes}
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


@rate_limited("contribute", methods=("POST",))
def contribute(request, person_id: int, kind: str):
    if kind not in ContributionKind.values:
        raise Http404("No such kind of contribution")
    if request.method == "POST" and (refused := _too_large(request)):
        return refused
    person = _public_person_or_404(person_id)
    form_class = FORMS[kind]
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        photo = getattr(form, "cleaned_image", None)
        try:
            do_submit_contribution(form.save_unsaved(person), photo)
        except DuplicateContribution:
            return render(request, "alzhir/contribute_thanks.html",
                          {"person": person, "already": True})  # fmt: skip
        return redirect("contribute-thanks", person_id=person.pk)
    return render(
        request,
        "alzhir/contribute.html",
        {"person": person, "form": form, "kind": kind, "kinds": ContributionKind},
    )


def thanks(request, person_id: int):
    person = _public_person_or_404(person_id)
    return render(request, "alzhir/contribute_thanks.html", {"person": person})


def photo(request, contribution_id: int):
    photos = Contribution.objects.filter(pk=contribution_id, kind=ContributionKind.PHOTO)
    contribution = photos.public().first()
    public = contribution is not None
    if not public:
        if not request.user.has_perm(MODERATE):
            if request.user.is_authenticated:
                raise PermissionDenied
            raise Http404("No such photo")
        contribution = get_object_or_404(photos)
    response = FileResponse(contribution.photo.open("rb"))
    # Pending photos must not linger in shared caches.
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


# Included under the language prefix, beside the person page.
urlpatterns = [
    path("persons/<int:person_id>/contribute/thanks", thanks, name="contribute-thanks"),
    path("persons/<int:person_id>/contribute/<slug:kind>", contribute, name="contribute"),
]
