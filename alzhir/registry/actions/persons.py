"""Persons as conclusions: merging and splitting move records between persons, nothing else.

Whatever moves records or changes their privacy calls `_changed`, in its transaction: each
person's public face is recomputed from her public records and the search index is told."""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from alzhir.progress import Progress
from alzhir.registry import bulk
from alzhir.registry.actions.base import ActionError, audit, declare, reversible
from alzhir.registry.models import (
    AuditEntry,
    Name,
    Person,
    Record,
)
from alzhir.registry.signals import persons_changed, persons_merged
from alzhir.registry.summary import conclude_role, person_summary

REFRESH_CHUNK = 5000
# A record's columns that make its person's face, in the order `_face` reads them.
FACE_COLUMNS = ("pk", "person_id", "sex", "birth_lower", "is_private", "role",
                "source__is_synthetic")  # fmt: skip
# A person's face, in the order `_face` gives it.
FACE_FIELDS = ("display_name", "sort_name", "birth_year", "sex", "role", "is_synthetic",
               "has_public_records")  # fmt: skip
REVIEW = "registry.review_match"

declare("merge_persons", REVIEW, "the records go back to the persons they had")
declare("split_records", REVIEW, "the records go back to the person they left")


def _refresh_persons(person_ids: Iterable[int], progress: Progress | None = None) -> None:
    """Recompute the denormalised face of persons (whether any record is public, name, birth
    year, sex, role, synthetic) from their public records, after membership or privacy
    changed.

    Read and written in flat batches: a linkage run refreshes hundreds of thousands."""
    ids = sorted(set(person_ids))
    with (progress or Progress(shown=False)).counter("persons' faces", "persons", len(ids)) as bar:
        for start in range(0, len(ids), REFRESH_CHUNK):
            chunk = ids[start : start + REFRESH_CHUNK]
            _refresh_chunk(chunk)
            bar.update(len(chunk))


def _refresh_chunk(chunk: list[int]) -> None:
    """One batch of `_refresh_persons`, read in two flat queries and written in one."""
    records = defaultdict(list)
    held = Record.objects.filter(person_id__in=chunk).order_by("pk").values_list(*FACE_COLUMNS)
    for row in held:
        records[row[1]].append(row)
    names = defaultdict(list)
    for record_id, full_text in (
        Name.objects.public()
        .filter(record__person_id__in=chunk)
        .order_by("record_id", "pk")
        .values_list("record_id", "full_text")
    ):
        names[record_id].append(full_text)
    rows = [_face(records[person_id], names) + (person_id,) for person_id in chunk]
    bulk.update_rows(Person, list(FACE_FIELDS), rows)


def _refresh_emptied(person_ids: Iterable[int]) -> None:
    """Persons left without records (merged into others) take the face of a person with none,
    a statement a batch: read and computed one by one, a linkage run's 316,000 took a quarter
    of its 19–20 s of faces."""
    nobody = dict(zip(FACE_FIELDS, _face([], {}), strict=True))
    for chunk in bulk.batched(sorted(person_ids), REFRESH_CHUNK):
        Person.objects.filter(pk__in=chunk).update(**nobody)


def _face(own: list[tuple], names: dict) -> tuple:
    """A person's denormalised face from her records' rows: public ones only, so a private
    record's name, birth, sex or role never reaches the Wall, a search hit or the API."""
    public = [r for r in own if not r[4]]
    summary = person_summary(
        names=[n for record in public for n in names[record[0]]],
        birth_lower=next((r[3] for r in public if r[3]), None),
    )
    sexes = {r[2] for r in public} - {"U"}
    # A person with no public record is nobody's to see; her role still guides staff.
    role = conclude_role(r[5] for r in (public or own))
    synthetic = bool(own) and all(r[6] for r in own)
    return (
        summary["display_name"],
        summary["sort_name"],
        summary["birth_year"],
        sexes.pop() if len(sexes) == 1 else "U",
        role,
        synthetic,
        bool(public),
    )


def _changed(person_ids: Iterable[int]) -> None:
    """Records of these persons moved, appeared, went or changed privacy: refresh their faces
    and tell the search index, in the caller's transaction."""
    person_ids = set(person_ids)
    _refresh_persons(person_ids)
    persons_changed.send(sender=Person, person_ids=person_ids)


def _merge(target: Person, others: Sequence[Person]) -> list[list[int]]:
    """Move every record of `others` to `target`; returns the moves [record, from person]."""
    others = [p for p in others if p.pk != target.pk]
    if not others:
        raise ActionError("nothing to merge: the persons are the same")
    if target.merged_into_id:
        raise ActionError(f"person {target.pk} was merged into {target.merged_into_id}")
    moves = [
        list(m)
        for m in Record.objects.filter(person__in=others)
        .order_by("pk")
        .values_list("pk", "person_id")
    ]
    Record.objects.filter(person__in=others).update(person=target)
    given_up = defaultdict(list)
    for record, person in moves:
        given_up[person].append(record)
    bulk.update_rows(
        Person,
        ["merged_into", "merged_records"],
        [(target.pk, bulk.as_json(given_up[p.pk]), p.pk) for p in others],
    )
    _changed({target.pk, *(p.pk for p in others)})
    return moves


