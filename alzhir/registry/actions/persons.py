"""Persons as conclusions: merging and splitting move records between persons, nothing else."""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import transaction

from alzhir.registry import bulk
from alzhir.registry.actions.base import ActionError, audit, reversible
from alzhir.registry.models import (
    AuditEntry,
    Name,
    Person,
    Record,
)
from alzhir.registry.signals import persons_changed, persons_merged
from alzhir.registry.summary import person_summary

REFRESH_CHUNK = 5000


def refresh_persons(person_ids: Iterable[int]) -> None:
    """Recompute the denormalised name, birth year and sex of persons after membership moved.

    Read and written in flat batches: a linkage run refreshes hundreds of thousands."""
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[start : start + REFRESH_CHUNK]
        records = defaultdict(list)
        for row in (
            Record.objects.filter(person_id__in=chunk)
            .order_by("pk")
            .values_list("pk", "person_id", "sex", "birth_lower")
        ):
            records[row[1]].append(row)
        names = defaultdict(list)
        for record_id, full_text in (
            Name.objects.filter(record__person_id__in=chunk, is_private=False)
            .order_by("record_id", "pk")
            .values_list("record_id", "full_text")
        ):
            names[record_id].append(full_text)
        rows = []
        for person_id in chunk:
            own = records[person_id]
            summary = person_summary(
                names=[n for record in own for n in names[record[0]]],
                birth_lower=next((r[3] for r in own if r[3]), None),
            )
            sexes = {r[2] for r in own} - {"U"}
            rows.append(
                (
                    summary["display_name"],
                    summary["sort_name"],
                    summary["birth_year"],
                    sexes.pop() if len(sexes) == 1 else "U",
                    person_id,
                )
            )
        bulk.update_rows(Person, ["display_name", "sort_name", "birth_year", "sex"], rows)


@transaction.atomic
def do_merge_persons(target: Person, others: Sequence[Person], actor: str, reason: str = ""):
    """Move every record of `others` to `target`. Reversible with do_undo."""
    others = [p for p in others if p.pk != target.pk]
    if not others:
        raise ActionError("nothing to merge: the persons are the same")
    if target.merged_into_id:
        raise ActionError(f"person {target.pk} was merged into {target.merged_into_id}")
    moves = list(
        Record.objects.filter(person__in=others).values_list("pk", "person_id").order_by("pk")
    )
    Record.objects.filter(person__in=others).update(person=target)
    Person.objects.filter(pk__in=[p.pk for p in others]).update(merged_into=target)
    changed = {target.pk, *(p.pk for p in others)}
    refresh_persons(changed)
    persons_changed.send(sender=Person, person_ids=changed)
    return audit(
        actor,
        "merge_persons",
        "person",
        target.pk,
        old={"moves": [[r, p] for r, p in moves]},
        new={"person": target.pk, "merged": [p.pk for p in others]},
        reason=reason,
    )


@transaction.atomic
def do_split_records(records: Sequence[Record], actor: str, reason: str = ""):
    """Give the records a person of their own (a new conclusion), leaving the rest."""
    if not records:
        raise ActionError("no records to split off")
    # The callers' objects may predate a merge: membership is read afresh.
    records = list(Record.objects.select_for_update().filter(pk__in=[r.pk for r in records]))
    old_person_ids = {r.person_id for r in records}
    if len(old_person_ids) != 1:
        raise ActionError("the records belong to different persons")
    (old_person_id,) = old_person_ids
    if Record.objects.filter(person_id=old_person_id).count() == len(records):
        raise ActionError("a split must leave at least one record with the person")
    new_person = Person.objects.create()
    Record.objects.filter(pk__in=[r.pk for r in records]).update(person=new_person)
    changed = {old_person_id, new_person.pk}
    refresh_persons(changed)
    persons_changed.send(sender=Person, person_ids=changed)
    return audit(
        actor,
        "split_records",
        "person",
        old_person_id,
        old={"moves": [[r.pk, old_person_id] for r in records]},
        new={"person": new_person.pk},
        reason=reason,
    )


# No savepoint when called inside a transaction (a linkage run): SQLite then gives each of the
# statements moving records by person its own statement journal, and a run's tens of thousands
# of them took minutes instead of a second (bench/link_registry_bench.py).
@transaction.atomic(savepoint=False)
def do_merge_groups(groups: Sequence[Sequence[int]], actor: str, reason: str = "") -> int:
    """Merge many groups of persons at once (a linkage run): each group into its lowest id,
    each merge audited on its own so any one can be undone, the search index told once."""
    target_of = {}
    for group in groups:
        target, *others = sorted(set(group))
        target_of |= {other: target for other in others}
    moves = defaultdict(list)
    others = sorted(target_of)
    for start in range(0, len(others), REFRESH_CHUNK):
        for record, person in (
            Record.objects.filter(person__in=others[start : start + REFRESH_CHUNK])
            .order_by("pk")
            .values_list("pk", "person_id")
        ):
            moves[target_of[person]].append([record, person])
    bulk.update_rows(Record, ["person"], [(t, o) for o, t in target_of.items()], key="person")
    bulk.update_rows(Person, ["merged_into"], [(t, o) for o, t in target_of.items()])
    merged = defaultdict(list)
    for other, target in target_of.items():
        merged[target].append(other)
    audits = [
        AuditEntry(
            actor=actor,
            action="merge_persons",
            object_type="person",
            object_id=str(target),
            old={"moves": sorted(moves[target])},
            new={"person": target, "merged": sorted(merged[target])},
            reason=reason,
        )
        for target in sorted(merged)
    ]
    AuditEntry.objects.bulk_create(audits)
    refresh_persons(set(target_of) | set(target_of.values()))
    persons_merged.send(sender=Person, target_of=target_of)
    return len(audits)


@reversible("merge_persons")
@reversible("split_records")
def _reverse_moves(entry, actor, reason):
    """Records go back to the persons they had."""
    moved_to = entry.new["person"]
    moves = entry.old["moves"]
    current = dict(Record.objects.filter(pk__in=[r for r, _ in moves]).values_list("pk", "person"))
    drifted = [r for r, _ in moves if current.get(r) != moved_to]
    if drifted:
        raise ActionError(f"records {drifted} have moved since; undo the later change first")
    for record_pk, person_pk in moves:
        Record.objects.filter(pk=record_pk).update(person_id=person_pk)
    restored = {p for _, p in moves}
    Person.objects.filter(pk__in=restored).update(merged_into=None)
    if not Record.objects.filter(person_id=moved_to).exists():
        # An undone split leaves its new person empty: point it back where its records went.
        Person.objects.filter(pk=moved_to).update(merged_into=min(restored))
    changed = restored | {moved_to}
    refresh_persons(changed)
    persons_changed.send(sender=Person, person_ids=changed)
