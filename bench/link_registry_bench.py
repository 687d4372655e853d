"""`alzhir link` end to end on a registry, beside the engine alone on the same records.

    rm -f /tmp/link_registry.sqlite3
    ALZHIR_DATABASE_URL=sqlite:////tmp/link_registry.sqlite3 \\
        .venv/bin/python -m bench.link_registry_bench --records 100000

Imports the SYNTHETIC multi-source registry of bench/linkage_bench.py (three sources named
`synthetic_*`, marked synthetic) through the ordinary importer, then times one linkage run as
the CLI makes it: records read back from the database, the model trained and applied, persons
merged (each merge audited), review items queued. The engine-only figure (records handed over
in memory, nothing written) is the baseline: the difference is what the registry costs.
At a million records the import takes a quarter of an hour: `--import-only` stops after it,
and `--reuse` links the records already in the database (run it on a copy of the imported
file: the run merges them; `--no-engine` leaves out the engine-only baseline). The peak
memory is the run's own only with `--reuse` (otherwise the import's is in it).
"""

import argparse
import csv
import os
import resource
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alzhir.web.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from alzhir.ingest.importer import import_file  # noqa: E402
from alzhir.linkage import LinkageSettings, link_records  # noqa: E402
from alzhir.linkage.apply import run_duplicate_linkage  # noqa: E402
from alzhir.progress import Progress  # noqa: E402
from alzhir.registry.models import Record  # noqa: E402
from bench.linkage_bench import pairwise_f1, peak_rss_gib, synthetic  # noqa: E402

COLUMNS = ["record_id", "surname", "given_name", "patronymic", "sex", "birth_date",
           "birth_place", "residence", "camp", "sentence_date", "arrival_date"]  # fmt: skip


class Clock:
    def __init__(self):
        self.wall, self.cpu = time.monotonic(), time.process_time()

    def __str__(self):
        return (
            f"{time.monotonic() - self.wall:.1f} s wall, {time.process_time() - self.cpu:.1f} s CPU"
        )


class TreeMemory:
    """The largest sum, sampled twice a second, of the proportional set sizes (Linux PSS, so
    that pages a forked worker shares with this process count once) of this process and its
    children while it has any (the run's feature workers live beside it for a minute), or
    this process's own peak RSS if larger. Sampled only while there are workers: reading a
    3.5 GiB process's smaps_rollup twice a second kept the sampling thread busy for 23 s of
    a 308.7 s run (py-spy), on a machine of two cores."""

    def __init__(self):
        self.peak, self._done = 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> float:
        self._done.set()
        self._thread.join()
        return max(self.peak / 2**20, peak_rss_gib())

    def _sample(self):
        while not self._done.wait(0.5):
            pids = [os.getpid()]
            for pid in pids:
                for task in Path(f"/proc/{pid}/task").glob("*/children"):
                    pids += [int(child) for child in task.read_text().split()]
            if len(pids) > 1:
                self.peak = max(self.peak, sum(map(_pss_kib, pids)))


def _pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # gone since it was listed
        return 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)


def import_sources(records: list[dict], folder: Path) -> None:
    by_source = defaultdict(list)
    for record in records:
        by_source[record["source"]].append(record)
    for source, rows in by_source.items():
        path = folder / f"{source}.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(COLUMNS)
            for row in rows:
                record_id = row["unique_id"].split(":", 1)[1]
                writer.writerow([record_id] + [row.get(c) or "" for c in COLUMNS[1:]])
        import_file(path, source_name=source, synthetic=True, progress=False)


def registry_truth(truth: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Record pk -> true person, and record pk -> the person the registry now holds it in."""
    true, held = {}, {}
    for pk, source, record_id, person in Record.objects.values_list(
        "pk", "source__name", "record_id", "person_id"
    ):
        true[str(pk)] = truth[f"{source}:{record_id}"]
        held[str(pk)] = str(person)
    return true, held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument(
        "--reuse", action="store_true", help="link the records already imported (same --records)"
    )
    parser.add_argument("--import-only", action="store_true", help="import, then stop")
    parser.add_argument(
        "--no-engine", action="store_true", help="skip the engine-only baseline after the run"
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not (args.reuse and Record.objects.exists()):
        records, _ = synthetic(args.records)
        clock = Clock()
        with tempfile.TemporaryDirectory() as folder:
            import_sources(records, Path(folder))
        print(f"import of {len(records):,} SYNTHETIC records: {clock}")
        del records  # made again after the run, so that its peak memory is its own
    if args.import_only:
        return

    clock, memory = Clock(), TreeMemory()
    summary = run_duplicate_linkage(
        progress=Progress(lambda stage: print(f"  [{clock}] {stage}", flush=True))
    )
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    print(
        f"alzhir link (registry): {clock}, peak RSS {peak_rss_gib():.2f} GiB, its largest "
        f"feature worker's {workers:.2f} GiB, all together at most {memory.stop():.2f} GiB"
    )
    print(f"  {summary}")
    records, truth = synthetic(args.records)
    print(f"  {len(records):,} SYNTHETIC records, {len(set(truth.values())):,} true persons")
    true, held = registry_truth(truth)
    print(f"  persons after the run: {pairwise_f1(held, true)}")
    if args.no_engine:
        return

    clock = Clock()
    engine = link_records(records, linkage=LinkageSettings())
    print(f"baseline, the engine alone (nothing read or written): {clock}")
    print(f"  {pairwise_f1(engine.clusters, truth)}")


if __name__ == "__main__":
    main()
