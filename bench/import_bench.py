"""Time `alzhir import` of N synthetic generic rows into a fresh SQLite registry, beside a
baseline: reading the same file with the plain csv module. The search index, which import keeps
current, is timed apart. CPU time is printed beside wall time because the machine is shared.

    .venv/bin/python -m bench.import_bench --rows 1000000
"""

import argparse
import csv
import os
import resource
import tempfile
import time
from pathlib import Path

from bench.synthetic import write_generic_csv


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--no-index",
        dest="index",
        action="store_false",
        help="skip timing the search index (bench/search_bench.py measures it)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="alzhir-import-bench-"))
    data = write_generic_csv(work / "synthetic-import-bench.csv", args.rows)
    os.environ["ALZHIR_DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "alzhir.web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from alzhir.ingest.importer import import_file
    from alzhir.registry.models import Person
    from alzhir.search.index import deferred_indexing, index_persons

    call_command("migrate", verbosity=0)

    start = time.perf_counter()
    with data.open(encoding="utf-8", newline="") as stream:
        baseline_rows = sum(1 for _ in csv.reader(stream)) - 1
    baseline = time.perf_counter() - start

    start, cpu = time.perf_counter(), time.process_time()
    with deferred_indexing():  # measured apart below: it is the search index's own cost
        report = import_file(data, source_name="synthetic-import-bench", progress=False)
    elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - cpu
    assert report.imported == baseline_rows == args.rows, report.summary()

    print(f"rows                      {args.rows:>12,}")
    print(f"baseline csv read         {baseline:>10.2f} s  {args.rows / baseline:>12,.0f} rows/s")
    print(
        f"alzhir import (SQLite)    {elapsed:>10.2f} s  {args.rows / elapsed:>12,.0f} rows/s"
        f"  (CPU {elapsed_cpu:.2f} s)",
        flush=True,
    )
    if args.index:
        start, cpu = time.perf_counter(), time.process_time()
        index_persons(Person.objects.values_list("pk", flat=True))
        indexing, indexing_cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"search index of the rows  {indexing:>10.2f} s  {args.rows / indexing:>12,.0f} rows/s"
            f"  (CPU {indexing_cpu:.2f} s)"
        )
    print(f"peak memory               {peak_mb():>10,.0f} MB")
    print(f"database size             {(work / 'bench.sqlite3').stat().st_size / 1e6:>10,.0f} MB")


if __name__ == "__main__":
    main()
