"""The gazetteer: places with their names over time, read once from data/gazetteer.json."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from alzhir.places.matching import cyrillic_key, is_cyrillic, latin_key, latin_keys_of

DATA_FILE = Path(__file__).with_name("data") / "gazetteer.json"
PLACE_TYPES = ("settlement", "camp", "lagpunkt", "prison", "orphanage", "region", "transit")


class UnknownPlace(KeyError):
    """No place has this key."""


@dataclass(frozen=True)
class PlaceName:
    text: str
    lang: str  # BCP 47, e.g. "ru-Cyrl", "en-Latn", "kk-Cyrl"
    start: int | None = None  # first year the name was in use, when known
    end: int | None = None  # last year, when the name was replaced
    kind: str = "official"  # "official", "alias" (unofficial or abbreviation) or "form"

    def used_in(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Place:
    key: str
    type: str
    names: tuple[PlaceName, ...]
    part_of: str | None = None  # a camp's parent camp, a prison's or camp's settlement
    latitude: float | None = None
    longitude: float | None = None
    wikidata: str | None = None
    note: str = ""

    @property
    def name(self) -> str:
        """The display name: the first name in the data file."""
        return self.names[0].text

    def name_in(self, year: int, lang: str = "ru") -> str:
        """The official name in use in a year («Ленинград» in 1938), else the display name."""
        for name in self.names:
            if name.kind == "official" and name.lang.startswith(lang) and name.used_in(year):
                return name.text
        return self.name


@dataclass(frozen=True)
class PlaceMatch:
    key: str
    name: str
    type: str
    matched: str


def _place_from_json(entry: dict) -> Place:
    names = tuple(PlaceName(**name) for name in entry["names"])
    if entry["type"] not in PLACE_TYPES:
        raise ValueError(f"{entry['key']}: unknown place type {entry['type']!r}")
    coordinates = entry.get("coordinates") or (None, None)
    return Place(
        key=entry["key"],
        type=entry["type"],
        names=names,
        part_of=entry.get("part_of"),
        latitude=coordinates[0],
        longitude=coordinates[1],
        wikidata=entry.get("wikidata"),
        note=entry.get("note", ""),
    )


@cache
def _gazetteer() -> dict[str, Place]:
    entries = json.loads(DATA_FILE.read_text(encoding="utf-8"))["places"]
    return {entry["key"]: _place_from_json(entry) for entry in entries}


def _exact_key(text: str) -> str:
    return "=" + " ".join(text.lower().replace("ё", "е").split())


@cache
def _index() -> dict[str, str]:
    """Match key -> place key. A key two places share matches neither (ambiguous), but
    an exact name still does: «Кирово» (Kirovograd's name in 1934-1939) beside «Кирова»."""
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for place in _gazetteer().values():
        keys: set[str] = set()
        for name in place.names:
            keys.add(_exact_key(name.text))
            if is_cyrillic(name.text):
                # Unstemmed too: «Муром» loses «ом» as if it were a case ending, «Мурома» not.
                keys.update({cyrillic_key(name.text), cyrillic_key(name.text, stem=False)})
                keys.update(latin_keys_of(name.text))
            else:
                keys.add(latin_key(name.text))
        for key in keys - {"", "="}:
            if index.get(key, place.key) != place.key:
                ambiguous.add(key)
            index[key] = place.key
    return {key: value for key, value in index.items() if key not in ambiguous}


def place(key: str) -> Place:
    try:
        return _gazetteer()[key]
    except KeyError:
        raise UnknownPlace(key) from None


def all_places() -> list[Place]:
    return list(_gazetteer().values())


_DECORATION = re.compile(r"\((?:так в документе|[^)]*не указан[^)]*)\)|\*+|[«»\"]")
_SETTLEMENT_MARK = re.compile(
    r"\b(?:г|гор|ст|пос|с)\.\s*(?!-)|\b(?:город|города|станция|станции|село)\s+"
)
_LEADING_MARK = re.compile(r"^(?:г|гор|город|города)(?:\.\s*|\s+)")


def _candidates(text: str) -> list[str]:
    """The whole text, then its parts: before and after «г.», then with fewer words."""
    cleaned = _LEADING_MARK.sub("", _DECORATION.sub(" ", text).strip(" .,;")).strip()
    parts = [cleaned]
    mark = _SETTLEMENT_MARK.search(cleaned, 1)
    if mark:
        parts += [cleaned[: mark.start()].strip(" ,"), cleaned[mark.end() :].strip(" ,")]
    candidates = []
    for part in parts:
        words = [word.strip(",;") for word in part.split()]
        candidates += [" ".join(words[:size]) for size in range(len(words), 0, -1)]
    return [candidate for candidate in candidates if candidate]


def normalize_place(text: str) -> PlaceMatch | None:
    """The gazetteer place a text names («г.Баку», «Тифлиса», "Leningrad"), or None."""
    if not text or not text.strip():
        return None
    index = _index()
    for candidate in _candidates(text):
        fold = cyrillic_key(candidate) if is_cyrillic(candidate) else latin_key(candidate)
        for key in (_exact_key(candidate), fold):
            if key in index:
                found = _gazetteer()[index[key]]
                return PlaceMatch(found.key, found.name, found.type, matched=candidate)
    return None
