"""Every change to the registry goes through a named action here: it validates, writes, and
writes its audit row in the same transaction."""

from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from alzhir import places as gazetteer
from alzhir.registry.drafts import RecordDraft
from alzhir.registry.models import (
    AuditEntry,
    Citation,
    Event,
    ImportBatch,
    Name,
    Person,
    Place,
    PlaceName,
    ProposalStatus,
    Record,
    Relationship,
    Source,
)
from alzhir.registry.signals import persons_changed
from alzhir.registry.summary import person_summary

BULK_SIZE = 2000
EVENT_DRAFT_ONLY = ("place_key", "origin_key", "locator")


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


@transaction.atomic
def do_create_source(name: str, actor: str, **details) -> Source:
    source = Source.objects.create(name=name, **details)
    audit(actor, "create_source", "source", source.pk, new={"name": name, **details})
    return source


def get_or_create_source(name: str, actor: str, **details) -> Source:
    existing = Source.objects.filter(name=name).first()
    return existing or do_create_source(name, actor, **details)


def ensure_places(keys: Iterable[str]) -> dict[str, Place]:
    """Place rows for gazetteer keys, created once each from the gazetteer's data."""
    wanted = {k for k in keys if k}
    found = {p.key: p for p in Place.objects.filter(key__in=wanted)}
    for key in sorted(wanted - found.keys()):
        entry = gazetteer.place(key)
        place = Place.objects.create(
            key=key,
            name=entry.name,
            type=entry.type,
            latitude=entry.latitude,
            longitude=entry.longitude,
            wikidata=entry.wikidata or "",
        )
        PlaceName.objects.bulk_create(
            PlaceName(
                place=place,
                name=n.name,
                lang=n.lang,
                valid_from=n.valid_from or "",
                valid_to=n.valid_to or "",
            )
            for n in entry.names
        )
        found[key] = place
    return found


@transaction.atomic
def do_import_batch(
    source: Source,
    drafts: Sequence[RecordDraft],
    *,
    file_name: str,
    sha256: str,
    profile: str,
    row_count: int,
    actor: str,
    progress=None,
) -> ImportBatch:
    """Write validated drafts: each record becomes its own person (a fresh record is its own
    conclusion until linkage or an archivist says otherwise)."""
    if ImportBatch.objects.filter(source=source, sha256=sha256).exists():
        raise ActionError(f"{file_name} was already imported into {source.name}")
    batch = ImportBatch.objects.create(
        source=source,
        file_name=file_name,
        sha256=sha256,
        profile=profile,
        row_count=row_count,
        imported_count=len(drafts),
        rejected_count=row_count - len(drafts),
        imported_by=actor,
    )
    places = ensure_places(k for d in drafts for e in d.events for k in (e.place_key, e.origin_key))
    person_ids = []
    for start in range(0, len(drafts), BULK_SIZE):
        chunk = drafts[start : start + BULK_SIZE]
        person_ids += _write_chunk(source, batch, chunk, places)
        if progress:
            progress(len(chunk))
    persons_changed.send(sender=Person, person_ids=set(person_ids))
    audit(
        actor,
        "import_batch",
        "import_batch",
        batch.pk,
        new={"file": file_name, "sha256": sha256, "records": len(drafts), "source": source.name},
    )
    return batch


def _write_chunk(source, batch, drafts, places) -> list[int]:
    persons = Person.objects.bulk_create(
        Person(
            sex=d.sex,
            is_private=d.is_private,
            is_living=d.is_living,
            is_synthetic=source.is_synthetic,
            **person_summary(
                names=[n.full_text for n in d.names],
                birth_lower=d.birth_lower,
            ),
        )
        for d in drafts
    )
    records = Record.objects.bulk_create(
        Record(
            source=source,
            batch=batch,
            record_id=d.record_id,
            row_number=d.row_number,
            person=person,
            original=d.original,
            fields=d.fields,
            sex=d.sex,
            birth_edtf=d.birth_edtf,
            birth_lower=d.birth_lower,
            birth_upper=d.birth_upper,
            is_private=d.is_private,
        )
        for d, person in zip(drafts, persons, strict=True)
    )
    names = Name.objects.bulk_create(
        Name(record=record, **{k: v for k, v in vars(n).items() if k != "locator"})
        for d, record in zip(drafts, records)
        for n in d.names
    )
    name_locators = [n.locator for d in drafts for n in d.names]
    events = []
    locators = []
    for d, record in zip(drafts, records):
        for e in d.events:
            fields = {k: v for k, v in vars(e).items() if k not in EVENT_DRAFT_ONLY}
            events.append(
                Event(
                    record=record,
                    place=places.get(e.place_key),
                    origin=places.get(e.origin_key),
                    **fields,
                )
            )
            locators.append(e.locator)
    Event.objects.bulk_create(events)
    _cite(source, [(r, d.locator) for d, r in zip(drafts, records) if d.locator])
    _cite(source, [(e, loc) for e, loc in zip(events, locators) if loc])
    _cite(source, [(n, loc) for n, loc in zip(names, name_locators) if loc])
    return [p.pk for p in persons]


def _cite(source, facts_with_locators):
    if not facts_with_locators:
        return
    content_type = ContentType.objects.get_for_model(facts_with_locators[0][0])
    Citation.objects.bulk_create(
        Citation(source=source, content_type=content_type, object_id=fact.pk, locator=locator)
        for fact, locator in facts_with_locators
    )


def refresh_persons(person_ids: Iterable[int]) -> None:
    """Recompute the denormalised name, birth year and sex of persons after membership moved."""
    for person in Person.objects.filter(pk__in=set(person_ids)).prefetch_related(
        "records__names"
    ):
        records = sorted(person.records.all(), key=lambda r: r.pk)
        summary = person_summary(
            names=[n.full_text for r in records for n in r.names.all()],
            birth_lower=next((r.birth_lower for r in records if r.birth_lower), None),
        )
        sexes = {r.sex for r in records} - {"U"}
        summary["sex"] = sexes.pop() if len(sexes) == 1 else "U"
        Person.objects.filter(pk=person.pk).update(**summary)


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


@transaction.atomic
def do_undo(entry: AuditEntry, actor: str, reason: str = "") -> AuditEntry:
    """Reverse a merge or split: records go back to the persons they had."""
    entry = AuditEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.undone_by_id:
        raise ActionError(f"change {entry.pk} was already undone")
    if entry.action not in ("merge_persons", "split_records"):
        raise ActionError(f"a {entry.action} cannot be undone")
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


@transaction.atomic
def do_create_place(key, name, type, actor, names=(), part_of=None, **details) -> Place:
    """A place known from a source rather than the gazetteer (an orphanage, a camp point)."""
    place = Place.objects.create(key=key, name=name, type=type, part_of=part_of, **details)
    PlaceName.objects.bulk_create(PlaceName(place=place, **n) for n in names)
    audit(actor, "create_place", "place", key, new={"name": name, "type": type})
    return place


@transaction.atomic
def do_add_relationship(
    type, a: Person, b: Person, actor, *, status="proposed", score=None, reasons=(), source=None,
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
    audit(actor, "add_relationship", "relationship", relationship.pk,
          new={"type": type, "a": a.pk, "b": b.pk, **values} | {"decided_at": None})
    return relationship
