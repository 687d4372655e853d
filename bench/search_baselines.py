"""The search benchmark's baselines, each built over the same public names:
exact normalized-name lookup, SQLite FTS5 trigram, PostgreSQL pg_trgm, rapidfuzz brute force.
Each method maps a query to up to ten person ids, best first.

To be fair to the trigram and brute-force baselines, each Cyrillic name is indexed twice: as
written and in the Wikipedia transliteration (iuliia), so a Latin-script query can meet it.
The exact lookup needs no second row: the names engine's `canonical` folds scripts already."""

from __future__ import annotations

import re
import time

import iuliia
from django.db import connection, transaction
from rapidfuzz import fuzz, process

from alzhir.names import canonical
from alzhir.registry.models import Name


def _names():
    return list(Name.objects.public().values_list("record__person_id", "full_text"))


def _with_transliterations(names):
    """(person_id, lower-case text) of each name and of its Latin transliteration."""
    rows = []
    for person_id, text in names:
        rows.append((person_id, text.lower()))
        latin = iuliia.WIKIPEDIA.translate(text).lower()
        if latin != text.lower():
            rows.append((person_id, latin))
    return rows


def _persons(ids, limit=10):
    return list(dict.fromkeys(ids))[:limit]


def _normalized(text: str) -> str:
    # order-blind, so "given name first" does not count against the baseline
    return " ".join(sorted(canonical(text).split()))


def _query_words(query: str) -> str:
    return re.sub(r"\b\d{4}\b", " ", query).replace('"', " ").lower()


@transaction.atomic
def exact_lookup(names):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_exact")
        cursor.execute("CREATE TABLE bench_exact (norm TEXT, person_id BIGINT)")
        cursor.executemany(
            "INSERT INTO bench_exact VALUES (%s, %s)", [(_normalized(t), p) for p, t in names]
        )
        cursor.execute("CREATE INDEX bench_exact_norm ON bench_exact (norm)")

    def method(query):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT person_id FROM bench_exact WHERE norm = %s LIMIT 10",
                [_normalized(_query_words(query))],
            )
            return _persons(r[0] for r in cursor.fetchall())

    return method


@transaction.atomic
def sqlite_trigram(names):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_trigram")
        cursor.execute(
            "CREATE VIRTUAL TABLE bench_trigram USING fts5(name, person_id UNINDEXED, "
            "tokenize = 'trigram')"
        )
        cursor.executemany(
            "INSERT INTO bench_trigram (name, person_id) VALUES (%s, %s)",
            [(t, p) for p, t in _with_transliterations(names)],
        )

    def method(query):
        grams = {
            word[i : i + 3] for word in _query_words(query).split() for i in range(len(word) - 2)
        }
        if not grams:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT person_id FROM bench_trigram WHERE bench_trigram MATCH %s "
                "ORDER BY rank LIMIT 30",
                [" OR ".join(f'"{g}"' for g in grams)],
            )
            return _persons(r[0] for r in cursor.fetchall())

    return method


@transaction.atomic
def postgres_trigram(names):
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("DROP TABLE IF EXISTS bench_trgm")
        cursor.execute("CREATE TABLE bench_trgm (name TEXT, person_id BIGINT)")
        with cursor.cursor.copy("COPY bench_trgm (name, person_id) FROM STDIN") as copy:
            for person_id, text in _with_transliterations(names):
                copy.write_row((text, person_id))
        cursor.execute("CREATE INDEX bench_trgm_name ON bench_trgm USING gin (name gin_trgm_ops)")
        cursor.execute("ANALYZE bench_trgm")

    def method(query):
        text = " ".join(_query_words(query).split())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT person_id FROM bench_trgm WHERE name %% %s "
                "ORDER BY similarity(name, %s) DESC LIMIT 30",
                [text, text],
            )
            return _persons(r[0] for r in cursor.fetchall())

    return method


def rapidfuzz_brute_force(names):
    rows = _with_transliterations(names)
    choices = [t for _, t in rows]
    owners = [p for p, _ in rows]

    def method(query):
        found = process.extract(
            " ".join(_query_words(query).split()),
            choices,
            scorer=fuzz.token_sort_ratio,
            limit=30,
            processor=None,
        )
        return _persons(owners[index] for _, _, index in found)

    return method


def build(backend: str):
    """(name, method) pairs for the backend, with the seconds each took to build."""
    names = _names()
    builders = [("exact normalized lookup", exact_lookup)]
    if backend == "sqlite":
        builders.append(("SQLite FTS5 trigram", sqlite_trigram))
    else:
        builders.append(("PostgreSQL pg_trgm similarity", postgres_trigram))
    builders.append(("rapidfuzz brute force (token_sort_ratio)", rapidfuzz_brute_force))
    for name, builder in builders:
        started = time.perf_counter()
        method = builder(names)
        print(f"built {name} in {time.perf_counter() - started:.1f} s", flush=True)
        yield name, method
