"""What writing an import's rows costs SQLite with this schema, whatever Python does around it.

    .venv/bin/python -m bench.import_floor_bench --rows 1000000

N synthetic generic rows (`bench/synthetic.py`) are imported with `alzhir import` into a fresh
SQLite registry (timed, as `bench/import_bench.py` does). Then every row that import wrote (the
registry's tables, the search index's name keys, text documents and full-text table) is written
again into an empty registry of the same schema, twice, each in one transaction with the
secondary indexes dropped for the load and built after it, as the import does:

- engine: `INSERT … SELECT` from the imported file (ATTACH): SQLite alone, no Python per row;
- Python: the same rows read into lists first (not timed), then one `executemany` per table
  through the `sqlite3` module: the least any Python writer of these rows can spend.

Printed: rows per table, and wall and CPU time of each step (the import's CPU includes its
worker process's). The import's time can come down only to the Python floor's, however its
parsing and hand-over are made faster or spread over cores, unless fewer rows are written.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from alzhir.registry.bulk import SQLITE_INDEXES
from alzhir.web.settings import SQLITE_INIT_COMMAND
from bench.import_bench import SOURCE, run
from bench.synthetic import write_generic_csv

FULLTEXT = "search_textdocument_fts"
# Bookkeeping and the full-text table's own storage, which its inserts write.
SKIPPED = ("django_", "auth_", "sqlite_", f"{FULLTEXT}_")


def written_tables(connection: sqlite3.Connection) -> dict[str, int]:
    """Tables the import filled, with their row counts."""
    names = [
        name
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith(SKIPPED)
    ]
    counts = {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    return {name: count for name, count in counts.items() if count}


def connect(path: Path) -> sqlite3.Connection:
    """The site's connection settings, with the import's index sorts on disk."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript(SQLITE_INIT_COMMAND)
    connection.execute("PRAGMA temp_store=FILE")
    return connection


def columns_of(connection: sqlite3.Connection, table: str) -> str:
    if table == FULLTEXT:
        return "rowid, stems"
    return ", ".join(f'"{row[1]}"' for row in connection.execute(f'PRAGMA table_info("{table}")'))


def timed_load(target: Path, tables: list[str], write, attach: Path | None = None) -> dict:
    """Drop the tables' secondary indexes, `write(connection, table, columns)` each table,
    build the indexes, commit: wall and CPU time of each phase. `attach` is readable as `old`."""
    connection = connect(target)
    if attach:
        connection.execute("ATTACH ? AS old", [str(attach)])
    marks = ", ".join("?" * len(tables))
    indexes = connection.execute(SQLITE_INDEXES.format(marks), tables).fetchall()
    times, clock = {}, (time.perf_counter(), time.process_time())

    def lap(phase: str) -> None:
        nonlocal clock
        now = (time.perf_counter(), time.process_time())
        times[phase] = (now[0] - clock[0], now[1] - clock[1])
        clock = now

    connection.execute("BEGIN")
    for name, _ in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    for table in tables:
        write(connection, table, columns_of(connection, table))
        lap(table)
    for _, sql in indexes:
        connection.execute(sql)
    lap("indexes")
    connection.execute("COMMIT")
    lap("commit")
    connection.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="alzhir-import-floor-"))
    data = write_generic_csv(work / f"{SOURCE}.csv", args.rows)
    imported = work / "imported.sqlite3"
    got = run("import", data, f"sqlite:///{imported}")
    print(f"rows {args.rows:,}: alzhir import + index {got['wall']:.1f} s wall, "
          f"{got['cpu']:.1f} s CPU (both processes), peak {got['peak_mb']:,.0f} MB")  # fmt: skip

    empty = work / "empty.sqlite3"
    subprocess.run([Path(sys.executable).with_name("alzhir"), "migrate"], check=True,
                   env={**os.environ, "ALZHIR_DATABASE_URL": f"sqlite:///{empty}"},
                   capture_output=True)  # fmt: skip
    source = connect(imported)
    counts = written_tables(source)
    tables = list(counts)
    for table, count in counts.items():
        print(f"  {table:32}{count:>12,} rows ({count / args.rows:.2f} a row of the file)")
    print(f"  {'all':32}{sum(counts.values()):>12,} rows")

    def copy_in_engine(connection, table, columns):
        connection.execute(f'INSERT INTO "{table}" ({columns}) SELECT {columns} FROM old."{table}"')

    engine_copy = work / "engine.sqlite3"
    shutil.copy(empty, engine_copy)
    report(
        "engine: INSERT … SELECT", timed_load(engine_copy, tables, copy_in_engine, attach=imported)
    )

    rows = {t: source.execute(f'SELECT {columns_of(source, t)} FROM "{t}"').fetchall()
            for t in tables}  # fmt: skip
    python_copy = work / "python.sqlite3"
    shutil.copy(empty, python_copy)

    def python_write(connection, table, columns):
        marks = ", ".join("?" * len(rows[table][0]))
        connection.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows[table])

    report("Python: executemany", timed_load(python_copy, tables, python_write))
    shutil.rmtree(work)


def report(label: str, times: dict[str, tuple[float, float]]) -> None:
    wall = sum(w for w, _ in times.values())
    cpu = sum(c for _, c in times.values())
    inserts = sum(w for phase, (w, _) in times.items() if phase not in ("indexes", "commit"))
    keys, indexes, commit = (times[p][0] for p in ("search_namekey", "indexes", "commit"))
    phases = (f"inserts {inserts:.1f} s, of which name keys {keys:.1f} s; "
              f"indexes {indexes:.1f} s; commit {commit:.1f} s")  # fmt: skip
    print(f"{label:26}{wall:>8.1f} s wall {cpu:>8.1f} s CPU  ({phases})", flush=True)


if __name__ == "__main__":
    main()
