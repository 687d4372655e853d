"""Index terms of a name: the names engine's keys combined into lookup terms, hashed to int64.

A term joins two keys (surname with given-name group, surname with father's name, …) so that
one index probe returns a short list even for the commonest surnames; single-key terms serve
queries that give only a surname. Surname typos are caught by deletion neighbours of the
phonetic surname key (a SymSpell-style trick: two words one edit apart share a word with one
letter deleted). The deletions are stored once per distinct surname (SurnameNeighbour), not per
person: a query finds the indexed surnames one edit from its own, then probes them paired with
the given name, so common surnames stay selective and the index stays small.

`name_keys` reads each part of a name on its own (surname keys from the surname, given-name
groups from the given name, …), so the keys are computed and cached per part and per pair of
parts: a million persons share a few hundred thousand distinct parts.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from itertools import product
from typing import NamedTuple

from alzhir.names import NameParts, name_keys, parse_name
from alzhir.names.compare import RARE_NAME_COUNT
from alzhir.names.given import given_count, is_known_given
from alzhir.names.parse import is_initial
from alzhir.names.surnames import split_surname
from alzhir.names.translit import detect_script, name_tradition

# Weight of each term kind when ranking candidates before the full comparison: the more
# parts a term ties together, the stronger the evidence.
TERM_WEIGHTS = {
    "sgf": 8,  # surname + given group + father
    "sg": 5,  # surname + given group
    "sf": 4,  # surname + father
    "pg": 4,  # sound-alike surname + given group (or initial)
    "dg": 3,  # sound-alike surname one edit away + given group (or initial), queries only
    "pf": 4,  # sound-alike surname + father
    "df": 3,  # sound-alike surname one edit away + father, queries only
    "si": 2,  # surname + given initial
    "gf": 2,  # given group + father, whatever the surname
    "s": 1,  # surname alone
    "p": 1,  # sound-alike surname alone
    "d": 1,  # sound-alike surname one or two slips away, alone, queries only
    "g": 1,  # given group alone («Рахиль», «Миша»), whatever the surname
}
# Broad terms can match tens of thousands of persons; a probe reads at most this many.
BROAD_KINDS = {"s", "p", "d", "si", "gf", "g"}
MIN_DELETION_LENGTH = 5
TWO_DELETION_LENGTH = 7
"""A query's surname this long is also looked up under its two-letter deletions, so that a
surname two slips away (two letters added, or one added and one changed) is found; the index
keeps one-letter deletions only (it would take forty rows a surname to keep two). A slip in a
feminine ending stops the fold (Зеленава is not folded to zelenov as Зеленова is), so one slip
in the name can be two in the key: the names engine's comparison decides afterwards."""
CACHE = 1 << 18
FNV_PRIME = 0x100000001B3
MASK = (1 << 64) - 1


class Reading(NamedTuple):
    """What the keys of one reading of a name depend on."""

    surname: str
    given: str
    patronymic: str
    tradition: str
    given_is_initial: bool
    patronymic_is_initial: bool


class SurnameKeys(NamedTuple):
    exact: tuple[str, ...]
    phonetic: tuple[str, ...]


class GivenKeys(NamedTuple):
    groups: tuple[str, ...]
    initials: tuple[str, ...]

    @property
    def like(self) -> tuple[str, ...]:
        """Groups, or the initial when the name gives no more."""
        return self.groups or self.initials


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


