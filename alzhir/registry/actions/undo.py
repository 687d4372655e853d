"""Undo: reverse any audited change whose action registered how."""

from django.db import transaction

from alzhir.registry.actions.base import _REVERSERS, ActionError, audit
from alzhir.registry.models import (
    AuditEntry,
)


@transaction.atomic
def do_undo(entry: AuditEntry, actor: str, reason: str = "") -> AuditEntry:
    """Reverse a change (merge, split, a reviewer's verdict, ...) and audit the reversal."""
    entry = AuditEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.undone_by_id:
        raise ActionError(f"change {entry.pk} was already undone")
    if entry.action not in _REVERSERS:
        raise ActionError(f"a {entry.action} cannot be undone")
    _REVERSERS[entry.action](entry, actor, reason)
    undo = audit(
        actor,
        "undo",
        entry.object_type,
        entry.object_id,
        old=entry.new,
        new=entry.old,
        reason=reason or f"undo of change {entry.pk}",
    )
    entry.undone_by = undo
    entry.save(update_fields=["undone_by"])
    return undo
