"""Every change to the registry goes through a named action here: it validates, writes, and
writes its audit row in the same transaction."""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from alzhir import places as gazetteer
from alzhir.registry import bulk
from alzhir.registry.drafts import RecordDraft
from alzhir.registry.models import (
    AuditEntry,
    Citation,
    Event,
    ImportBatch,
    MatchProposal,
    Name,
    Person,
    Place,
    PlaceName,
    ProposalStatus,
    Record,
    Relationship,
    Source,
)
from alzhir.registry.signals import persons_changed, persons_merged
from alzhir.registry.summary import person_summary

BULK_SIZE = 2000
REFRESH_CHUNK = 5000
ANALYZE_AFTER_ROWS = 1000


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
    """Place rows for gazetteer keys, created once each (with their parents) from the
    gazetteer's data."""
    wanted = {k for k in keys if k}
    found = {p.key: p for p in Place.objects.filter(key__in=wanted)}
    for key in sorted(wanted - found.keys()):
        found[key] = _place_from_gazetteer(key)
    return found


def _place_from_gazetteer(key: str) -> Place:
    existing = Place.objects.filter(key=key).first()
    if existing:
        return existing
    entry = gazetteer.place(key)
    place = Place.objects.create(
        key=key,
        name=entry.name,
        type=entry.type,
        part_of=_place_from_gazetteer(entry.part_of) if entry.part_of else None,
        latitude=entry.latitude,
        longitude=entry.longitude,
        wikidata=entry.wikidata or "",
    )
    PlaceName.objects.bulk_create(
        PlaceName(
            place=place,
            name=n.text,
            lang=n.lang,
            valid_from=str(n.start) if n.start else "",
            valid_to=str(n.end) if n.end else "",
        )
        for n in entry.names
    )
    return place


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
    writer = _BatchWriter(source, batch, drafts, places)
    for start in range(0, len(drafts), BULK_SIZE):
        writer.write(drafts[start : start + BULK_SIZE], start)
        if progress:
            progress(min(BULK_SIZE, len(drafts) - start))
    bulk.reset_sequences(Person, Record, Name, Event)
    if len(drafts) >= ANALYZE_AFTER_ROWS:
        bulk.analyze(Person, Record, Name, Event)
    persons_changed.send(sender=Person, person_ids=set(writer.person_ids))
    audit(
        actor,
        "import_batch",
        "import_batch",
        batch.pk,
        new={"file": file_name, "sha256": sha256, "records": len(drafts), "source": source.name},
    )
    return batch


def write_record_of_person(source: Source, draft: RecordDraft, person: Person) -> int:
    """Write one draft as a new record of an existing person, outside any import batch, with
    the importer's own writer. The caller holds the transaction and writes the audit row."""
    places = ensure_places(k for e in draft.events for k in (e.place_key, e.origin_key))
    writer = _BatchWriter(source, None, [draft], places, person=person)
    writer.write([draft], 0)
    bulk.reset_sequences(Record, Name, Event)
    return writer.record_ids[0]


