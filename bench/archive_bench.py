"""Archive export and re-import time and size, beside Django's dumpdata/loaddata (baseline).

    ALZHIR_DATABASE_URL=sqlite:////tmp/archive_bench.sqlite3 \\
        .venv/bin/python -m bench.archive_bench --persons 1000000

Builds a registry of synthetic persons (source `synthetic-archive-bench`) from the generic CSV
of bench/synthetic.py through the ordinary import, then times each step on the same data.
The database ends holding the restored registry, so `--reuse` can time again without the
build (minutes at 1 M); `--no-baseline` leaves out dumpdata/loaddata.
"""

import argparse
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alzhir.web.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from alzhir.ingest.importer import import_file  # noqa: E402
from alzhir.opendata import tables  # noqa: E402
from alzhir.opendata.archive import export_archive  # noqa: E402
from alzhir.opendata.restore import import_archive  # noqa: E402
from alzhir.registry.models import Person  # noqa: E402
from alzhir.registry.signals import persons_changed  # noqa: E402
from bench.synthetic import write_generic_csv  # noqa: E402


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def empty():
    with connection.cursor() as cursor:
        for model in reversed(tables.archived_models()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _notify(ids):
    with transaction.atomic():
        persons_changed.send(sender=Person, person_ids=ids)


def timed(label, action):
    """Wall and CPU seconds: the machine is shared, so CPU time shows this process's own work
    (the database's work is in-process for SQLite, in the server for PostgreSQL)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = action()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<34} {seconds:8.1f} s wall {cpu:8.1f} s CPU", flush=True)
    return result, seconds


def _figure(value) -> str:
    return "-" if value is None else f"{value:.1f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument(
        "--reuse", action="store_true", help="time the registry already in the database"
    )
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    call_command("migrate", interactive=False, verbosity=0)
    work = Path(tempfile.mkdtemp(prefix="archive-bench-"))
    try:
        persons = Person.objects.count()
        if not (args.reuse and persons):
            empty()
            rows = write_generic_csv(work / "synthetic.csv", args.persons)
            timed(
                "build registry (ordinary import)",
                lambda: import_file(
                    rows, source_name="synthetic-archive-bench", progress=False, synthetic=True
                ),
            )
            persons = args.persons
        counts, export_s = timed("archive export", lambda: export_archive(work / "pkg", True))
        print(f"  rows: {counts}")
        baseline = work / "dump.json"
        dump_s = load_s = None
        if not args.no_baseline:
            _, dump_s = timed(
                "baseline: dumpdata registry",
                lambda: call_command("dumpdata", "registry", output=str(baseline), verbosity=0),
            )
        empty()
        _, import_s = timed(
            "archive import (validate + write)", lambda: import_archive(work / "pkg")
        )
        if not args.no_baseline:
            empty()
            _, load_s = timed(
                "baseline: loaddata registry",
                lambda: call_command("loaddata", str(baseline), verbosity=0, stdout=io.StringIO()),
            )
        print(f"\npersons {persons:,} on {connection.vendor}")
        print(f"{'':<10}{'archive':>12}{'dumpdata/loaddata':>20}")
        print(f"{'export s':<10}{export_s:>12.1f}{_figure(dump_s):>20}")
        print(f"{'import s':<10}{import_s:>12.1f}{_figure(load_s):>20}")
        dump_mb = size_mb(baseline) if baseline.exists() else None
        print(f"{'size MB':<10}{size_mb(work / 'pkg'):>12.1f}{_figure(dump_mb):>20}")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
