"""What the visibility rule costs the public pages: the Wall (first page, a deep page, a
letter, its count), the home page's counts, person pages, search and the API's person list, on
a registry of N synthetic women of which 5 % of the records are private and 10 % of the
persons merged in pairs. Run it under the current code and under the previous version (a
checkout of the commit before the rule, put first on PYTHONPATH): the first read a person's
privacy flag (`Person.is_private`), the second asks whether she holds a public record (an
EXISTS on records).

    .venv/bin/python bench/visibility_bench.py --persons 100000 --label rule
    PYTHONPATH=/tmp/i15-base .venv/bin/python bench/visibility_bench.py --persons 100000 \\
        --label flag

Each run rebuilds its own registry (SQLite file in --scratch, or --database-url, whose tables
are dropped first: give it a database of your own) and prints one JSON line of medians in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _median_ms(function, times: int) -> float:
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        function()
        spent.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(spent), 1)


def build(persons: int, scratch: Path) -> None:
    from django.core.management import call_command
    from django.db import connection
    from synthetic import write_generic_csv

    from alzhir.ingest.importer import import_file
    from alzhir.registry.actions import do_merge_groups
    from alzhir.registry.models import Person, Record
    from alzhir.search.index import deferred_indexing, rebuild_index

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    call_command("migrate", verbosity=0)
    path = write_generic_csv(scratch / f"visibility-{persons}.csv", persons)
    started = time.perf_counter()
    with deferred_indexing():
        import_file(path, source_name="synthetic-visibility-bench", progress=False)
    rng = random.Random(1938)
    ids = list(Record.objects.order_by("pk").values_list("pk", "person"))
    private = [r for r, _ in rng.sample(ids, len(ids) // 20)]
    # Benchmark set-up, not a registry change: both versions flag the same records.
    for start in range(0, len(private), 5000):
        Record.objects.filter(pk__in=private[start : start + 5000]).update(is_private=True)
    if any(f.name == "is_private" for f in Person._meta.fields):
        chunk = [p for r, p in ids if r in set(private)]
        for start in range(0, len(chunk), 5000):
            Person.objects.filter(pk__in=chunk[start : start + 5000]).update(is_private=True)
    persons_ids = [p for _, p in ids]
    pairs = rng.sample(persons_ids, len(persons_ids) // 5)
    do_merge_groups([pairs[i : i + 2] for i in range(0, len(pairs), 2)], "bench", "bench")
    rebuild_index()
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def measure(label: str, persons: int) -> dict:
    from django.core.cache import cache
    from django.test import Client

    from alzhir.registry.models import Name, Person

    client = Client()
    current = list(Person.objects.filter(merged_into=None).order_by("sort_name", "pk")
                   .values_list("pk", flat=True))  # fmt: skip
    rng = random.Random(1953)
    sample = rng.sample(current, 200)
    middle = current[len(current) // 2]
    surnames = rng.sample(sorted(set(Name.objects.values_list("surname", flat=True)[:5000])), 50)

    def get(url):
        response = client.get(url)
        assert response.status_code in (200, 302, 404), (url, response.status_code)

    def uncached(url):
        def run():
            cache.clear()
            get(url)

        return run

    pages = iter(sample * 2)
    queries = iter(surnames * 2)
    return {
        "label": label,
        "persons": persons,
        "wall first page (count cached)": _median_ms(lambda: get("/en/wall/"), 5),
        "wall first page (count not cached)": _median_ms(uncached("/en/wall/"), 5),
        "wall deep page (keyset)": _median_ms(lambda: get(f"/en/wall/?after={middle}"), 5),
        "wall letter К (count not cached)": _median_ms(uncached("/en/wall/?letter=К"), 5),
        "home (counts not cached)": _median_ms(uncached("/en/"), 5),
        "person page": _median_ms(lambda: get(f"/en/persons/{next(pages)}"), 200),
        "search API": _median_ms(lambda: get(f"/api/search?q={next(queries)}"), 50),
        "API persons, page 50": _median_ms(lambda: get("/api/persons?page=50&page_size=100"), 5),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--label", default="rule")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp"))
    parser.add_argument("--database-url", help="default: a SQLite file in --scratch")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{args.scratch / f'visibility-{args.label}.sqlite3'}"
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["ALZHIR_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alzhir.web.settings")
    import django

    django.setup()
    import alzhir

    print(f"code from {Path(alzhir.__file__).parent}", file=sys.stderr)
    build(args.persons, args.scratch)
    print(json.dumps(measure(args.label, args.persons), ensure_ascii=False))


if __name__ == "__main__":
    main()