class _BatchWriter:
    """Writes drafts chunk by chunk with ids reserved for the whole batch up front. With
    `person`, every draft becomes a record of that existing person instead of a new one."""

    PERSON = ["id", "sort_name", "display_name", "birth_year", "sex", "is_private", "is_living",
              "is_synthetic", "created_at"]  # fmt: skip
    RECORD = ["id", "source", "batch", "record_id", "row_number", "person", "original", "fields",
              "sex", "birth_edtf", "birth_lower", "birth_upper", "is_private"]  # fmt: skip
    NAME = ["id", "record", "type", "surname", "given_name", "patronymic", "full_text", "lang",
            "scheme", "is_private"]  # fmt: skip
    EVENT = ["id", "record", "type", "date_edtf", "date_lower", "date_upper", "date_text",
             "calendar", "place", "place_text", "origin", "origin_text", "transport",
             "institution", "charge", "legal_article", "term", "text", "is_private"]  # fmt: skip
    CITATION = ["source", "content_type", "object_id", "locator", "text_as_recorded"]

    def __init__(self, source, batch, drafts, places, person=None):
        self.source, self.batch, self.places = source, batch, places
        self.now = bulk.db_datetime(timezone.now())
        self.new_persons = person is None
        self.person_ids = (
            bulk.reserve_ids(Person, len(drafts)) if person is None else [person.pk] * len(drafts)
        )
        self.record_ids = bulk.reserve_ids(Record, len(drafts))
        self.name_ids = iter(bulk.reserve_ids(Name, sum(len(d.names) for d in drafts)))
        self.event_ids = iter(bulk.reserve_ids(Event, sum(len(d.events) for d in drafts)))
        self.content_types = {
            model: ContentType.objects.get_for_model(model).pk for model in (Record, Name, Event)
        }

    def write(self, drafts, offset):
        persons, records, names, events, citations = [], [], [], [], []
        for i, d in enumerate(drafts, start=offset):
            person_id, record_id = self.person_ids[i], self.record_ids[i]
            if self.new_persons:
                summary = person_summary([n.full_text for n in d.names], d.birth_lower)
                persons.append((person_id, summary["sort_name"], summary["display_name"],
                                summary["birth_year"], d.sex, d.is_private, d.is_living,
                                self.source.is_synthetic, self.now))  # fmt: skip
            batch_id = self.batch.pk if self.batch else None
            records.append((record_id, self.source.pk, batch_id, d.record_id, d.row_number,
                            person_id, bulk.as_json(d.original), bulk.as_json(d.fields), d.sex,
                            d.birth_edtf, d.birth_lower, d.birth_upper, d.is_private))  # fmt: skip
            self._cite(citations, Record, record_id, d.locator)
            for n in d.names:
                name_id = next(self.name_ids)
                names.append((name_id, record_id, n.type, n.surname, n.given_name, n.patronymic,
                              n.full_text, n.lang, n.scheme, d.is_private))  # fmt: skip
                self._cite(citations, Name, name_id, n.locator)
            for e in d.events:
                event_id = next(self.event_ids)
                place, origin = self.places.get(e.place_key), self.places.get(e.origin_key)
                events.append((event_id, record_id, e.type, e.date_edtf, e.date_lower,
                               e.date_upper, e.date_text, e.calendar, place and place.pk,
                               e.place_text, origin and origin.pk, e.origin_text, e.transport,
                               e.institution, e.charge, e.legal_article, e.term, e.text,
                               d.is_private))  # fmt: skip
                self._cite(citations, Event, event_id, e.locator)
        bulk.insert_rows(Person, self.PERSON, persons)
        bulk.insert_rows(Record, self.RECORD, records)
        bulk.insert_rows(Name, self.NAME, names)
        bulk.insert_rows(Event, self.EVENT, events)
        bulk.insert_rows(Citation, self.CITATION, citations)

    def _cite(self, citations, model, object_id, locator):
        if locator:
            citations.append((self.source.pk, self.content_types[model], object_id, locator, ""))


def _cite(source, facts_with_locators):
    if not facts_with_locators:
        return
    content_type = ContentType.objects.get_for_model(facts_with_locators[0][0])
    Citation.objects.bulk_create(
        Citation(source=source, content_type=content_type, object_id=fact.pk, locator=locator)
        for fact, locator in facts_with_locators
    )


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


_REVERSERS = {}


def reversible(action: str):
    """Register how to reverse a named action (so do_undo can); other apps register theirs."""

    def register(function):
        _REVERSERS[action] = function
        return function

    return register


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


@reversible("decide_match")
def _reverse_match_decision(entry, actor, reason):
    """Back to the queue: the verdict is withdrawn and the merge or split it made undone."""
    if entry.new.get("change"):
        do_undo(AuditEntry.objects.get(pk=entry.new["change"]), actor, reason)
    MatchProposal.objects.filter(pk=entry.object_id).update(
        status=entry.old["status"], deferred=entry.old["deferred"], decided_by="", decided_at=None
    )


@reversible("decide_relationship")
def _reverse_relationship_decision(entry, actor, reason):
    Relationship.objects.filter(pk=entry.object_id).update(
        status=entry.old["status"], decided_by="", decided_at=None
    )


@transaction.atomic
def do_create_place(key, name, type, actor, names=(), part_of=None, **details) -> Place:
    """A place known from a source rather than the gazetteer (an orphanage, a camp point)."""
    place = Place.objects.create(key=key, name=name, type=type, part_of=part_of, **details)
    PlaceName.objects.bulk_create(PlaceName(place=place, **n) for n in names)
    audit(actor, "create_place", "place", key, new={"name": name, "type": type})
    return place


@transaction.atomic
def do_add_relationship(
    type,
    a: Person,
    b: Person,
    actor,
    *,
    status="proposed",
    score=None,
    reasons=(),
    source=None,
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
    audit(
        actor,
        "add_relationship",
        "relationship",
        relationship.pk,
        new={"type": type, "a": a.pk, "b": b.pk, **values} | {"decided_at": None},
    )
    return relationship


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


@transaction.atomic
def do_decide_relationship(relationship: Relationship, verdict: str, actor: str) -> AuditEntry:
    """Confirm or reject a proposed family link; `do_undo` puts it back to proposed."""
    if verdict not in ("confirmed", "rejected"):
        raise ActionError(f"unknown verdict {verdict!r}: use confirmed or rejected")
    relationship = Relationship.objects.select_for_update().get(pk=relationship.pk)
    old = {"status": relationship.status}
    relationship.status = verdict
    relationship.decided_by, relationship.decided_at = actor, timezone.now()
    relationship.save(update_fields=["status", "decided_by", "decided_at"])
    return audit(
        actor,
        "decide_relationship",
        "relationship",
        relationship.pk,
        old=old,
        new={"status": verdict},
    )
