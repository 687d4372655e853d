"""What every action shares: the refusal it raises, the audit row it writes, and the register of
action kinds: for each audited action, the permission a staff member needs to do it (and so to
undo it), and how it is undone, or why it is not."""

from collections.abc import Callable
from dataclasses import dataclass

from alzhir.registry.models import AuditEntry


class ActionError(Exception):
    """An action refused: the message says why, and nothing was written."""


class NotPermitted(ActionError):
    """The staff member may not do this (or undo this change)."""


@dataclass
class ActionKind:
    name: str
    # The permission a staff member needs to do this action, and to undo it: an archivist who
    # may review duplicates cannot undo a moderator's approval.
    permission: str
    # How the change is undone, or why it is not, in words (docs/design.md lists them).
    undo_note: str
    # Reverses one audited change: (the change's entry, the undo's entry) -> None.
    reverse: Callable | None = None


KINDS: dict[str, ActionKind] = {}


def declare(name: str, permission: str, undo_note: str) -> None:
    """Declare an audited action; audit() refuses a name never declared."""
    KINDS[name] = ActionKind(name, permission, undo_note)


def reversible(name: str):
    """Register how to reverse a declared action, so do_undo can."""

    def register(function):
        KINDS[name].reverse = function
        return function

    return register


def permission_of(action: str) -> str:
    """The permission a staff member needs for an action (views check it before calling)."""
    return KINDS[action].permission


def audit(actor, action, obj_type, obj_id, old=None, new=None, reason=""):
    """The one audit row of an action, written in its transaction."""
    if action not in KINDS:
        raise ValueError(f"{action!r} is not a declared action (alzhir.registry.actions.base)")
    return AuditEntry.objects.create(
        actor=actor or "system",
        action=action,
        object_type=obj_type,
        object_id=str(obj_id),
        old=old,
        new=new,
        reason=reason,
    )
