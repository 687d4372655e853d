"""Read side: what the public sees of contributions, and the moderators' queue."""

from alzhir.contributions.models import Contribution, ContributionKind, ContributionStatus
from alzhir.registry.models import AuditEntry

DECISIONS = ("approve_contribution", "reject_contribution")


def published_for_person(person) -> dict:
    """Approved contributions whose evidence now belongs to this person, by kind, in one query:
    {"memories": [...], "photos": [...], "corrections": [...]}, each with `.record.source`."""
    approved = (
        Contribution.objects.public()
        .filter(record__person=person)
        .select_related("record__source")
        .order_by("decided_at", "pk")
    )
    by_kind = {"memories": [], "photos": [], "corrections": []}
    key = {
        ContributionKind.MEMORY: "memories",
        ContributionKind.PHOTO: "photos",
        ContributionKind.CORRECTION: "corrections",
    }
    for contribution in approved:
        by_kind[key[contribution.kind]].append(contribution)
    return by_kind


def pending_queue():
    return (
        Contribution.objects.filter(status=ContributionStatus.PENDING)
        .select_related("person")
        .order_by("submitted_at", "pk")
    )


def recent_decisions(limit: int = 20):
    """The latest moderation decisions still in force, newest first, for their undo buttons."""
    return AuditEntry.objects.filter(action__in=DECISIONS, undone_by=None).order_by("-at", "-id")[
        :limit
    ]

