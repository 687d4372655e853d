"""Index terms of a name: the names engine's keys combined into lookup terms, hashed to int64.

A term joins two keys (surname with given-name group, surname with father's name, …) so that
one index probe returns a short list even for the commonest surnames; single-key terms serve
queries that give only a surname. Surname typos are caught by deletion neighbours of the
phonetic surname key (a SymSpell-style trick: two words one edit apart share a word with one
letter deleted), paired with the given name so that common surnames stay selective.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from alzhir.names import NameParts, name_keys, parse_name
from alzhir.names.parse import is_initial
from alzhir.names.surnames import split_surname
from alzhir.names.translit import detect_script

# Weight of each term kind when ranking candidates before the full comparison: the more
# parts a term ties together, the stronger the evidence.
TERM_WEIGHTS = {
    "sgf": 8,  # surname + given group + father
    "sg": 5,  # surname + given group
    "sf": 4,  # surname + father
    "pg": 4,  # sound-alike surname + given group
    "dg": 3,  # surname one edit away + given group (or initial)
    "si": 2,  # surname + given initial
    "gf": 2,  # given group + father, whatever the surname
    "s": 1,  # surname alone
    "p": 1,  # sound-alike surname alone
    "g": 1,  # given group of a name that has no surname («Миша»)
}
# Broad terms can match tens of thousands of persons; a probe reads at most this many.
BROAD_KINDS = {"s", "p", "si", "gf", "g"}
MIN_DELETION_LENGTH = 5


def term_hash(text: str) -> int:
    """Stable signed 64-bit hash: the index stores integers, smaller and faster than text."""
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def deletions(word: str) -> set[str]:
    """The word and every form of it with one letter deleted (for words long enough)."""
    if len(word) < MIN_DELETION_LENGTH:
        return {word}
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def parts_from_fields(surname: str, given: str, patronymic: str, full_text: str):
    """Readings of a stored name: its fields when the source split it, and, for Latin-script
    names, the likeliest reading of the full text when that differs (an importer may have split
    "Ekaterina Kalinina" in Russian order; Cyrillic lists are surname-first)."""
    if not (surname or given):
        return parse_name(full_text)
    readings = [_parts(surname, given, patronymic)]
    if full_text and detect_script(full_text) == "Latn":
        likeliest = parse_name(full_text)[0]
        if (likeliest.surname, likeliest.given) != (surname, given):
            readings.append(likeliest)
    return readings


def _parts(surname: str, given: str, patronymic: str) -> NameParts:
    text = " ".join(p for p in (surname, given, patronymic) if p)
    return NameParts(
        surname=surname,
        given=given.rstrip(".") if is_initial(given) else given,
        patronymic=patronymic.rstrip(".") if is_initial(patronymic) else patronymic,
        script=detect_script(text),
        surname_parts=split_surname(surname),
        given_is_initial=bool(given) and is_initial(given),
        patronymic_is_initial=bool(patronymic) and is_initial(patronymic),
    )


def named_terms(parts: NameParts, *, query: bool = False) -> dict[str, set[str]]:
    """Terms by kind for one reading. A query also asks for initial-only records."""
    keys = name_keys(parts)
    surnames, phonetic = keys["surname"], keys["surname_phonetic"]
    givens, fathers = keys["given"], keys["father"]
    initials = keys["given_initial"]
    given_like = givens or initials
    terms: dict[str, set[str]] = {kind: set() for kind in TERM_WEIGHTS}
    terms["s"] = set(surnames)
    terms["p"] = set(phonetic)
    for s in surnames:
        terms["sg"] |= {f"{s}|{g}" for g in givens}
        terms["sf"] |= {f"{s}|{f}" for f in fathers}
        terms["sgf"] |= {f"{s}|{g}|{f}" for g in givens for f in fathers}
        terms["si"] |= {f"{s}|{i}" for i in initials}
    for p in phonetic:
        terms["pg"] |= {f"{p}|{g}" for g in givens}
        for variant in deletions(p):
            terms["dg"] |= {f"{variant}|{g}" for g in given_like}
            if query:
                terms["dg"] |= {f"{variant}|{i}" for i in initials}
    terms["gf"] = {f"{g}|{f}" for g in givens for f in fathers}
    if not surnames:
        terms["g"] = set(givens)
    return terms


@lru_cache(maxsize=1 << 18)
def index_terms(surname: str, given: str, patronymic: str, full_text: str) -> frozenset[int]:
    """Hashed terms under which a stored name is found."""
    hashed = set()
    for parts in parts_from_fields(surname, given, patronymic, full_text):
        for kind, values in named_terms(parts).items():
            hashed |= {term_hash(f"{kind}:{v}") for v in values}
    return frozenset(hashed)


def query_terms(readings: list[NameParts]) -> dict[int, str]:
    """Hashed term → kind, for every reading of a query name."""
    terms: dict[int, str] = {}
    for parts in readings:
        for kind, values in named_terms(parts, query=True).items():
            for value in values:
                terms.setdefault(term_hash(f"{kind}:{value}"), kind)
    return terms
