"""Undo: reverse any audited change whose action registered how, for whoever may do it."""

from django.db import transaction

from alzhir.registry.actions.base import KINDS, ActionError, NotPermitted, audit, declare
from alzhir.registry.models import AuditEntry

declare("undo", "", "an undo is not undone: make the change again")


@transaction.atomic
def do_undo(entry: AuditEntry, actor: str, reason: str = "", *, user=None) -> AuditEntry:
    """Reverse a change (merge, split, a reviewer's verdict, an approval, a privacy change …) and
    audit the reversal. With `user` (a staff member on the site), she must hold the permission
    of the action she undoes."""
    entry = AuditEntry.objects.select_for_update().get(pk=entry.pk)
    kind = KINDS.get(entry.action)
    if user is not None and not (kind and kind.permission and user.has_perm(kind.permission)):
        raise NotPermitted(f"{actor} may not undo a {entry.action}")
    if entry.undone_by_id:
        raise ActionError(f"change {entry.pk} was already undone")
    if kind is None or kind.reverse is None:
        note = f": {kind.undo_note}" if kind else ""
        raise ActionError(f"a {entry.action} cannot be undone{note}")
    undo = audit(
        actor,
        "undo",
        entry.object_type,
        entry.object_id,
        old=entry.new,
        new=entry.old,
        reason=reason or f"undo of change {entry.pk}",
    )
    kind.reverse(entry, undo)
    entry.undone_by = undo
    entry.save(update_fields=["undone_by"])
    return undo
