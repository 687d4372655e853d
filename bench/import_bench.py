"""Time `alzhir import` of N synthetic generic rows into a fresh registry, search index
included, beside a floor measured in the same run: the plain `csv` module reading the same file
and `executemany` writing its rows into one unindexed table of the same database. Each step runs
in a child process of its own, so that its peak memory (the child's ru_maxrss) and CPU time are
its own (worker processes it starts included); CPU time is printed beside wall time because the
machine is shared. On PostgreSQL the server's own CPU is not in the figure (it is another
process).

    .venv/bin/python -m bench.import_bench --rows 1000000
    .venv/bin/python -m bench.import_bench --rows 1000000 \
        --database postgresql://postgres@127.0.0.1:5432/wt20   # emptied first
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import write_generic_csv

SOURCE = "synthetic-import-bench"


def _setup(database: str) -> None:
    os.environ["ALZHIR_DATABASE_URL"] = database
    os.environ["DJANGO_SETTINGS_MODULE"] = "alzhir.web.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)


def _floor(data: Path) -> int:
    """csv + executemany of the same rows into one unindexed table, in one transaction."""
    from django.db import connection, transaction

    with data.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        width = len(next(reader))
        columns = ", ".join(f"c{i} text" for i in range(width))
        marks = ", ".join(["%s"] * width)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"CREATE TABLE bench_floor ({columns})")
            rows = list(reader)
            cursor.executemany(f"INSERT INTO bench_floor VALUES ({marks})", rows)
    return len(rows)


def _import(data: Path) -> int:
    from alzhir.ingest.importer import import_file
    from alzhir.search.models import NameKey

    report = import_file(data, source_name=SOURCE, progress=False)
    assert NameKey.objects.exists(), "the search index was not written"
    return report.imported


def _cpu() -> float:
    """CPU time of this process and of the worker processes it has waited for."""
    used = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in used)


def child(step: str, data: Path, database: str) -> None:
    _setup(database)
    start, cpu = time.perf_counter(), _cpu()
    rows = (_floor if step == "floor" else _import)(data)
    wall, cpu = time.perf_counter() - start, _cpu() - cpu
    # the importing process's peak plus its largest worker's, if it started any
    used = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    peak = sum(u.ru_maxrss for u in used) / 1024
    print(json.dumps({"rows": rows, "wall": wall, "cpu": cpu, "peak_mb": peak}))


def run(step: str, data: Path, database: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.import_bench", "--child", step, "--data", str(data),
         "--database", database],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", help="a PostgreSQL URL (emptied); default a new SQLite file")
    parser.add_argument("--child", choices=("floor", "import"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.data, args.database)
    work = Path(tempfile.mkdtemp(prefix="alzhir-import-bench-"))
    data = write_generic_csv(work / f"{SOURCE}.csv", args.rows)
    print(f"rows {args.rows:,}  database {'PostgreSQL' if args.database else 'SQLite'}")
    print(f"{'':28}{'wall s':>8}{'CPU s':>8}{'rows/s':>11}{'rows/s/core':>13}{'peak MB':>9}")
    for step, label in (("floor", "floor: csv + executemany"), ("import", "alzhir import + index")):
        database = args.database or f"sqlite:///{work / f'{step}.sqlite3'}"
        got = run(step, data, database)
        assert got["rows"] == args.rows, got
        print(
            f"{label:28}{got['wall']:>8.1f}{got['cpu']:>8.1f}{args.rows / got['wall']:>11,.0f}"
            f"{args.rows / got['cpu']:>13,.0f}{got['peak_mb']:>9,.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
