"""Building and updating the search index from the registry.

`rebuild_index()` streams every public name and record once, drops the index's own indexes,
bulk-loads (COPY on PostgreSQL, executemany on SQLite) and builds the indexes afterwards.
`index_persons()` redoes the rows of a few persons; the persons_changed receiver calls it
inside the writing transaction, so the index never disagrees with committed registry state.
Merges (persons_merged) move rows instead of recomputing them.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, repeat

import pyarrow as pa
from django.db import connection, transaction

from alzhir.registry import bulk
from alzhir.registry.models import Event, Name, Person, Record
from alzhir.registry.queries import RowsByRecord
from alzhir.registry.visibility import is_public_draft
from alzhir.search import fulltext
from alzhir.search.keys import deletion_hashes, index_terms
from alzhir.search.models import NameKey, SurnameNeighbour, TextDocument

CHUNK = 5000
REBUILD_MIN_PERSONS = 10_000
REBUILD_SHARE = 0.15
LOAD_BATCH = 200_000
_deferred = threading.local()
INDEX_TABLES = (NameKey, SurnameNeighbour, TextDocument)
MOVED_TABLES = (NameKey, TextDocument)


@contextlib.contextmanager
def deferred_indexing():
    """Skip index updates inside the block (a bulk load); call rebuild_index() afterwards."""
    previous = getattr(_deferred, "active", False)
    _deferred.active = True
    try:
        yield
    finally:
        _deferred.active = previous


def on_persons_changed(sender, person_ids, imported=False, **kwargs):
    if imported or getattr(_deferred, "active", False):  # imported: ImportIndexer wrote them
        return
    if _large_share_of_registry(len(person_ids)):
        rebuild_index()
    else:
        index_persons(person_ids)


def on_persons_importing(sender, count: int, **kwargs) -> ImportIndexer | None:
    if getattr(_deferred, "active", False):
        return None
    return ImportIndexer(drop_indexes=_large_share_of_registry(count))


PREPARED_AS = "search"  # the name of index_rows_of_draft in signals.draft_preparers


def index_rows_of_draft(draft) -> tuple | None:
    """What the index holds of an imported record, made where the import makes its records
    ready: its name terms, the phonetic surnames among them, and its text document; None for a
    record that will not be public. Reads no table: it runs in the import's worker process."""
    if not is_public_draft(draft):
        return None
    terms: set[int] = set()
    phonetic: set[str] = set()
    for n in draft.names:
        found, surnames = index_terms(n.surname, n.given_name, n.patronymic, n.full_text)
        terms |= found
        phonetic.update(surnames)
    texts = [
        t for e in draft.events for t in (e.text, e.place_text, e.origin_text, e.institution) if t
    ]
    body = fulltext.document_body(draft.fields, texts)
    return tuple(terms), tuple(phonetic), body


class ImportIndexer:
    """The index rows of an import's new persons (one record each) from the values the import
    parsed, in the same pass as it writes them: rebuilding after it read a million rows back
    and parsed every name again (462 s at 1,000,000 rows on SQLite, docs/benchmarks.md). The
    rows are those index_persons() would write. With `drop_indexes` (where a rebuild would
    have followed),
    the index's own indexes are dropped and built after, and the name keys loaded in term
    order (see _by_term)."""

    def __init__(self, drop_indexes: bool):
        self.bulk = drop_indexes
        self.keys: list[tuple[pa.Array, pa.Array]] = []
        self.surnames: set[str] = set()
        if drop_indexes:
            _drop_indexes()

    def write(self, rows) -> None:
        persons, counts, terms, documents = [], [], [], []
        for person_id, record_id, ready in rows:
            prepared = ready.derived[PREPARED_AS]
            if prepared is None:
                continue
            found, phonetic, body = prepared
            persons.append(person_id)
            counts.append(len(found))
            terms += found
            self.surnames.update(phonetic)
            if body:
                documents.append((person_id, record_id, body))
        owners = list(chain.from_iterable(map(repeat, persons, counts)))
        if self.bulk:
            self.keys.append((pa.array(terms, pa.int64()), pa.array(owners, pa.int64())))
        else:
            _insert_keys(list(zip(terms, owners, strict=True)))
        fulltext.insert_documents(documents)

    def finish(self) -> None:
        _insert_neighbours(_neighbour_rows(_new_surnames(self.surnames)))
        if self.bulk:
            for batch in _by_term(self.keys):
                _insert_keys(batch)
            self.keys = []
            _after_bulk_load()


