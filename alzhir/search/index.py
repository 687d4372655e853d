"""Building and updating the search index from the registry.

`rebuild_index()` streams every public name and record once, drops the index's own indexes,
bulk-loads (COPY on PostgreSQL, executemany on SQLite) and builds the indexes afterwards.
`index_persons()` redoes the rows of a few persons; the persons_changed receiver calls it
inside the writing transaction, so the index never disagrees with committed registry state.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction

from alzhir.registry.models import Event, Name, Record
from alzhir.search import fulltext
from alzhir.search.keys import index_terms
from alzhir.search.models import NameKey, TextDocument

CHUNK = 5000
LOAD_BATCH = 200_000
_deferred = threading.local()


@contextlib.contextmanager
def deferred_indexing():
    """Skip index updates inside the block (a bulk load); call rebuild_index() afterwards."""
    previous = getattr(_deferred, "active", False)
    _deferred.active = True
    try:
        yield
    finally:
        _deferred.active = previous


def on_persons_changed(sender, person_ids, **kwargs):
    if not getattr(_deferred, "active", False):
        index_persons(person_ids)


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    ids = sorted(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _public_names(person_ids: list[int] | None = None):
    names = Name.objects.filter(is_private=False, record__is_private=False)
    if person_ids is not None:
        names = names.filter(record__person_id__in=person_ids)
    return names.order_by("record__person_id").values_list(
        "record__person_id", "surname", "given_name", "patronymic", "full_text"
    )


def _key_rows(names) -> Iterator[tuple[int, int]]:
    """(term, person_id) rows, each term once per person; names come ordered by person."""
    current, terms = None, set()
    for person_id, surname, given, patronymic, full_text in names:
        if person_id != current:
            yield from ((term, current) for term in terms)
            current, terms = person_id, set()
        terms |= index_terms(surname, given, patronymic, full_text)
    yield from ((term, current) for term in terms)


def _documents(person_ids: list[int] | None = None) -> Iterator[tuple[int, int, str]]:
    """(person_id, record_id, body) of public records with text that is not names."""
    records = Record.objects.filter(is_private=False).order_by("id")
    events = Event.objects.filter(is_private=False, record__is_private=False).order_by("record_id")
    if person_ids is not None:
        records = records.filter(person_id__in=person_ids)
        events = events.filter(record__person_id__in=person_ids)
    event_rows = events.values_list("record_id", *fulltext.EVENT_TEXT_FIELDS).iterator(20_000)
    pending = next(event_rows, None)
    for record_id, person_id, fields in records.values_list("id", "person_id", "fields").iterator(
        20_000
    ):
        texts = []
        while pending is not None and pending[0] <= record_id:
            if pending[0] == record_id:
                texts += [t for t in pending[1:] if t]
            pending = next(event_rows, None)
        body = fulltext.document_body(fields or {}, texts)
        if body:
            yield person_id, record_id, body


def _insert_keys(rows: list[tuple[int, int]]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy("COPY search_namekey (term, person_id) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany("INSERT INTO search_namekey (term, person_id) VALUES (%s, %s)", rows)


def _batched(rows: Iterable, size: int) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@transaction.atomic
def index_persons(person_ids: Iterable[int]) -> None:
    """Recompute the index rows of these persons from their current public records."""
    for chunk in _chunks(person_ids):
        NameKey.objects.filter(person_id__in=chunk).delete()
        fulltext.delete_documents(chunk)
        _insert_keys(list(_key_rows(_public_names(chunk))))
        fulltext.insert_documents(list(_documents(chunk)))


def _drop_indexes() -> None:
    with connection.cursor() as cursor:
        for model in (NameKey, TextDocument):
            for index in model._meta.indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {index.name}")


def _create_indexes() -> None:
    """The models' Meta.indexes as plain SQL: SQLite's schema editor refuses to run inside a
    transaction, and a rebuild must be one."""
    with connection.cursor() as cursor:
        for model in (NameKey, TextDocument):
            for index in model._meta.indexes:
                columns = ", ".join(model._meta.get_field(f).column for f in index.fields)
                cursor.execute(f"CREATE INDEX {index.name} ON {model._meta.db_table} ({columns})")


@transaction.atomic
def rebuild_index(progress: Callable[[str], None] | None = None) -> dict:
    """Rebuild the whole index from the registry; returns counts and seconds per stage."""
    say = progress or (lambda message: None)
    started = time.perf_counter()
    _drop_indexes()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_namekey")
    fulltext.clear_documents()
    key_count = 0
    for batch in _batched(_key_rows(_public_names().iterator(50_000)), LOAD_BATCH):
        _insert_keys(batch)
        key_count += len(batch)
        say(f"{key_count} name keys")
    keys_done = time.perf_counter()
    document_count = 0
    for batch in _batched(_documents(), LOAD_BATCH // 4):
        fulltext.insert_documents(batch)
        document_count += len(batch)
        say(f"{document_count} text documents")
    loaded = time.perf_counter()
    _create_indexes()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    done = time.perf_counter()
    return {
        "name_keys": key_count,
        "documents": document_count,
        "keys_seconds": round(keys_done - started, 1),
        "documents_seconds": round(loaded - keys_done, 1),
        "indexes_seconds": round(done - loaded, 1),
        "seconds": round(done - started, 1),
    }
