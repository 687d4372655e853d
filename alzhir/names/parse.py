"""Splitting a full name into surname, given name and patronymic, in either order.

Russian lists put the surname first, Western lists the given name first. The order is read
from evidence (a patronymic ending, a known given name, a surname ending, initials); when the
evidence is thin both readings are returned, the likelier first. The spelling tradition of
the whole name (German, French, Polish, ...) travels with the parts, so that keys built from
one part read it as the name was written ("Ziza" in "Ziza Atalikowa" is Цица).

Parsing runs for every name of every import and query, so the evidence of each word is
computed once and cached, and only the readings returned are built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from alzhir.names.given import TURKIC_PATRONYMIC_WORDS, is_known_given, key, looks_like_patronymic
from alzhir.names.surnames import split_surname
from alzhir.names.translit import detect_script, name_tradition

SURNAME_ENDING = re.compile(
    r"(ov|ova|ev|eva|in|ina|ski|skaia|skii|tskaia|enko|ian|dze|shvili|uk|ich|er|man|berg)$"
)
_GLUED_INITIAL = re.compile(r"(\w)\.(?=\w)")
_SPACED_HYPHEN = re.compile(r"\s+-\s*(?=\w)")
_NOT_LETTER = re.compile(r"[^\w]")


@dataclass(frozen=True)
class NameParts:
    """One reading of a name; parts keep the spelling the source used."""

    surname: str = ""
    given: str = ""
    patronymic: str = ""
    script: str = "none"
    surname_parts: tuple[str, ...] = ()
    given_is_initial: bool = False
    patronymic_is_initial: bool = False
    order: str = "surname_first"
    tradition: str = ""  # Latin spelling tradition of the whole name; "" = read each part alone


def _tokens(text: str) -> list[str]:
    """Words, with glued initials split («Р.М.» → «Р.», «М.») and Turkic patronymics joined."""
    if "." in text or "," in text or "-" in text:
        text = _GLUED_INITIAL.sub(r"\1. ", text.replace(",", " "))
        text = _SPACED_HYPHEN.sub("-", text)  # «Мессерер - Плисецкая»; keep «Дубова- Анна»
    words = text.split()
    if len(words) < 3:
        return words
    joined: list[str] = []
    for word in words:
        if joined and key(word) in TURKIC_PATRONYMIC_WORDS:
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return joined


@lru_cache(maxsize=1 << 16)
def is_initial(word: str) -> bool:
    letters = _NOT_LETTER.sub("", word)
    return 0 < len(letters) <= 2 and (word.endswith(".") or len(letters) == 1)


class _Word(NamedTuple):
    """What one word says about its role, computed once per word."""

    initial: bool
    patronymic: bool
    known_given: bool
    surname_ending: bool
    syllabic: bool  # «Бао-Цой», "Сю-Кин": a Chinese or Korean given name, not a double surname


@lru_cache(maxsize=1 << 18)
def _word(word: str) -> _Word:
    parts = split_surname(word)
    return _Word(
        initial=is_initial(word),
        patronymic=looks_like_patronymic(word),
        known_given=is_known_given(word),
        surname_ending=bool(SURNAME_ENDING.search(key(parts[-1] if parts else ""))),
        syllabic=len(parts) > 1 and all(len(part) <= 3 for part in parts),
    )


def _split(words: list[str], order: str) -> tuple[str, str, str]:
    if order == "surname_first":
        surname, rest = words[0], words[1:]
    else:
        surname = words[-1] if len(words) > 1 else ""
        rest = words[:-1] if len(words) > 1 else words
    given = rest[0] if rest else ""
    return surname, given, " ".join(rest[1:])


def _evidence(surname: str, given: str, patronymic: str) -> float:
    score = 0.0
    if patronymic:
        facts = _word(patronymic)
        score += 2 if facts.initial or facts.patronymic else -1
    if given:
        facts = _word(given)
        score += 1 if facts.initial or facts.known_given or facts.syllabic else -0.5
        if not facts.initial and facts.patronymic:
            score -= 2
    if surname:
        facts = _word(surname)
        if facts.initial:
            score -= 4
        elif facts.patronymic or facts.syllabic:
            score -= 2
        elif facts.surname_ending:
            score += 1
        elif facts.known_given:
            score -= 1
    return score


def _clean(word: str) -> str:
    return word.rstrip(".") if is_initial(word) else word


def _reading(words: list[str], order: str, script: str, tradition: str) -> NameParts:
    surname, given, patronymic = _split(words, order)
    surname = surname.rstrip("-")
    return NameParts(
        surname=surname,
        given=_clean(given),
        patronymic=_clean(patronymic),
        script=script,
        surname_parts=split_surname(surname),
        given_is_initial=is_initial(given),
        patronymic_is_initial=bool(patronymic) and is_initial(patronymic),
        order=order,
        tradition=tradition,
    )


@lru_cache(maxsize=1 << 16)
def parse_name(text: str, order: str = "auto") -> list[NameParts]:
    """Readings of a full name, most likely first; two when the order is unsure.

    The list is shared by the cache: copy it before changing it."""
    words = _tokens(text)
    script = detect_script(text)
    tradition = name_tradition(text) if script in ("Latn", "mixed") else ""
    if not words:
        return [NameParts(script=script)]
    if len(words) == 1:
        return [_reading(words, "surname_first", script, tradition)]
    if order != "auto":
        return [_reading(words, order, script, tradition)]
    # Cyrillic lists are mostly surname first, Latin ones given name first
    surname_first = _evidence(*_split(words, "surname_first")) + (0.5 if script == "Cyrl" else 0)
    given_first = _evidence(*_split(words, "given_first")) + (0 if script == "Cyrl" else 0.5)
    first, second = "surname_first", "given_first"
    if given_first > surname_first:
        first, second = second, first
    best = [_reading(words, first, script, tradition)]
    if abs(surname_first - given_first) < 2:
        best.append(_reading(words, second, script, tradition))
    return best
