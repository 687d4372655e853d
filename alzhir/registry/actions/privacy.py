"""Privacy, per record: staff make records private (a living person's, a source's terms) or
public again, one record or all of a person's at once. The person's public face follows in the
same transaction (persons._changed); a person with no public record is no one's to see."""

from collections.abc import Sequence

from django.db import transaction

from alzhir.registry.actions.base import ActionError, audit, declare, reversible
from alzhir.registry.actions.persons import _changed
from alzhir.registry.models import AuditEntry, Person, Record

SET_PRIVACY = "registry.set_privacy"

declare("set_records_privacy", SET_PRIVACY, "each record gets the privacy it had")
declare("set_person_privacy", SET_PRIVACY, "each of her records gets the privacy it had")


def _set(records: Sequence[Record], is_private: bool) -> dict[str, bool]:
    """Set the flag; returns what each record had, by record id, for the undo."""
    ids = [r.pk for r in records]
    had = dict(
        Record.objects.select_for_update().filter(pk__in=ids).values_list("pk", "is_private")
    )
    if len(had) != len(set(ids)):
        raise ActionError("some of the records are not in the registry")
    if all(flag == is_private for flag in had.values()):
        state = "private" if is_private else "public"
        raise ActionError(f"the records are already {state}")
    Record.objects.filter(pk__in=ids).update(is_private=is_private)
    _changed(set(Record.objects.filter(pk__in=ids).values_list("person", flat=True)))
    return {str(pk): flag for pk, flag in had.items()}


@transaction.atomic
def do_set_records_privacy(
    records: Sequence[Record], is_private: bool, actor: str, reason: str = ""
) -> AuditEntry:
    """Make these records private (or public again); the audit row names the first, and keeps
    what each had."""
    had = _set(records, is_private)
    return audit(
        actor,
        "set_records_privacy",
        "record",
        min(int(pk) for pk in had),
        old={"had": had},
        new={"is_private": is_private},
        reason=reason,
    )


@transaction.atomic
def do_set_person_privacy(person: Person, is_private: bool, actor: str, reason: str = ""):
    """Make every record of a person private (she disappears from the public site), or publish
    them all again, e.g. a living person's details once she has consented."""
    records = list(Record.objects.filter(person=person))
    if not records:
        raise ActionError(f"person {person.pk} holds no records (merged away?)")
    had = _set(records, is_private)
    return audit(
        actor,
        "set_person_privacy",
        "person",
        person.pk,
        old={"had": had},
        new={"is_private": is_private},
        reason=reason,
    )


@reversible("set_records_privacy")
@reversible("set_person_privacy")
def _reverse_privacy(entry, undo):
    had = {int(pk): flag for pk, flag in entry.old["had"].items()}
    now = dict(Record.objects.filter(pk__in=list(had)).values_list("pk", "is_private"))
    if any(flag != entry.new["is_private"] for flag in now.values()):
        raise ActionError("the records' privacy has changed since; undo that first")
    for flag in (True, False):
        Record.objects.filter(pk__in=[pk for pk, was in had.items() if was == flag]).update(
            is_private=flag
        )
    _changed(set(Record.objects.filter(pk__in=list(had)).values_list("person", flat=True)))
