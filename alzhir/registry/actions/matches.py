"""Match decisions: an archivist's verdict on a pair of records the linker proposed."""

from django.db import transaction
from django.utils import timezone

from alzhir.registry.actions.base import ActionError, audit, reversible
from alzhir.registry.actions.persons import do_merge_persons, do_split_records
from alzhir.registry.actions.undo import do_undo
from alzhir.registry.models import (
    AuditEntry,
    MatchProposal,
    ProposalStatus,
)


@transaction.atomic
def do_decide_match(proposal: MatchProposal, verdict: str, actor: str) -> AuditEntry:
    """An archivist's verdict on a proposed pair: `same` merges the two persons, `different`
    keeps (or puts) them apart, `later` leaves it in the queue. Verdicts are labels that no
    later linkage run overrides; `do_undo` reverses one."""
    proposal = MatchProposal.objects.select_for_update().get(pk=proposal.pk)
    old = {"status": proposal.status, "deferred": proposal.deferred}
    if verdict == "later":
        proposal.deferred = True
        proposal.save(update_fields=["deferred"])
        return audit(
            actor,
            "defer_match",
            "match_proposal",
            proposal.pk,
            old=old,
            new={"status": proposal.status, "deferred": True},
        )
    if verdict not in ("same", "different"):
        raise ActionError(f"unknown verdict {verdict!r}: use same, different or later")
    a, b = proposal.record_a, proposal.record_b
    change = None
    if verdict == "same" and a.person_id != b.person_id:
        change = do_merge_persons(a.person, [b.person], actor, f"review of pair {proposal.pk}")
    if verdict == "different" and a.person_id == b.person_id:
        change = do_split_records([b], actor, f"review of pair {proposal.pk}")
    proposal.status = ProposalStatus.CONFIRMED if verdict == "same" else ProposalStatus.REJECTED
    proposal.deferred = False
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=["status", "deferred", "decided_by", "decided_at"])
    return audit(
        actor,
        "decide_match",
        "match_proposal",
        proposal.pk,
        old=old,
        new={"status": proposal.status, "change": change.pk if change else None},
    )


@reversible("decide_match")
def _reverse_match_decision(entry, actor, reason):
    """Back to the queue: the verdict is withdrawn and the merge or split it made undone."""
    if entry.new.get("change"):
        do_undo(AuditEntry.objects.get(pk=entry.new["change"]), actor, reason)
    MatchProposal.objects.filter(pk=entry.object_id).update(
        status=entry.old["status"], deferred=entry.old["deferred"], decided_by="", decided_at=None
    )
