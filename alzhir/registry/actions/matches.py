"""Match decisions: an archivist's verdict on a pair of records the linker proposed."""

from django.db import transaction
from django.utils import timezone

from alzhir.registry.actions.base import ActionError, audit, declare, reversible
from alzhir.registry.actions.persons import REVIEW, _merge, _move_back, _split
from alzhir.registry.models import (
    AuditEntry,
    MatchProposal,
    ProposalStatus,
)

declare("decide_match", REVIEW, "the pair goes back to the queue, its merge or split undone")
declare("defer_match", REVIEW, "the pair is no longer set aside for later")


@transaction.atomic
def do_decide_match(proposal: MatchProposal, verdict: str, actor: str) -> AuditEntry:
    """An archivist's verdict on a proposed pair: `same` merges the two persons, `different`
    keeps (or puts) them apart, `later` leaves it in the queue. Verdicts are labels that no
    later linkage run overrides; `do_undo` reverses one, with the merge or split it made."""
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
    moved_to, moves = None, []
    if verdict == "same" and a.person_id != b.person_id:
        moved_to, moves = a.person_id, _merge(a.person, [b.person])
    if verdict == "different" and a.person_id == b.person_id:
        _, moved_to, moves = _split([b])
    proposal.status = ProposalStatus.CONFIRMED if verdict == "same" else ProposalStatus.REJECTED
    proposal.deferred = False
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=["status", "deferred", "decided_by", "decided_at"])
    return audit(
        actor,
        "decide_match",
        "match_proposal",
        proposal.pk,
        old=old | {"moves": moves},
        new={"status": proposal.status, "person": moved_to},
        reason=f"review of pair {proposal.pk}",
    )


@reversible("decide_match")
def _reverse_match_decision(entry, undo):
    """Back to the queue: the verdict is withdrawn and the merge or split it made undone."""
    if entry.old.get("moves"):
        _move_back(entry.old["moves"], entry.new["person"])
    elif entry.new.get("change"):
        # Verdicts written before decisions carried their own moves point at the merge or
        # split entry they made: it is undone with them.
        change = AuditEntry.objects.select_for_update().get(pk=entry.new["change"])
        if not change.undone_by_id:
            _move_back(change.old["moves"], change.new["person"])
            AuditEntry.objects.filter(pk=change.pk).update(undone_by=undo)
    MatchProposal.objects.filter(pk=entry.object_id).update(
        status=entry.old["status"], deferred=entry.old["deferred"], decided_by="", decided_at=None
    )


@reversible("defer_match")
def _reverse_deferral(entry, undo):
    MatchProposal.objects.filter(pk=entry.object_id).update(deferred=entry.old["deferred"])
