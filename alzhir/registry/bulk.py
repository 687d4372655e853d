"""Fast inserts for imports of a million rows, with ids reserved up front: COPY on PostgreSQL,
one prepared statement on SQLite, because Django's bulk_create spends most of its time compiling
SQL per object. Callers hold the import transaction; ids stay ordered the way the rows were
read."""

import contextlib
import itertools
import json
from collections.abc import Iterator

from django.core.management.color import no_style
from django.db import connection
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
    a B-tree insert per row per index. Indexes behind UNIQUE constraints stay (SQLite cannot
    drop them). DDL is transactional in SQLite, so a failed import leaves them as they were.
    PostgreSQL keeps its indexes: dropping one locks readers out until the import commits."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        dropped = []
        for model in models:
            table = model._meta.db_table
            cursor.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {table}")
            if cursor.fetchone()[0] > rows:
                continue
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
            dropped += cursor.fetchall()
        for name, _ in dropped:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        for _, sql in dropped:
            cursor.execute(sql)


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