def _after_bulk_load(models=INDEX_TABLES) -> None:
    """The index's own indexes, dropped for the load, built again; the planner's statistics
    for the queries that follow in the same transaction; VACUUM once it commits."""
    _create_indexes(models)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    bulk.vacuum_after_commit(*models)


def on_persons_merged(sender, target_of: dict[int, int], **kwargs):
    """The rows of merged-away persons go to the person they joined. A person's rows are the
    union of her records' rows, so this is the index a rebuild would give, with no term
    recomputed: a million-record linkage run spent most of its writing time rebuilding."""
    if getattr(_deferred, "active", False) or not target_of:
        return
    if _large_share_of_registry(len(target_of)):
        _move_all_at_once(target_of)
        return
    moves = [(target, other) for other, target in target_of.items()]
    bulk.update_rows(NameKey, ["person"], moves, key="person")
    bulk.update_rows(TextDocument, ["person"], moves, key="person")
    with connection.cursor() as cursor:
        for chunk in bulk.batched(sorted(set(target_of.values())), CHUNK):
            # a term both persons had is now there twice for the one person
            cursor.execute(
                "DELETE FROM search_namekey WHERE id IN (SELECT k.id FROM search_namekey k "
                "JOIN search_namekey o ON o.term = k.term AND o.person_id = k.person_id "
                f"AND o.id < k.id WHERE k.person_id IN ({', '.join(['%s'] * len(chunk))}))",
                chunk,
            )


def _move_all_at_once(target_of: dict[int, int]) -> None:
    """A merge of a large share of the registry (a linkage run's) moves the rows in one pass
    over each table, their indexes dropped and built again after. Row by row through the
    indexes, a million-record run's 316,000 merges took 133 s (in a profile, 44 % moving rows
    and 56 % finding the terms a person then held twice); in one pass 57 s, and 33 s with the
    term index built before the twice-held terms are looked up in it (docs/benchmarks.md)."""
    _drop_indexes(MOVED_TABLES)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE search_moves (other bigint PRIMARY KEY, target bigint NOT NULL)"
        )
        for chunk in bulk.batched(target_of.items(), 50_000):
            others, targets = zip(*chunk, strict=True)
            if connection.vendor == "postgresql":
                cursor.execute(
                    "INSERT INTO search_moves SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
                    [list(others), list(targets)],
                )
            else:
                cursor.executemany("INSERT INTO search_moves VALUES (%s, %s)", chunk)
        for model in MOVED_TABLES:
            table = model._meta.db_table
            cursor.execute(
                f"UPDATE {table} SET person_id = m.target FROM search_moves m "
                f"WHERE m.other = {table}.person_id"
            )
        (term_index,) = [i for i in NameKey._meta.indexes if i.name == "search_namekey_term"]
        _create_index(cursor, NameKey, term_index)
        # a term both persons had is now there twice for the one person
        cursor.execute(
            "DELETE FROM search_namekey AS k WHERE k.person_id IN (SELECT target FROM "
            "search_moves) AND EXISTS (SELECT 1 FROM search_namekey o WHERE o.term = k.term "
            "AND o.person_id = k.person_id AND o.id < k.id)"
        )
        cursor.execute("DROP TABLE search_moves")
    _after_bulk_load(MOVED_TABLES)


