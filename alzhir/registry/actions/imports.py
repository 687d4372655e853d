"""Sources and imports: a file's validated rows written as records, each its own person."""

from collections.abc import Sequence
from dataclasses import dataclass

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
from alzhir.registry.reimport import Partition, partition
from alzhir.registry.signals import persons_changed, persons_importing
from alzhir.registry.summary import person_summary

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
    drafts: Sequence[RecordDraft],
    *,
    file_name: str,
    sha256: str,
    profile: str,
    row_count: int,
    actor: str,
    source_details: dict | None = None,
    progress=None,
) -> FileImport:
    """Import a file's validated rows into a source, created if new, all in one transaction:
    a refused, failed or killed import leaves nothing, not even the source. Rows whose record
    id the source has already are not written again: unchanged ones are skipped, changed ones
    reported (a record is never written over)."""
    source = get_or_create_source(source_name, actor, **(source_details or {}))
    # Under the locks, another import of this source or file has finished or not started.
    bulk.lock_tables(Place, Person, Record, Name, Event)
    rows = partition(source, list(drafts))
    # Rows left out are rejected, invalid or changed; the unchanged are neither imported nor
    # rejected (the batch's counts then fall short of its rows by them).
    batch = do_import_batch(
        source, rows.new, file_name=file_name, sha256=sha256, profile=profile,
        row_count=row_count, actor=actor, progress=progress,
        rejected_count=row_count - len(drafts) + len(rows.changed),
    )  # fmt: skip
    return FileImport(batch, rows)


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
    rejected_count: int | None = None,
) -> ImportBatch:
    """Write validated drafts: each record becomes its own person (a fresh record is its own
    conclusion until linkage or an archivist says otherwise)."""
    if ImportBatch.objects.filter(source=source, sha256=sha256).exists():
        raise AlreadyImported(f"{file_name} was already imported into {source.name}")
    batch = ImportBatch.objects.create(
        source=source,
        file_name=file_name,
        sha256=sha256,
        profile=profile,
        row_count=row_count,
        imported_count=len(drafts),
        rejected_count=row_count - len(drafts) if rejected_count is None else rejected_count,
        imported_by=actor,
    )
    places = ensure_places(k for d in drafts for e in d.events for k in (e.place_key, e.origin_key))
    writer = _BatchWriter(source, batch, drafts, places)
    derived = [w for _, w in persons_importing.send(sender=Person, count=len(drafts)) if w]
    with bulk.indexes_built_after((Person, Record, Name, Event, Citation), len(drafts)):
        for start in range(0, len(drafts), BULK_SIZE):
            end = start + BULK_SIZE
            chunk = drafts[start:end]
            writer.write(chunk, start)
            ids = zip(writer.person_ids[start:end], writer.record_ids[start:end], strict=True)
            rows = [(person, record, d) for (person, record), d in zip(ids, chunk, strict=True)]
            for w in derived:
                w.write(rows)
            if progress:
                progress(len(chunk))
    for w in derived:
        w.finish()
    bulk.reset_sequences(Person, Record, Name, Event)
    if len(drafts) >= ANALYZE_AFTER_ROWS:
        bulk.analyze(Person, Record, Name, Event)
    persons_changed.send(sender=Person, person_ids=set(writer.person_ids), imported=True)
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

    PERSON = ["id", "sort_name", "display_name", "birth_year", "sex", "role", "is_synthetic",
              "has_public_records", "merged_records", "created_at"]  # fmt: skip
    RECORD = ["id", "source", "batch", "record_id", "row_number", "person", "original", "fields",
              "sex", "birth_edtf", "birth_lower", "birth_upper", "is_private", "role"]  # fmt: skip
    NAME = ["id", "record", "type", "surname", "given_name", "patronymic", "full_text", "lang",
            "scheme"]  # fmt: skip
    EVENT = ["id", "record", "type", "date_edtf", "date_lower", "date_upper", "date_text",
             "calendar", "place", "place_text", "origin", "origin_text", "transport",
             "institution", "charge", "legal_article", "term", "text"]  # fmt: skip
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
                # A person's face shows her public records only: a private one leaves it blank.
                public = not d.is_private
                summary = person_summary(
                    [n.full_text for n in d.names] if public else [],
                    d.birth_lower if public else None,
                )
                persons.append((person_id, summary["sort_name"], summary["display_name"],
                                summary["birth_year"], d.sex if public else "U", d.role,
                                self.source.is_synthetic, public, "[]", self.now))  # fmt: skip
            batch_id = self.batch.pk if self.batch else None
            records.append((record_id, self.source.pk, batch_id, d.record_id, d.row_number,
                            person_id, bulk.as_json(d.original), bulk.as_json(d.fields), d.sex,
                            d.birth_edtf, d.birth_lower, d.birth_upper, d.is_private,
                            d.role))  # fmt: skip
            self._cite(citations, Record, record_id, d.locator)
            for n in d.names:
                name_id = next(self.name_ids)
                names.append((name_id, record_id, n.type, n.surname, n.given_name, n.patronymic,
                              n.full_text, n.lang, n.scheme))  # fmt: skip
                self._cite(citations, Name, name_id, n.locator)
            for e in d.events:
                event_id = next(self.event_ids)
                place, origin = self.places.get(e.place_key), self.places.get(e.origin_key)
                events.append((event_id, record_id, e.type, e.date_edtf, e.date_lower,
                               e.date_upper, e.date_text, e.calendar, place and place.pk,
                               e.place_text, origin and origin.pk, e.origin_text, e.transport,
                               e.institution, e.charge, e.legal_article, e.term,
                               e.text))  # fmt: skip
                self._cite(citations, Event, event_id, e.locator)
        bulk.insert_rows(Person, self.PERSON, persons)
        bulk.insert_rows(Record, self.RECORD, records)
        bulk.insert_rows(Name, self.NAME, names)
        bulk.insert_rows(Event, self.EVENT, events)
        bulk.insert_rows(Citation, self.CITATION, citations)

    def _cite(self, citations, model, object_id, locator):
        if locator:
            citations.append((self.source.pk, self.content_types[model], object_id, locator, ""))
