"""Sources and imports: a file's validated rows written as records, each its own person."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import repeat

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from alzhir.registry import bulk
from alzhir.registry.actions.base import ActionError, audit, declare
from alzhir.registry.actions.places import ensure_places
from alzhir.registry.drafts import RecordDraft
from alzhir.registry.models import (
    Citation,
    Event,
    ImportBatch,
    Name,
    Person,
    Place,
    Record,
    Source,
)
from alzhir.registry.ready import (
    EVENT_COLUMNS,
    NAME_COLUMNS,
    ORIGIN_AT,
    PLACE_AT,
    ReadyRecord,
    ready_record,
)
from alzhir.registry.reimport import Partition, Partitioner
from alzhir.registry.signals import persons_changed, persons_importing

BULK_SIZE = 2000

declare("create_source", "registry.add_source", "not undone: a source with no records shows none")
declare(
    "import_batch",
    "registry.add_importbatch",
    "not undone: records are evidence, kept as imported; make any of them private instead",
)


ANALYZE_AFTER_ROWS = 1000


@transaction.atomic
def do_create_source(name: str, actor: str, **details) -> Source:
    source = Source.objects.create(name=name, **details)
    audit(actor, "create_source", "source", source.pk, new={"name": name, **details})
    return source


@transaction.atomic
def get_or_create_source(name: str, actor: str, **details) -> Source:
    """The source of that name, created (and audited) if there is none; safe when another
    transaction creates it at the same moment (its unique name decides, and we take theirs)."""
    source, created = Source.objects.get_or_create(name=name, defaults=details)
    if created:
        audit(actor, "create_source", "source", source.pk, new={"name": name, **details})
    return source


class AlreadyImported(ActionError):
    """This very file (by its sha256) is already in the source."""


@dataclass
class FileImport:
    """What importing a file did: its batch, and how its rows stood against the source."""

    batch: ImportBatch
    rows: Partition


@transaction.atomic
def do_import_file(
    source_name: str,
    drafts: Iterable[RecordDraft | ReadyRecord],
    *,
    file_name: str,
    sha256: str,
    profile: str,
    row_count: int,
    valid_count: int,
    actor: str,
    source_details: dict | None = None,
    progress=None,
    on_new: Callable[[list[ReadyRecord]], None] | None = None,
) -> FileImport:
    """Import a file's validated rows (`valid_count` of them, streamed) into a source, created
    if new, all in one transaction: a refused, failed or killed import leaves nothing, not even
    the source. Rows whose record id the source has already are not written again: unchanged
    ones are skipped, changed ones reported (a record is never written over). `on_new` sees
    each chunk of the rows written. The drafts may come made ready (`ready_record`), as an
    import's worker process makes them."""
    source = get_or_create_source(source_name, actor, **(source_details or {}))
    # Under the locks, another import of this source or file has finished or not started.
    bulk.lock_tables(Place, Person, Record, Name, Event)
    split = Partitioner(source)

    def new_drafts():
        for new in split.new_chunks(map(ready_record, drafts), BULK_SIZE):
            if on_new:
                on_new(new)
            yield from new

    batch = do_import_batch(
        source, new_drafts(), file_name=file_name, sha256=sha256, profile=profile,
        row_count=row_count, actor=actor, progress=progress, expected=valid_count,
    )  # fmt: skip
    # Rows left out are rejected, invalid or changed; the unchanged are neither imported nor
    # rejected (the batch's counts then fall short of its rows by them).
    batch.rejected_count = row_count - valid_count + len(split.rows.changed)
    batch.save(update_fields=["rejected_count"])
    return FileImport(batch, split.rows)


@transaction.atomic
def do_import_batch(
    source: Source,
    drafts: Iterable[RecordDraft | ReadyRecord],
    *,
    file_name: str,
    sha256: str,
    profile: str,
    row_count: int,
    actor: str,
    progress=None,
    expected: int | None = None,
) -> ImportBatch:
    """Write validated drafts, chunk by chunk as they come: each record becomes its own person
    (a fresh record is its own conclusion until linkage or an archivist says otherwise).
    `expected` is how many drafts there may be at most (default: len(drafts))."""
    if ImportBatch.objects.filter(source=source, sha256=sha256).exists():
        raise AlreadyImported(f"{file_name} was already imported into {source.name}")
    expected = len(drafts) if expected is None else expected
    batch = ImportBatch.objects.create(
        source=source, file_name=file_name, sha256=sha256, profile=profile, row_count=row_count,
        imported_count=0, rejected_count=0, imported_by=actor,
    )  # fmt: skip
    writer = _BatchWriter(source, batch)
    derived = [w for _, w in persons_importing.send(sender=Person, count=expected) if w]
    person_ids = []
    with bulk.indexes_built_after((Person, Record, Name, Event, Citation), expected):
        for chunk in bulk.batched(map(ready_record, drafts), BULK_SIZE):
            ids = writer.write(chunk)
            person_ids += (person for person, _ in ids)
            rows = [(person, record, d) for (person, record), d in zip(ids, chunk, strict=True)]
            for w in derived:
                w.write(rows)
            if progress:
                progress(len(chunk))
    for w in derived:
        w.finish()
    batch.imported_count = len(person_ids)
    batch.rejected_count = row_count - len(person_ids)
    batch.save(update_fields=["imported_count", "rejected_count"])
    bulk.reset_sequences(Person, Record, Name, Event)
    if len(person_ids) >= ANALYZE_AFTER_ROWS:
        bulk.analyze(Person, Record, Name, Event)
    persons_changed.send(sender=Person, person_ids=set(person_ids), imported=True)
    audit(
        actor,
        "import_batch",
        "import_batch",
        batch.pk,
        new={"file": file_name, "sha256": sha256, "records": len(person_ids),
             "source": source.name},
    )  # fmt: skip
    return batch


