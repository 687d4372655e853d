"""Family links: proposed by the family linker or stated by a source, decided by staff."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from alzhir.registry.actions.base import ActionError, audit, reversible
from alzhir.registry.models import (
    AuditEntry,
    Citation,
    Person,
    ProposalStatus,
    Relationship,
)


def _cite(source, facts_with_locators):
    if not facts_with_locators:
        return
    content_type = ContentType.objects.get_for_model(facts_with_locators[0][0])
    Citation.objects.bulk_create(
        Citation(source=source, content_type=content_type, object_id=fact.pk, locator=locator)
        for fact, locator in facts_with_locators
    )


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
) -> Relationship:
    """Add a relationship; confirmed and rejected ones are decisions that reruns never change."""
    if a.pk == b.pk:
        raise ActionError("a person cannot be their own relative")
    existing = Relationship.objects.filter(type=type, a=a, b=b).first()
    if existing and existing.status != ProposalStatus.PROPOSED:
        return existing
    values = {"status": status, "score": score, "reasons": list(reasons)}
    if status != ProposalStatus.PROPOSED:
        values |= {"decided_by": actor, "decided_at": timezone.now()}
    relationship, _ = Relationship.objects.update_or_create(type=type, a=a, b=b, defaults=values)
    if source is not None:
        _cite(source, [(relationship, locator)])
    audit(
        actor,
        "add_relationship",
        "relationship",
        relationship.pk,
        new={"type": type, "a": a.pk, "b": b.pk, **values} | {"decided_at": None},
    )
    return relationship


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
def _reverse_relationship_decision(entry, actor, reason):
    Relationship.objects.filter(pk=entry.object_id).update(
        status=entry.old["status"], decided_by="", decided_at=None
    )
