"""Fast inserts for imports of a million rows, with ids reserved up front: COPY on PostgreSQL,
one prepared statement on SQLite, because Django's bulk_create spends most of its time compiling
SQL per object. Callers hold the import transaction; ids stay ordered the way the rows were
read."""

import contextlib
import itertools
import json
from collections.abc import Iterable, Iterator

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max


def lock_tables(*models) -> None:
    """On PostgreSQL, lock the tables against other writers (readers go on) until the
    transaction ends. Writers take them in one order — places, then persons, records, names,
    events — so two of them cannot deadlock. SQLite has one writer at a time anyway."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"LOCK TABLE {model._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` items in order, the last shorter (itertools.batched once on 3.12)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def free_ids(model) -> Iterator[int]:
    """The ids after the last of `model`'s table, locked (`lock_tables`) until the transaction
    ends so that a parallel import cannot take the same ids: a streamed import need not know
    how many rows it will write."""
    lock_tables(model)
    return itertools.count((model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1)


def insert_rows(model, fields: list[str], rows) -> None:
    """Insert tuples of values for `fields` (model field names, `id` included), already in
    the form the driver takes: JSON as text (`as_json`), datetimes through `db_datetime`."""
    columns = [model._meta.get_field(name).column for name in fields]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: the same rows by executemany took several times longer (docs/benchmarks.md)
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})", rows)


@contextlib.contextmanager
def indexes_built_after(models, rows: int):
    """On SQLite, drop the secondary indexes of the tables a load of `rows` rows at least
    doubles, and build them again at the end of the block: one sorted pass per index instead of
    a B-tree insert per row per index. SQLite's DDL is transactional, so a failed import leaves
    them as they were. PostgreSQL keeps its indexes: dropping one locks readers out until the
    import commits."""
    if connection.vendor != "sqlite":
        yield
        return
    doubled = []
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {model._meta.db_table}")
            if cursor.fetchone()[0] <= rows:
                doubled.append(model)
    with indexes_rebuilt_after(doubled):
        yield


@contextlib.contextmanager
def indexes_rebuilt_after(models):
    """Drop the tables' secondary indexes (and, on PostgreSQL, their unique and foreign-key
    constraints) for the load and build each once afterwards, in one sort, instead of updating
    them row by row. Inside the caller's transaction (a restore into an empty registry, where
    no reader waits on the locks PostgreSQL takes): a failure puts them back."""
    names = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            # ALTER TABLE refuses a table with deferred checks pending (rows an enclosing
            # transaction deleted): run those checks now, then defer again, as Django does.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(PG_CONSTRAINTS, [names])
            constraints = cursor.fetchall()
            cursor.execute(PG_INDEXES, [names])
            indexes = cursor.fetchall()
        else:
            cursor.execute(SQLITE_INDEXES.format(", ".join(["%s"] * len(names))), names)
            constraints, indexes = [], cursor.fetchall()
        for table, name, _ in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _, sql in indexes:
            cursor.execute(sql)
        # Unique constraints before the foreign keys that may need them.
        for table, name, definition in sorted(constraints, key=lambda c: "FOREIGN" in c[2]):
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")


# Indexes that only speed up reads, with the statements that make them.
SQLITE_INDEXES = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
    "AND tbl_name IN ({})"
)
PG_INDEXES = """
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                    WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass)
"""
PG_CONSTRAINTS = """
    SELECT format('%%I', t.relname), format('%%I', c.conname), pg_get_constraintdef(c.oid)
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    WHERE c.contype IN ('u', 'f') AND t.relname = ANY(%s)
    AND t.relnamespace = current_schema()::regnamespace
"""


@contextlib.contextmanager
def sorting_on_disk():
    """On SQLite, index builds sort in temporary files instead of memory for the block (which
    opens and closes its own transaction: SQLite refuses the change inside one, so a caller's
    transaction keeps the setting). The settings keep temporary data in memory for the site's
    queries; an import of 200,000 rows peaked at 712 MB so, 678 MB with the sorts on disk."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA temp_store")
        (previous,) = cursor.fetchone()
        cursor.execute("PRAGMA temp_store = FILE")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA temp_store = {int(previous)}")


def update_rows(model, fields: list[str], rows, key: str = "id") -> None:
    """Set `fields` on every row whose `key` equals the tuple's last value: one prepared
    statement for many rows, where QuerySet.update would compile one per row."""
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(model._meta.get_field(f).column)} = %s" for f in fields)
    where = quote(model._meta.get_field(key).column)
    sql = f"UPDATE {model._meta.db_table} SET {sets} WHERE {where} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def db_datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


def reset_sequences(*models) -> None:
    """After explicit ids, PostgreSQL's sequences must move past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def analyze(*models) -> None:
    """Give PostgreSQL's planner statistics for tables a bulk import just filled: without them
    it plans the next queries in the same transaction as if the tables were empty (nested
    loops over thousands of rows). SQLite plans well enough without."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def vacuum_after_commit(*models) -> None:
    """PostgreSQL: once the load is committed, VACUUM (ANALYZE) the tables it filled. VACUUM
    sets the visibility map, without which an index-only scan still visits every row's page:
    at 3,000,000 persons the search's p95 was 65–69 ms on the index as built and 27 ms once it
    was vacuumed (1.8 s; autovacuum had not come in three minutes). VACUUM cannot run
    inside a transaction, hence after the commit (at once when there is none)."""
    if connection.vendor != "postgresql":
        return

    def run() -> None:
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")

    transaction.on_commit(run)