@lru_cache(maxsize=1 << 20)
def key_hash(text: str) -> int:
    """Stable unsigned 64-bit hash of one key (Python's own hash changes between runs)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def term_hash(kind: str, *keys: str) -> int:
    """Signed 64-bit hash of a term, as the index stores it (integers are smaller and faster
    than text). The keys' own hashes are cached and mixed (FNV-style over 64-bit words), so a
    term of two or three keys costs a few integer operations."""
    mixed = key_hash(kind)
    for key in keys:
        mixed = ((mixed ^ key_hash(key)) * FNV_PRIME) & MASK
    return _signed(mixed)


def deletions(word: str) -> set[str]:
    """The word and every form of it with one letter deleted (for words long enough)."""
    if len(word) < MIN_DELETION_LENGTH:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=CACHE)
def deletion_hashes(phonetic: str) -> tuple[int, ...]:
    """Hashes of the key itself (first) and of each of its deletions."""
    others = sorted(deletions(phonetic) - {phonetic})
    return (term_hash("d", phonetic), *(term_hash("d", v) for v in others))


@lru_cache(maxsize=CACHE)
def query_deletion_hashes(phonetic: str) -> tuple[int, ...]:
    """The hashes a query's key is looked up under: its deletions, and for a long key the
    deletions of those too."""
    found = set(deletions(phonetic))
    if len(phonetic) >= TWO_DELETION_LENGTH:
        found |= {twice for once in found - {phonetic} for twice in deletions(once)}
    return tuple(term_hash("d", v) for v in sorted(found))


@lru_cache(maxsize=CACHE)
def surname_keys(surname: str, tradition: str) -> SurnameKeys:
    if not surname:
        return SurnameKeys((), ())
    keys = name_keys(NameParts(surname=surname, tradition=tradition))
    return SurnameKeys(tuple(sorted(keys["surname"])), tuple(sorted(keys["surname_phonetic"])))


@lru_cache(maxsize=CACHE)
def given_keys(given: str, is_initial: bool, tradition: str) -> GivenKeys:
    if not given:
        return GivenKeys((), ())
    keys = name_keys(NameParts(given=given, given_is_initial=is_initial, tradition=tradition))
    return GivenKeys(tuple(sorted(keys["given"])), tuple(sorted(keys["given_initial"])))


@lru_cache(maxsize=CACHE)
def father_keys(patronymic: str, is_initial: bool, tradition: str) -> tuple[str, ...]:
    if not patronymic:
        return ()
    parts = NameParts(patronymic=patronymic, patronymic_is_initial=is_initial, tradition=tradition)
    return tuple(sorted(name_keys(parts)["father"]))


def _latin_tradition(text: str) -> str:
    return name_tradition(text) if detect_script(text) in ("Latn", "mixed") else ""


def _reading(parts: NameParts) -> Reading:
    return Reading(
        parts.surname,
        parts.given,
        parts.patronymic,
        parts.tradition,
        parts.given_is_initial,
        parts.patronymic_is_initial,
    )


def readings_from_fields(surname: str, given: str, patronymic: str, full_text: str):
    """Readings of a stored name: its fields when the source split it, and, for Latin-script
    names, the likeliest reading of the full text when that differs (an importer may have split
    "Ekaterina Kalinina" in Russian order; Cyrillic lists are surname-first)."""
    if not (surname or given):
        readings = [_reading(parts) for parts in parse_name(full_text)]
        words = full_text.split()
        if len(words) == 1 and is_known_given(words[0]):
            # one word that is a given name ("Misha", «Миша») is no surname
            readings.append(Reading("", words[0], "", _latin_tradition(words[0]), False, False))
        return readings
    text = " ".join(p for p in (surname, given, patronymic) if p)
    tradition = _latin_tradition(text)
    given_initial, patronymic_initial = (
        is_initial(given),
        bool(patronymic) and is_initial(patronymic),
    )
    readings = [
        Reading(
            surname,
            given.rstrip(".") if given_initial else given,
            patronymic.rstrip(".") if patronymic_initial else patronymic,
            tradition,
            bool(given) and given_initial,
            patronymic_initial,
        )
    ]
    if tradition and full_text:
        likeliest = parse_name(full_text)[0]
        if (likeliest.surname, likeliest.given) != (surname, given):
            readings.append(_reading(likeliest))
    return readings


def as_parts(reading: Reading) -> NameParts:
    """The reading as the names engine's comparison takes it."""
    text = " ".join(p for p in reading[:3] if p)
    return NameParts(
        surname=reading.surname,
        given=reading.given,
        patronymic=reading.patronymic,
        script=detect_script(text),
        surname_parts=split_surname(reading.surname),
        given_is_initial=reading.given_is_initial,
        patronymic_is_initial=reading.patronymic_is_initial,
        tradition=reading.tradition,
    )


def parts_from_fields(surname: str, given: str, patronymic: str, full_text: str):
    return [as_parts(r) for r in readings_from_fields(surname, given, patronymic, full_text)]


