"""What every action shares: the refusal it raises, the audit row it writes, and the register
of how each named action is reversed (read by do_undo)."""

from alzhir.registry.models import (
    AuditEntry,
)


class ActionError(Exception):
    """An action refused: the message says why, and nothing was written."""


def audit(actor, action, obj_type, obj_id, old=None, new=None, reason=""):
    return AuditEntry.objects.create(
        actor=actor or "system",
        action=action,
        object_type=obj_type,
        object_id=str(obj_id),
        old=old,
        new=new,
        reason=reason,
    )


_REVERSERS = {}


def reversible(action: str):
    """Register how to reverse a named action (so do_undo can); other apps register theirs."""

    def register(function):
        _REVERSERS[action] = function
        return function

    return register
