"""A relative's contribution as it was sent, and what became of it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from alzhir.registry.visibility import ContributionQuerySet


class ContributionKind(models.TextChoices):
    CORRECTION = "correction", _("correction")
    MEMORY = "memory", _("memory")
    PHOTO = "photo", _("photo")


class ContributionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for a moderator")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class CorrectionSubject(models.TextChoices):
    NAME = "name", _("a name or spelling")
    BIRTH = "birth", _("date of birth")
    DEATH = "death", _("date of death")
    OTHER = "other", _("something else")


class Contribution(models.Model):
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="contributions"
    )
    kind = models.CharField(max_length=12, choices=ContributionKind.choices)
    # Shown with the contribution once approved; empty means "anonymous relative".
    contributor_name = models.CharField(max_length=100, blank=True)
    # For the moderators' questions only: never shown on the public site.
    contributor_email = models.EmailField(blank=True)
    # Who the person was to the contributor ("granddaughter").
    relation = models.CharField(max_length=100, blank=True)
    # Corrections: what is corrected, and the corrected fact.
    subject = models.CharField(max_length=10, choices=CorrectionSubject.choices, blank=True)
    value = models.CharField(max_length=300, blank=True)
    # The memory, the photo's caption, or how the corrected fact is known.
    text = models.TextField(blank=True)
    # Re-encoded on arrival (alzhir.contributions.photos): no metadata survives.
    photo = models.FileField(upload_to="contributions/%Y/%m/", blank=True)
    status = models.CharField(
        max_length=10, choices=ContributionStatus.choices, default=ContributionStatus.PENDING
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    moderator_note = models.TextField(blank=True)
    # The evidence an approval made: a record of the contributor's source on this person.
    record = models.OneToOneField(
        "registry.Record",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contribution",
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["status", "submitted_at"], name="contribution_queue")]
        permissions = [("moderate_contribution", "Can approve or reject relatives' contributions")]

    def __str__(self):
        return f"{self.kind} for person {self.person_id} ({self.status})"

    @property
    def contributor_label(self) -> str:
        return self.contributor_name or str(_("anonymous relative"))
