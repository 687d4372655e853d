"""Search benchmark: the real ALZHIR list plus synthetic women up to N persons, queried with
real names rendered in other spellings; this search beside exact normalized lookup, SQLite
FTS5 trigram or PostgreSQL pg_trgm, and rapidfuzz brute force, on the same data and queries.

    .venv/bin/python -m bench.search_bench --persons 100000 --backend sqlite
    .venv/bin/python -m bench.search_bench --persons 1000000 --backend postgresql

PostgreSQL: a database alzhir_search_bench is created at 127.0.0.1:5432 and dropped afterwards.
`--keep` keeps the registry (SQLite: the file named by --db), `--reuse` queries a kept one
without loading it again (`--reindex` rebuilds its search index first, after a change of keys).

Queries: real names in 13 renderings; `--slip-share` of them (0.15) also carry one slip (a
letter substituted, inserted, dropped or two swapped) in one name word, from the three
generators of typo_sets.py, after the rendering (so inside a transliteration too).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_DATABASE = os.environ.get("ALZHIR_BENCH_PG_DATABASE", "alzhir_search_bench")
SYNTHETIC_SOURCE = "synthetic-search-bench"
CHUNK = 100_000


def setup_database(backend: str, db: str | None, reuse: bool) -> str:
    if backend == "sqlite":
        path = Path(db) if db else Path(tempfile.mkdtemp(prefix="alzhir-search-bench-")) / "db"
        if not reuse:
            path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    if reuse:
        return f"{PG_SERVER}/{PG_DATABASE}"
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/test", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    return f"{PG_SERVER}/{PG_DATABASE}"


def drop_database(backend: str, url: str) -> None:
    if backend == "sqlite":
        shutil.rmtree(Path(url.removeprefix("sqlite:///")).parent, ignore_errors=True)
    if backend == "postgresql":
        import psycopg
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{PG_SERVER}/test", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")


def load_registry(real, persons: int) -> dict:
    from alzhir.ingest.importer import import_file
    from alzhir.registry import actions
    from alzhir.registry.drafts import NameDraft, RecordDraft
    from alzhir.search.index import deferred_indexing
    from bench.search_names import latin, synthetic_people

    timings = {}
    with deferred_indexing():
        started = time.perf_counter()
        import_file(
            SHARED / "alzhir/algir.csv", source_name="algir", profile="memorial", progress=False
        )
        timings["real_import_s"] = round(time.perf_counter() - started, 1)
        source = actions.do_create_source(SYNTHETIC_SOURCE, "bench", is_synthetic=True)
        khabarovsk = SHARED / "names/khabarovsk_memory_book_names.csv"
        people = synthetic_people(max(0, persons - 6464), real, khabarovsk)
        started = time.perf_counter()
        drafts, number = [], 0
        for surname, given, patronymic, year, script in people:
            number += 1
            if script == "Latn":
                surname, given, patronymic = latin(surname), latin(given), latin(patronymic)
            full = " ".join(p for p in (surname, given, patronymic) if p)
            drafts.append(RecordDraft(
                record_id=f"S{number}", original={"full_name": full},
                fields={"notes": "synthetic person for the search benchmark"}, sex="F",
                birth_edtf=str(year), birth_lower=date(year, 1, 1), birth_upper=date(year, 12, 31),
                names=[NameDraft(full, surname, given, patronymic, lang=f"ru-{script}")],
            ))  # fmt: skip
            if len(drafts) == CHUNK:
                _write(actions, source, drafts, number)
                drafts = []
        if drafts:
            _write(actions, source, drafts, number)
        timings["synthetic_load_s"] = round(time.perf_counter() - started, 1)
    return timings


def _write(actions, source, drafts, number):
    digest = hashlib.sha256(f"{SYNTHETIC_SOURCE}-{number}".encode()).hexdigest()
    actions.do_import_batch(
        source,
        drafts,
        file_name=f"generated-{number}",
        sha256=digest,
        profile="bench",
        row_count=len(drafts),
        actor="bench",
    )


def with_slips(queries, share: float, seed: int = 1917) -> list[tuple[str, str, int]]:
    """`share` of the queries with one slip in one name word (never the year)."""
    from bench.typo_sets import EDITS, GENERATORS, slip_in

    rng = random.Random(seed)
    slipped = []
    for kind, query, number in queries:
        if rng.random() < share:
            words = query.split()
            names = [i for i, w in enumerate(words) if len(w) >= 4 and not w.isdigit()]
            edit = rng.choice(EDITS)
            for generator in rng.sample(GENERATORS, len(GENERATORS)):
                changed = names and slip_in(words, edit, generator, rng, rng.choice(names))
                if changed:
                    slipped.append((f"slip ({edit})", " ".join(changed), number))
                    break
            else:
                slipped.append((kind, query, number))
        else:
            slipped.append((kind, query, number))
    return slipped


def render_queries(real, count: int, seed: int = 1953) -> list[tuple[str, str, int]]:
    """(kind, query, row number) for real women whose name no other woman in the list shares
    under these renderings (so the right answer is one woman, not a namesake)."""
    from bench.search_names import (
        SCHEMES,
        diminutive,
        diminutive_table,
        genitive,
        german,
        identity_keys,
        masculine,
        similar_word,
    )  # fmt: skip

    rng = random.Random(seed)
    owners = Counter()
    for _, surname, given, patronymic, _ in real:
        for key in identity_keys(surname, given, patronymic):
            owners[key] += 1
    distinct = [r for r in real if all(owners[k] == 1 for k in identity_keys(*r[1:4]))]
    table = diminutive_table(REPO / "alzhir/names/data/given_names.tsv")
    renderings = [*SCHEMES, "German", "genitive", "masculine", "diminutive", "typo", "initials",
                  "given name first"]  # fmt: skip
    queries = []
    for attempt, row in enumerate(rng.sample(distinct, len(distinct))):
        if len(queries) >= count:
            break
        number, surname, given, patronymic, year = row
        kind = renderings[attempt % len(renderings)]
        full = " ".join(p for p in (surname, given, patronymic) if p)
        if kind in SCHEMES:
            parts = [surname, given] + ([patronymic] if rng.random() < 0.5 else [])
            query = SCHEMES[kind](" ".join(parts))
        elif kind == "German":
            query = german(f"{given} {surname}")
        elif kind == "genitive":
            query = genitive(surname, given, patronymic)
        elif kind == "masculine":
            male = masculine(surname)
            query = male and " ".join(p for p in (male, given, patronymic) if p)
        elif kind == "diminutive":
            short = diminutive(rng, given, table)
            query = short and " ".join(p for p in (surname, short, patronymic) if p)
        elif kind == "typo":
            query = full.replace(surname, similar_word(rng, surname), 1)
        elif kind == "initials":
            query = f"{surname} {given[0]}. {patronymic[:1]}." if patronymic else None
        else:
            query = f"{given} {patronymic} {surname}".replace("  ", " ")
        if not query:
            continue
        if year and rng.random() < 0.25:
            query += f" {year}"
        queries.append((kind, query, number))
    return queries


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def evaluate(name, method, queries, targets) -> dict:
    ranks, empty, latencies, cpu, by_kind = [], [], [], [], Counter()
    for kind, query, number in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        found = method(query)
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        rank = found.index(targets[number]) + 1 if targets[number] in found else None
        ranks.append(rank)
        empty.append(not found)
        by_kind[kind, rank == 1] += 1
    total = len(queries)
    result = {
        "method": name,
        "queries": total,
        "recall@1": round(sum(r == 1 for r in ranks) / total, 3),
        "recall@10": round(sum(r is not None and r <= 10 for r in ranks) / total, 3),
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        # this process's CPU (SQLite's work included, PostgreSQL's not): the machine is shared
        "cpu_p50_ms": round(percentile(cpu, 0.5), 1),
        "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
    }
    misses = {kind for kind, hit in by_kind if not hit}
    result["recall@1 by kind"] = {
        kind: round(by_kind[kind, True] / (by_kind[kind, True] + by_kind[kind, False]), 2)
        for kind in sorted(misses)
    }
    is_slip = [kind.startswith("slip") for kind, _, _ in queries]
    slipped = [r for r, slip in zip(ranks, is_slip, strict=True) if slip]
    slipped_empty = [e for e, slip in zip(empty, is_slip, strict=True) if slip]
    if slipped:
        result["slipped queries"] = len(slipped)
        result["slipped recall@1"] = round(sum(r == 1 for r in slipped) / len(slipped), 3)
        result["slipped recall@10"] = round(
            sum(r is not None and r <= 10 for r in slipped) / len(slipped), 3
        )
        result["slipped, not in the top 10"] = sum(r is None for r in slipped)
        result["slipped, empty pages"] = sum(slipped_empty)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--baseline-queries", type=int, default=300)
    parser.add_argument("--slip-share", type=float, default=0.15)
    parser.add_argument("--db", help="SQLite file for the registry (with --keep / --reuse)")
    parser.add_argument("--keep", action="store_true", help="keep the registry afterwards")
    parser.add_argument("--reuse", action="store_true", help="query a kept registry")
    parser.add_argument("--reindex", action="store_true", help="with --reuse: rebuild the index")
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()
    os.environ["ALZHIR_DATABASE_URL"] = setup_database(args.backend, args.db, args.reuse)
    os.environ["DJANGO_SETTINGS_MODULE"] = "alzhir.web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from alzhir.registry.models import Record
    from alzhir.search.engine import search
    from alzhir.search.index import rebuild_index
    from bench import search_baselines as baselines
    from bench.search_names import real_rows

    try:
        call_command("migrate", verbosity=0)
        real = real_rows(SHARED / "alzhir/algir.csv")
        figures = {"backend": args.backend, "persons": args.persons}
        if not args.reuse:
            figures |= load_registry(real, args.persons)
        if not args.reuse or args.reindex:
            cpu = time.process_time()
            figures["index"] = rebuild_index()
            # the machine is shared: CPU seconds say what the build costs, wall seconds what
            # it took
            figures["index"]["cpu_seconds"] = round(time.process_time() - cpu, 1)
        print(figures, flush=True)
        targets = dict(
            Record.objects.filter(source__name="algir").values_list("record_id", "person_id")
        )
        targets = {int(k): v for k, v in targets.items()}
        queries = with_slips(render_queries(real, args.queries), args.slip_share)
        ours = lambda q: [hit.person_id for hit in search(q, limit=10).results]  # noqa: E731
        print(evaluate("this search", ours, queries, targets), flush=True)
        if args.no_baselines:
            return
        sample = random.Random(7).sample(queries, min(args.baseline_queries, len(queries)))
        print(evaluate("this search (baseline sample)", ours, sample, targets), flush=True)
        for name, method in baselines.build(args.backend):
            print(evaluate(name, method, sample, targets), flush=True)
    finally:
        if not (args.keep or args.reuse):
            drop_database(args.backend, os.environ["ALZHIR_DATABASE_URL"])


if __name__ == "__main__":
    main()