def write_record_of_person(source: Source, draft: RecordDraft, person: Person) -> int:
    """Write one draft as a new record of an existing person, outside any import batch, with
    the importer's own writer. The caller holds the transaction and writes the audit row."""
    [(_, record_id)] = _BatchWriter(source, None, person=person).write([ready_record(draft)])
    bulk.reset_sequences(Record, Name, Event)
    return record_id


class _BatchWriter:
    """Writes ready records chunk by chunk, ids taken in the order the rows were read. With
    `person`, every record becomes a record of that existing person instead of a new one."""

    PERSON = ["id", "sort_name", "display_name", "birth_year", "sex", "role", "is_synthetic",
              "has_public_records", "merged_records", "created_at"]  # fmt: skip
    RECORD = ["id", "source", "batch", "record_id", "row_number", "person", "original", "fields",
              "sex", "birth_edtf", "birth_lower", "birth_upper", "is_private", "role"]  # fmt: skip
    NAME = ["id", "record", *NAME_COLUMNS]
    EVENT = ["id", "record", *EVENT_COLUMNS]
    CITATION = ["source", "content_type", "object_id", "locator", "text_as_recorded"]

    def __init__(self, source, batch, person=None):
        self.source, self.batch, self.places = source, batch, {}
        self.now = bulk.db_datetime(timezone.now())
        self.new_persons = person is None
        # Places first: the order every writer takes the tables in (bulk.lock_tables).
        bulk.lock_tables(Place)
        self.person_ids = bulk.free_ids(Person) if person is None else repeat(person.pk)
        self.record_ids = bulk.free_ids(Record)
        self.name_ids = bulk.free_ids(Name)
        self.event_ids = bulk.free_ids(Event)
        self.content_types = {
            model: ContentType.objects.get_for_model(model).pk for model in (Record, Name, Event)
        }

    def write(self, ready: list[ReadyRecord]) -> list[tuple[int, int]]:
        """Write the records; their (person id, record id)s."""
        keys = {e[at] for r in ready for e in r.events for at in (PLACE_AT, ORIGIN_AT)} - {""}
        if keys - self.places.keys():
            found = ensure_places(keys - self.places.keys())
            self.places.update((key, place.pk) for key, place in found.items())
        persons, records, names, events, citations, ids = [], [], [], [], [], []
        places, synthetic = self.places, self.source.is_synthetic
        batch_id = self.batch.pk if self.batch else None
        for r in ready:
            person_id, record_id = next(self.person_ids), next(self.record_ids)
            ids.append((person_id, record_id))
            if self.new_persons:
                public = not r.is_private
                persons.append((person_id, *r.face, r.role, synthetic, public, "[]", self.now))
            records.append((record_id, self.source.pk, batch_id, r.record_id, r.row_number,
                            person_id, r.original, r.fields, r.sex, r.birth_edtf, r.birth_lower,
                            r.birth_upper, r.is_private, r.role))  # fmt: skip
            self._cite(citations, Record, record_id, r.locator)
            for *values, locator in r.names:
                name_id = next(self.name_ids)
                names.append((name_id, record_id, *values))
                self._cite(citations, Name, name_id, locator)
            for *values, locator in r.events:
                event_id = next(self.event_ids)
                values[PLACE_AT] = places.get(values[PLACE_AT])
                values[ORIGIN_AT] = places.get(values[ORIGIN_AT])
                events.append((event_id, record_id, *values))
                self._cite(citations, Event, event_id, locator)
        bulk.insert_rows(Person, self.PERSON, persons)
        bulk.insert_rows(Record, self.RECORD, records)
        bulk.insert_rows(Name, self.NAME, names)
        bulk.insert_rows(Event, self.EVENT, events)
        bulk.insert_rows(Citation, self.CITATION, citations)
        return ids

    def _cite(self, citations, model, object_id, locator):
        if locator:
            citations.append((self.source.pk, self.content_types[model], object_id, locator, ""))