def _split(records: Sequence[Record]) -> tuple[int, int, list[list[int]]]:
    """Give the records a new person; returns (old person, new person, moves)."""
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
    _changed({old_person_id, new_person.pk})
    return old_person_id, new_person.pk, [[r.pk, old_person_id] for r in records]


@transaction.atomic
def do_merge_persons(target: Person, others: Sequence[Person], actor: str, reason: str = ""):
    """Move every record of `others` to `target`. Reversible with do_undo."""
    moves = _merge(target, others)
    return audit(
        actor,
        "merge_persons",
        "person",
        target.pk,
        old={"moves": moves},
        new={"person": target.pk, "merged": sorted({p for _, p in moves})},
        reason=reason,
    )


@transaction.atomic
def do_split_records(records: Sequence[Record], actor: str, reason: str = ""):
    """Give the records a person of their own (a new conclusion), leaving the rest."""
    old_person_id, new_person_id, moves = _split(records)
    return audit(
        actor,
        "split_records",
        "person",
        old_person_id,
        old={"moves": moves},
        new={"person": new_person_id},
        reason=reason,
    )


# No savepoint when called inside a transaction (a linkage run): SQLite then gives each of the
# statements moving records by person its own statement journal, and a run's tens of thousands
# of them took minutes instead of a second (bench/link_registry_bench.py).
@transaction.atomic(savepoint=False)
def do_merge_groups(
    groups: Sequence[Sequence[int]], actor: str, reason: str = "", progress: Progress | None = None
) -> int:
    """Many merges at once (a linkage run's): each group into its lowest id, each merge its own
    audited change (one `merge_persons` entry per group) so any one can be undone, the search
    index told once. `progress` hears the steps and counts the batches."""
    progress = progress or Progress(shown=False)
    target_of = {}
    for group in groups:
        target, *others = sorted(set(group))
        target_of |= {other: target for other in others}
    moves = defaultdict(list)
    given_up = defaultdict(list)
    others = sorted(target_of)
    progress.say(f"merging {len(groups)} groups of persons")
    for start in range(0, len(others), REFRESH_CHUNK):
        for record, person in (
            Record.objects.filter(person__in=others[start : start + REFRESH_CHUNK])
            .order_by("pk")
            .values_list("pk", "person_id")
        ):
            moves[target_of[person]].append([record, person])
            given_up[person].append(record)
    bulk.update_rows(Record, ["person"], [(t, o) for o, t in target_of.items()], key="person")
    bulk.update_rows(
        Person,
        ["merged_into", "merged_records"],
        [(t, bulk.as_json(given_up[o]), o) for o, t in target_of.items()],
    )
    merged = defaultdict(list)
    for other, target in target_of.items():
        merged[target].append(other)
    # Streamed through the raw insert: Django's bulk_create built and compiled a linkage run's
    # 316,000 entries as objects (12 s of the run, and part of its memory peak when held at once)
    ids, now = bulk.free_ids(AuditEntry), bulk.db_datetime(timezone.now())
    bulk.insert_rows(
        AuditEntry,
        ["id", "at", "actor", "action", "object_type", "object_id", "old", "new", "reason"],
        (
            (next(ids), now, actor, "merge_persons", "person", str(target),
             bulk.as_json({"moves": sorted(moves[target])}),
             bulk.as_json({"person": target, "merged": sorted(merged[target])}), reason)
            for target in sorted(merged)
        ),
    )  # fmt: skip
    bulk.reset_sequences(AuditEntry)
    progress.say("the persons' names and years")
    _refresh_persons(set(target_of.values()), progress)
    _refresh_emptied(target_of)
    progress.say("the search index")
    persons_merged.send(sender=Person, target_of=target_of)
    return len(merged)


def _move_back(moves: list[list[int]], moved_to: int) -> None:
    """Records go back to the persons they had, if none has moved since."""
    current = dict(Record.objects.filter(pk__in=[r for r, _ in moves]).values_list("pk", "person"))
    drifted = [r for r, _ in moves if current.get(r) != moved_to]
    if drifted:
        raise ActionError(f"records {drifted} have moved since; undo the later change first")
    back = defaultdict(list)
    for record_pk, person_pk in moves:
        back[person_pk].append(record_pk)
    for person_pk, record_pks in back.items():
        Record.objects.filter(pk__in=record_pks).update(person_id=person_pk)
    Person.objects.filter(pk__in=list(back)).update(merged_into=None, merged_records=[])
    if not Record.objects.filter(person_id=moved_to).exists():
        # An undone split leaves its new person empty: it points where its records went, and
        # its old address leads there while one of them is public.
        Person.objects.filter(pk=moved_to).update(
            merged_into=min(back), merged_records=[r for r, _ in moves]
        )
    _changed(set(back) | {moved_to})


@reversible("merge_persons")
@reversible("split_records")
def _reverse_moves(entry, undo):
    _move_back(entry.old["moves"], entry.new["person"])