@lru_cache(maxsize=CACHE)
def _terms(kind: str, *keys: tuple[str, ...]) -> frozenset[int]:
    """Hashed terms of a kind for every combination of the given keys (one tuple per part).
    Cached: the same surname and given-name keys pair up across thousands of persons."""
    return frozenset(term_hash(kind, *combination) for combination in product(*keys))


def _keys(reading: Reading) -> tuple[SurnameKeys, GivenKeys, tuple[str, ...]]:
    tradition = reading.tradition
    return (
        surname_keys(reading.surname, tradition),
        given_keys(reading.given, reading.given_is_initial, tradition),
        father_keys(reading.patronymic, reading.patronymic_is_initial, tradition),
    )


def reading_terms(reading: Reading) -> tuple[frozenset[int], tuple[str, ...]]:
    """Hashed terms under which a stored reading is found, and its phonetic surname keys."""
    surname, given, fathers = _keys(reading)
    terms = _terms("s", surname.exact) | _terms("p", surname.phonetic)
    terms |= _terms("sg", surname.exact, given.groups)
    terms |= _terms("si", surname.exact, given.initials)
    terms |= _terms("pg", surname.phonetic, given.like)
    if fathers:
        terms |= _terms("sf", surname.exact, fathers)
        # a slip in the surname and another in the given name left only the surname's sound
        # key to find her by, read 300 rows at a time among a million namesakes («Степалова
        # Ольгка Владимировна»: her patronymic, said in full, went unused)
        terms |= _terms("pf", surname.phonetic, fathers)
        terms |= _terms("gf", given.groups, fathers)
        terms |= _terms("sgf", surname.exact, given.groups, fathers)
    terms |= _terms("g", given.groups)
    return terms, surname.phonetic


@lru_cache(maxsize=CACHE)
def index_terms(surname: str, given: str, patronymic: str, full_text: str):
    """(hashed terms, phonetic surname keys) of a stored name, over all its readings. Cached:
    a list names many women «Иванова Мария Ивановна»."""
    terms, phonetic = set(), set()
    for reading in readings_from_fields(surname, given, patronymic, full_text):
        found, sounds = reading_terms(reading)
        terms |= found
        phonetic.update(sounds)
    return frozenset(terms), frozenset(phonetic)


def query_phonetics(readings: list[NameParts]) -> set[str]:
    """Phonetic surname keys of a query, whose deletion neighbours the index is asked for."""
    return {p for parts in readings for p in _keys(_reading(parts))[0].phonetic}


def query_terms(readings: list[NameParts], near: dict[str, set[str]]) -> dict[int, str]:
    """Hashed term → kind, for every reading of a query name; `near` gives, for each phonetic
    surname key of the query, the indexed phonetic keys one edit away."""
    terms: dict[int, str] = {}

    def add(kind: str, *keys, indexed_as: str = "") -> None:
        # a neighbour's terms are indexed as that surname's own ("pg", "p"); the query ranks
        # them under its own kind ("dg", "d"), as weaker evidence
        for term in _terms(indexed_as or kind, *keys):
            terms.setdefault(term, kind)

    for parts in readings:
        surname, given, fathers = _keys(_reading(parts))
        given_all = given.groups + given.initials
        add("sgf", surname.exact, given.groups, fathers)
        add("sg", surname.exact, given.groups)
        add("sf", surname.exact, fathers)
        add("pg", surname.phonetic, given_all)
        # The father only stands in for a given name that cannot serve (itself slipped, or
        # absent): beside an established one, every namesake with the commonest patronymics
        # outranked a woman two slips away found by her given name and father (1,000,000
        # persons: slipped queries r@10 0.976 with the father always, 0.982 without)
        by_father = fathers if given_count(parts.given) < RARE_NAME_COUNT else ()
        add("pf", surname.phonetic, by_father)
        for phonetic in surname.phonetic:
            neighbours = tuple(sorted(near.get(phonetic, set()) - {phonetic}))
            add("dg", neighbours, given_all, indexed_as="pg")
            add("df", neighbours, by_father, indexed_as="pf")
            add("d", neighbours, indexed_as="p")
        add("si", surname.exact, given.initials)
        add("gf", given.groups, fathers)
        add("s", surname.exact)
        add("p", surname.phonetic)
        if not surname.exact:
            add("g", given.groups)
    return terms
