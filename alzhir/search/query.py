"""Reading a query as people type it: a name in any order, script or transliteration, maybe
initials, maybe a birth year («1902», "b. 1902", «1902 г.р.») and a place word at the end."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from alzhir.names import NameParts, parse_name
from alzhir.names.given import is_known_given, looks_like_patronymic
from alzhir.names.parse import SURNAME_ENDING, is_initial
from alzhir.names.translit import canonical
from alzhir.places import normalize_place

YEAR = r"(1[6-9]\d\d|20[0-4]\d)"
YEAR_MARKERS = (
    r"(?:b\.|born|род\.|родилась|родился|р\.|г\.\s*р\.|г\.р\.|гр\.?|года\s+рождения|г\.?|year)"
)
YEAR_RANGE = re.compile(rf"{YEAR}\s*[-–—]\s*{YEAR}")
YEAR_WITH_MARKERS = re.compile(
    rf"(?:{YEAR_MARKERS}\s*)?\b{YEAR}\b(?:\s*{YEAR_MARKERS}(?!\w))?", re.IGNORECASE
)
PLACE_PREFIXES = {"г", "г.", "из", "в", "from", "in", "of"}


@dataclass
class ParsedQuery:
    text: str
    name_text: str = ""
    years: tuple[int, int] | None = None  # the year or range the query names
    place_keys: set[str] = field(default_factory=set)
    place_words: list[str] = field(default_factory=list)
    readings: list[NameParts] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years and self.years[0] == self.years[1] else None


def _take_years(text: str) -> tuple[str, tuple[int, int] | None]:
    found = YEAR_RANGE.search(text)
    if found:
        low, high = sorted((int(found.group(1)), int(found.group(2))))
        return text[: found.start()] + text[found.end() :], (low, high)
    found = YEAR_WITH_MARKERS.search(text)
    if found:
        year = int(found.group(1))
        return text[: found.start()] + text[found.end() :], (year, year)
    return text, None


def _looks_like_name(word: str, alone: bool) -> bool:
    """A word alone with a surname may be a given name; after two name words a place is likelier
    (the given-name table reads «Баку» as a case form of a name)."""
    folded = "".join(canonical(word).split())
    return (
        (alone and is_known_given(word))
        or looks_like_patronymic(word)
        or bool(SURNAME_ENDING.search(folded))
        or is_initial(word)
    )


def _take_places(words: list[str]) -> tuple[list[str], set[str], list[str]]:
    """Trailing words that name a gazetteer place and do not look like names."""
    keys, place_words = set(), []
    while len(words) > 1:
        word = words[-1]
        match = normalize_place(word) if not _looks_like_name(word, len(words) < 3) else None
        if match is None:
            break
        keys.add(match.key)
        place_words.insert(0, word)
        words = words[:-1]
        if words and words[-1].casefold() in PLACE_PREFIXES:
            words = words[:-1]
    return words, keys, place_words


def parse_query(text: str) -> ParsedQuery:
    rest, years = _take_years(" ".join(text.split()))
    words = [w for w in re.split(r"[\s,;]+", rest) if w.strip(".-")]
    words, place_keys, place_words = _take_places(words)
    name_text = " ".join(words)
    readings = list(parse_name(name_text)) if name_text else []
    if len(readings) == 1 and len(words) > 1:
        # Names come in any order: the parser keeps one order when its evidence is strong, but
        # strong evidence can be wrong ("Roudik Nina" read as given name Roudik).
        other = "surname_first" if readings[0].order == "given_first" else "given_first"
        readings += parse_name(name_text, order=other)
    if len(words) == 1 and not is_initial(words[0]):
        # One word may be a given name only («Миша», "Gertrude"), recorded without surname.
        readings.append(NameParts(given=words[0], script=readings[0].script))
    return ParsedQuery(text, name_text, years, place_keys, place_words, readings)