def _large_share_of_registry(changed: int) -> bool:
    """Whether a change takes the bulk path: a rebuild, an import writing the index with its
    indexes dropped, a merge's rows moved in one pass. Redoing one person's rows costs about
    six times what a rebuild spends on one person (0.8 ms in a profile of a 20,000-record
    linkage run, against 134 s for a million persons in bench/search_bench.py), so a change
    touching a large share of the registry is cheaper in bulk. Small changes never pay for
    the count."""
    if changed < REBUILD_MIN_PERSONS:
        return False
    return changed > Person.objects.filter(merged_into=None).count() * REBUILD_SHARE


def _public_names(person_ids: list[int] | None = None):
    names = Name.objects.public()
    if person_ids is not None:
        names = names.filter(record__person_id__in=person_ids)
    return names.order_by("record__person_id").values_list(
        "record__person_id", "surname", "given_name", "patronymic", "full_text"
    )


def _rows(queryset, size: int = 20_000) -> Iterator[tuple]:
    """The queryset's rows as the driver returns them: Django's per-row conversion costs more
    than the rebuild's own work on a million rows. Streams (a server-side cursor on
    PostgreSQL); JSON comes as text on both databases."""
    sql, params = queryset.query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(size):
            yield from rows


def _key_rows(names, surnames: set[str], size: int = LOAD_BATCH) -> Iterator[list[tuple[int, int]]]:
    """Batches of about `size` (term, person_id) rows, each term once per person; names come
    ordered by person. The phonetic surname keys met on the way are added to `surnames`."""
    rows, current, terms = [], None, set()
    for person_id, surname, given, patronymic, full_text in names:
        if person_id != current:
            rows.extend(zip(terms, repeat(current)))
            if len(rows) >= size:
                yield rows
                rows = []
            current, terms = person_id, set()
        found, phonetic = index_terms(surname, given, patronymic, full_text)
        terms |= found
        surnames.update(phonetic)
    rows.extend(zip(terms, repeat(current)))
    if rows:
        yield rows


def _key_arrays(batch: list[tuple[int, int]]) -> tuple[pa.Array, pa.Array]:
    """(terms, persons) of a batch of key rows, as Arrow holds them: a tenth of the memory of
    Python tuples."""
    terms = pa.array([term for term, _ in batch], pa.int64())
    return terms, pa.array([person for _, person in batch], pa.int64())


def _by_term(batches: Iterable[tuple[pa.Array, pa.Array]]) -> Iterator[list[tuple[int, int]]]:
    """The rows again, ordered by term and person. The term index is then built from rows
    already in its order: SQLite's CREATE INDEX spent 14 s of a million-person rebuild sorting
    8 million random terms, which Arrow sorts in about two (docs/benchmarks.md)."""
    terms, persons = [], []
    for term_array, person_array in batches:
        terms.append(term_array)
        persons.append(person_array)
    columns = {"term": terms, "person": persons}
    rows = pa.table({k: pa.chunked_array(v, pa.int64()) for k, v in columns.items()})
    rows = rows.sort_by([("term", "ascending"), ("person", "ascending")])
    for chunk in rows.to_batches(LOAD_BATCH):
        yield list(zip(chunk["term"].to_pylist(), chunk["person"].to_pylist(), strict=True))


def _neighbour_rows(surnames: Iterable[str]) -> list[tuple[int, str]]:
    return [(deletion, p) for p in surnames for deletion in deletion_hashes(p)]


def _new_surnames(surnames: set[str]) -> set[str]:
    """Those of the surnames not yet in the neighbour table (a surname is there under itself).
    Rows are only removed by a rebuild: a surname no longer in the index leads a query to
    probes that find nobody, which costs little."""
    known = set()
    for chunk in bulk.batched(sorted(surnames), CHUNK):  # SQLite takes 32,766 parameters
        own = [deletion_hashes(p)[0] for p in chunk]
        rows = SurnameNeighbour.objects.filter(deletion__in=own, phonetic__in=chunk)
        known.update(rows.values_list("phonetic", flat=True))
    return surnames - known


