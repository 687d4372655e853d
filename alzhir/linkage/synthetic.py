"""A SYNTHETIC multi-source registry with known truth, for benchmarks and Spark tests.

Every record it makes is invented; its sources are all named `synthetic_*` so they can never be
taken for, or mixed with, real lists. Names, patronymics and places are drawn from a name pool
that the caller supplies (the benchmark reads the real ALZHIR list for realistic spellings;
tests may pass a handful). Three kinds of source, as the memorial meets them:

- `synthetic_register`: Cyrillic, full names and dates, a few typos, some duplicates (one
  person listed once per persecution episode);
- `synthetic_memory_book`: Cyrillic, given name and patronymic often as initials, year of
  birth only, surnames sometimes in the genitive ("Плисецкой") as printed in captions;
- `synthetic_museum_latin`: Latin script in mixed transliterations, no patronymic or just its
  initial, year only (sometimes a year off), places often missing.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import iuliia

LATIN_SCHEMES = (
    iuliia.WIKIPEDIA,
    iuliia.ICAO_DOC_9303,
    iuliia.SCIENTIFIC,
    iuliia.BGN_PCGN,
    iuliia.MOSMETRO,
)


@dataclass(frozen=True)
class NamePool:
    surnames: list[str]
    given_names: list[str]
    patronymics: list[str]
    places: list[str]


def synthetic_registry(pool: NamePool, records: int, seed: int = 7) -> Iterator[dict]:
    """About `records` record dicts, each with a `truth` key naming its person.

    A pool's surnames are widened to one for every two persons (the real ALZHIR list has
    seven distinct surnames for every ten women): a million records drawn from the list's 4,500
    surnames would make every woman one of hundreds of namesakes, which no real registry has.
    """
    rng = random.Random(seed)
    pool = NamePool(
        surnames=widened_surnames(pool.surnames, records // 3, rng),
        given_names=pool.given_names,
        patronymics=pool.patronymics,
        places=pool.places,
    )
    made = 0
    person = 0
    while made < records:
        person += 1
        woman = _person(pool, rng, person)
        for record in _appearances(woman, rng):
            made += 1
            yield {**record, "unique_id": f"{record['source']}:{made}", "truth": woman["truth"]}


def _person(pool: NamePool, rng: random.Random, number: int) -> dict:
    surname = rng.choice(pool.surnames)
    if rng.random() < 0.04:
        surname = f"{surname}-{rng.choice(pool.surnames)}"
    year = rng.randint(1875, 1920)
    return {
        "truth": f"p{number}",
        "surname": surname,
        "given_name": rng.choice(pool.given_names),
        "patronymic": rng.choice(pool.patronymics),
        "year": year,
        "birth_date": f"{year}-{_month_day(rng)}",
        "birth_place": rng.choice(pool.places),
        "residence": rng.choice(pool.places),
        "sentence_date": f"{rng.choice((1937, 1938))}-{_month_day(rng)}",
        "arrival_date": f"1938-{_month_day(rng)}",
    }


def _month_day(rng: random.Random) -> str:
    return f"{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _appearances(woman: dict, rng: random.Random) -> list[dict]:
    made = []
    if rng.random() < 0.7:
        made.append(_register(woman, rng))
        if rng.random() < 0.05:
            made.append(_register(woman, rng, second_episode=True))
    if rng.random() < 0.5:
        made.append(_memory_book(woman, rng))
    if rng.random() < 0.35 or not made:
        made.append(_museum_latin(woman, rng))
    return made


def _register(woman: dict, rng: random.Random, second_episode: bool = False) -> dict:
    return {
        "source": "synthetic_register",
        "surname": _typo(woman["surname"], rng, 0.04),
        "given_name": _typo(woman["given_name"], rng, 0.02),
        "patronymic": _typo(woman["patronymic"], rng, 0.02),
        "sex": "F",
        "birth_date": woman["birth_date"] if rng.random() < 0.6 else str(woman["year"]),
        "birth_place": _maybe(woman["birth_place"], rng, 0.85),
        "residence": _maybe(woman["residence"], rng, 0.3),
        "camp": "Акмолинское ЛО",
        # a second entry is either a copy from another database or a second arrest in 1948
        "sentence_date": "1948-08-28"
        if second_episode and rng.random() < 0.5
        else woman["sentence_date"],
        "arrival_date": None if second_episode else _maybe(woman["arrival_date"], rng, 0.7),
    }


def _memory_book(woman: dict, rng: random.Random) -> dict:
    initials = rng.random() < 0.6
    surname = woman["surname"]
    if rng.random() < 0.2:
        surname = genitive(surname)
    return {
        "source": "synthetic_memory_book",
        "surname": _typo(surname, rng, 0.03),
        "given_name": f"{woman['given_name'][0]}." if initials else woman["given_name"],
        "patronymic": f"{woman['patronymic'][0]}." if initials else woman["patronymic"],
        "sex": "F",
        "birth_date": str(woman["year"]),
        "birth_place": _maybe(woman["birth_place"], rng, 0.5),
        "camp": _maybe("АЛЖИР", rng, 0.5),
    }


def _museum_latin(woman: dict, rng: random.Random) -> dict:
    scheme = rng.choice(LATIN_SCHEMES)
    year = woman["year"] + (rng.choice((-1, 1)) if rng.random() < 0.08 else 0)
    patronymic = _latin(woman["patronymic"], scheme)
    return {
        "source": "synthetic_museum_latin",
        "surname": _typo(_latin(woman["surname"], scheme), rng, 0.04),
        "given_name": _latin(woman["given_name"], scheme),
        "patronymic": f"{patronymic[:1]}." if rng.random() < 0.5 else None,
        "sex": _maybe("F", rng, 0.8),
        "birth_date": _maybe(str(year), rng, 0.9),
        "birth_place": _maybe(_latin(woman["birth_place"], scheme), rng, 0.4),
    }


def widened_surnames(surnames: list[str], wanted: int, rng: random.Random) -> list[str]:
    """The pool plus invented surnames, each the first half of one real surname joined to the
    second half of another (which carries its ending: -ова, -ская), until `wanted` differ."""
    found = dict.fromkeys(surnames)
    # A small pool has fewer halves to join than `wanted`: stop once tries stop paying off.
    for _ in range(50 * wanted):
        if len(found) >= wanted:
            break
        head, tail = rng.choice(surnames), rng.choice(surnames)
        found.setdefault(head[: len(head) // 2] + tail[len(tail) // 2 :])
    return list(found)


def genitive(surname: str) -> str:
    """The genitive of a Russian woman's surname as a caption prints it (Ивановой)."""
    for ending, replacement in (
        ("ская", "ской"),
        ("цкая", "цкой"),
        ("ова", "овой"),
        ("ева", "евой"),
        ("ина", "иной"),
        ("ына", "ыной"),
    ):
        if surname.endswith(ending):
            return surname[: -len(ending)] + replacement
    return surname


@lru_cache(maxsize=100_000)
def _latin(text: str, scheme) -> str:
    return scheme.translate(text)


def _typo(text: str, rng: random.Random, rate: float) -> str:
    if not text or len(text) < 4 or rng.random() >= rate:
        return text
    at = rng.randrange(1, len(text) - 1)
    kind = rng.random()
    if kind < 0.4:
        return text[:at] + text[at + 1 :]
    if kind < 0.7:
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    return text[:at] + rng.choice(text) + text[at + 1 :]


def _maybe(value, rng: random.Random, keep: float):
    return value if rng.random() < keep else None
