"""Family links: proposed by the family linker or stated by a source, decided by staff."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from alzhir.registry.actions.base import ActionError, audit, declare, reversible
from alzhir.registry.models import (
    AuditEntry,
    Citation,
    Person,
    ProposalStatus,
    Relationship,
)

REVIEW_FAMILY = "registry.review_relationship"
KEPT = ["status", "score", "reasons", "decided_by", "decided_at", "is_private"]

declare("add_relationship", REVIEW_FAMILY, "a new link goes; a rescored one gets its old score")
declare("decide_relationship", REVIEW_FAMILY, "the link goes back to proposed")


def _cite(source, fact, locator) -> int:
    content_type = ContentType.objects.get_for_model(fact)
    citation = Citation.objects.create(
        source=source, content_type=content_type, object_id=fact.pk, locator=locator
    )
    return citation.pk


def _kept(relationship: Relationship) -> dict:
    values = {name: getattr(relationship, name) for name in KEPT}
    return values | {"decided_at": values["decided_at"] and values["decided_at"].isoformat()}


@transaction.atomic
def do_add_relationship(
    type,
    a: Person,
    b: Person,
    actor,
    *,
    status="proposed",
    score=None,
    reasons=(),
    source=None,
    locator="",
    private=False,
) -> Relationship:
    """Add a relationship; confirmed and rejected ones are decisions that reruns never change.
    A private link (one resting on a private record) is never public."""
    if a.pk == b.pk:
        raise ActionError("a person cannot be their own relative")
    existing = Relationship.objects.filter(type=type, a=a, b=b).first()
    if existing and existing.status != ProposalStatus.PROPOSED:
        return existing
    values = {"status": status, "score": score, "reasons": list(reasons), "is_private": private}
    if status != ProposalStatus.PROPOSED:
        values |= {"decided_by": actor, "decided_at": timezone.now()}
    relationship, _ = Relationship.objects.update_or_create(type=type, a=a, b=b, defaults=values)
    cited = [_cite(source, relationship, locator)] if source is not None else []
    audit(
        actor,
        "add_relationship",
        "relationship",
        relationship.pk,
        old=_kept(existing) if existing else None,
        new={"type": type, "a": a.pk, "b": b.pk, **values, "decided_at": None, "cited": cited},
    )
    return relationship


@reversible("add_relationship")
def _reverse_addition(entry, undo):
    relationship = Relationship.objects.select_for_update().get(pk=entry.object_id)
    if relationship.status != entry.new["status"] or relationship.score != entry.new["score"]:
        raise ActionError(f"link {relationship.pk} has changed since; undo that first")
    Citation.objects.filter(pk__in=entry.new.get("cited", [])).delete()
    if entry.old is None:
        relationship.delete()
    else:
        Relationship.objects.filter(pk=relationship.pk).update(**entry.old)


@transaction.atomic
def do_decide_relationship(relationship: Relationship, verdict: str, actor: str) -> AuditEntry:
    """Confirm or reject a proposed family link; `do_undo` puts it back to proposed."""
    if verdict not in ("confirmed", "rejected"):
        raise ActionError(f"unknown verdict {verdict!r}: use confirmed or rejected")
    relationship = Relationship.objects.select_for_update().get(pk=relationship.pk)
    old = {"status": relationship.status}
    relationship.status = verdict
    relationship.decided_by, relationship.decided_at = actor, timezone.now()
    relationship.save(update_fields=["status", "decided_by", "decided_at"])
    return audit(
        actor,
        "decide_relationship",
        "relationship",
        relationship.pk,
        old=old,
        new={"status": verdict},
    )


@reversible("decide_relationship")
def _reverse_relationship_decision(entry, undo):
    Relationship.objects.filter(pk=entry.object_id).update(
        status=entry.old["status"], decided_by="", decided_at=None
    )