def _documents(person_ids: list[int] | None = None) -> Iterator[tuple[int, int, str]]:
    """(person_id, record_id, body) of public records with text that is not names."""
    records = Record.objects.public().order_by("id")
    events = Event.objects.public().order_by("record_id")
    if person_ids is not None:
        records = records.filter(person_id__in=person_ids)
        events = events.filter(record__person_id__in=person_ids)
    event_rows = RowsByRecord(_rows(events.values_list("record_id", *fulltext.EVENT_TEXT_FIELDS)))
    for record_id, person_id, fields in _rows(records.values_list("id", "person_id", "fields")):
        texts = [t for event in event_rows.take(record_id) for t in event[1:] if t]
        body = fulltext.document_body((json.loads(fields) if fields else None) or {}, texts)
        if body:
            yield person_id, record_id, body


def _insert(table: str, columns: tuple[str, str], rows: list[tuple]) -> None:
    """Bulk load: COPY on PostgreSQL, one prepared statement on SQLite."""
    if not rows:
        return
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            # the driver's own cursor: Django's wrapper re-reads every parameter tuple
            cursor.cursor.executemany(f"INSERT INTO {table} ({names}) VALUES (?, ?)", rows)


def _insert_keys(rows: list[tuple[int, int]]) -> None:
    _insert("search_namekey", ("term", "person_id"), rows)


def _insert_neighbours(rows: list[tuple[int, str]]) -> None:
    _insert("search_surnameneighbour", ("deletion", "phonetic"), rows)


@transaction.atomic
def index_persons(person_ids: Iterable[int]) -> None:
    """Recompute the index rows of these persons from their current public records."""
    for chunk in bulk.batched(sorted(person_ids), CHUNK):
        NameKey.objects.filter(person_id__in=chunk).delete()
        fulltext.delete_documents(chunk)
        surnames: set[str] = set()
        for rows in _key_rows(_rows(_public_names(chunk)), surnames):
            _insert_keys(rows)
        _insert_neighbours(_neighbour_rows(_new_surnames(surnames)))
        fulltext.insert_documents(list(_documents(chunk)))


def _drop_indexes(models=INDEX_TABLES) -> None:
    with connection.cursor() as cursor:
        for model in models:
            for index in model._meta.indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {index.name}")


def _create_indexes(models=INDEX_TABLES) -> None:
    """The models' Meta.indexes as plain SQL: SQLite's schema editor refuses to run inside a
    transaction, and a rebuild must be one."""
    with connection.cursor() as cursor:
        for model in models:
            for index in model._meta.indexes:
                _create_index(cursor, model, index)


def _create_index(cursor, model, index) -> None:
    columns = ", ".join(model._meta.get_field(f).column for f in index.fields)
    cursor.execute(f"CREATE INDEX IF NOT EXISTS {index.name} ON {model._meta.db_table} ({columns})")


@transaction.atomic
def rebuild_index(progress: Callable[[str], None] | None = None) -> dict:
    """Rebuild the whole index from the registry; returns counts and seconds per stage."""
    say = progress or (lambda message: None)
    started = time.perf_counter()
    _drop_indexes()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_namekey")
        cursor.execute("DELETE FROM search_surnameneighbour")
    fulltext.clear_documents()
    key_count, surnames = 0, set()
    for batch in _by_term(map(_key_arrays, _key_rows(_rows(_public_names(), 50_000), surnames))):
        _insert_keys(batch)
        key_count += len(batch)
        say(f"{key_count} name keys")
    neighbours = _neighbour_rows(surnames)
    _insert_neighbours(neighbours)
    keys_done = time.perf_counter()
    document_count = 0
    for batch in bulk.batched(_documents(), LOAD_BATCH // 4):
        fulltext.insert_documents(batch)
        document_count += len(batch)
        say(f"{document_count} text documents")
    loaded = time.perf_counter()
    _after_bulk_load()
    done = time.perf_counter()
    return {
        "name_keys": key_count,
        "surname_neighbours": len(neighbours),
        "documents": document_count,
        "keys_seconds": round(keys_done - started, 1),
        "documents_seconds": round(loaded - keys_done, 1),
        "indexes_seconds": round(done - loaded, 1),
        "seconds": round(done - started, 1),
    }
