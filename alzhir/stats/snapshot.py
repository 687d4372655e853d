"""Everything the statistics need, read in a few queries: the public events and records in
scope, and the places they name. The tables are computed from this in Python, so the page costs
the same handful of queries however many tables it shows."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from alzhir.registry.models import Event, EventType, Place, PlaceName, Record

ALZHIR_KEY = "alzhir"
# Event place text naming ALZHIR, for events whose place the gazetteer did not resolve.
ALZHIR_TEXT = re.compile(r"акмолинск\w*\s+(ло|лагер|отделени)|алжир|alzhir|17-?\w*\s+особ", re.I)

STATS_EVENT_TYPES = [
    EventType.SENTENCE,
    EventType.CAMP_ARRIVAL,
    EventType.CAMP_TRANSFER,
    EventType.CAMP_DEPARTURE,
    EventType.RELEASE,
    EventType.DEATH,
    EventType.EXECUTION,
    EventType.BIRTH_IN_CAMP,
]


@dataclass(frozen=True)
class Scope:
    """Which records count: public ones naming a person the memorial remembers (repressed, or a
    child of the camp: an official's record is context, not a memorial statistic), from real
    sources unless `synthetic` (never both), and from the named sources only when `sources` is
    given."""

    synthetic: bool = False
    sources: tuple[str, ...] = ()

    def records(self):
        records = Record.objects.public().remembered().filter(source__is_synthetic=self.synthetic)
        return records.filter(source__name__in=self.sources) if self.sources else records

    def events(self):
        return Event.objects.public().filter(record__in=self.records())


REAL_PUBLIC = Scope()


@dataclass(frozen=True)
class StatEvent:
    id: int
    type: str
    lower: date | None
    upper: date | None
    place_id: int | None
    origin_id: int | None
    place_text: str
    origin_text: str
    transport: str
    term: str
    record_id: int
    person_id: int
    midpoint: date | None  # the middle of the date's bounds: what durations and ages use


def midpoint(lower: date | None, upper: date | None) -> date | None:
    if not (lower and upper):
        return lower or upper
    return lower + (upper - lower) / 2


@dataclass(frozen=True)
class StatRecord:
    id: int
    person_id: int
    sex: str
    birth_lower: date | None
    birth_upper: date | None
    nationality: str


@dataclass(frozen=True)
class StatPlace:
    id: int
    key: str
    name: str
    type: str
    part_of_id: int | None


@dataclass
class Snapshot:
    scope: Scope
    events: list[StatEvent]
    records: dict[int, StatRecord]
    places: dict[int, StatPlace]
    alzhir_place_ids: set[int] = field(default_factory=set)
    # Russian names with the years they were in use: (place id) -> [(name, from, to)].
    dated_names: dict[int, list[tuple[str, int, int]]] = field(default_factory=dict)

    @cached_property
    def events_by_person(self) -> dict[int, list[StatEvent]]:
        by_person = defaultdict(list)
        for event in self.events:
            by_person[event.person_id].append(event)
        return by_person

    def in_alzhir(self, place_id: int | None, text: str) -> bool:
        if place_id is not None:
            return place_id in self.alzhir_place_ids
        return bool(text and ALZHIR_TEXT.search(text))

    def place_name(self, place_id: int, year: int | None) -> str:
        """The name in use that year («Днепропетровск» in 1938), with today's beside it."""
        today = self.places[place_id].name
        if year is not None:
            for name, start, end in self.dated_names.get(place_id, []):
                if start <= year <= end and name != today:
                    return f"{name} ({today})"
        return today

    def settlement_of(self, place_id: int) -> StatPlace:
        """The town a prison or camp stands in, or the place itself when it has none."""
        place = self.places[place_id]
        seen = set()
        while place.type not in ("settlement", "region") and place.part_of_id not in (None, *seen):
            seen.add(place.id)
            place = self.places[place.part_of_id]
        return place


def load_snapshot(scope: Scope = REAL_PUBLIC) -> Snapshot:
    events = [
        StatEvent(*row, midpoint=midpoint(row[2], row[3]))
        for row in scope.events().filter(type__in=STATS_EVENT_TYPES)
        .order_by("date_lower", "id")
        .values_list(
            "id",
            "type",
            "date_lower",
            "date_upper",
            "place_id",
            "origin_id",
            "place_text",
            "origin_text",
            "transport",
            "term",
            "record_id",
            "record__person_id",
        )  # fmt: skip
    ]
    records = {
        row[0]: StatRecord(*row[:5], nationality=_text(row[5]))
        for row in scope.records().values_list(
            "id", "person_id", "sex", "birth_lower", "birth_upper", "fields__nationality"
        )
    }
    places = {
        row[0]: StatPlace(*row)
        for row in Place.objects.values_list("id", "key", "name", "type", "part_of_id")
    }
    return Snapshot(scope, events, records, places, _alzhir_places(places), _dated_names())


def _dated_names() -> dict[int, list[tuple[str, int, int]]]:
    names = defaultdict(list)
    rows = (
        PlaceName.objects.filter(lang__startswith="ru")
        .exclude(valid_from="", valid_to="")
        .order_by("id")
        .values_list("place_id", "name", "valid_from", "valid_to")
    )
    for place_id, name, start, end in rows:
        names[place_id].append((name, _year(start, 0), _year(end, 9999)))
    return dict(names)


def _year(edtf: str, default: int) -> int:
    return int(edtf[:4]) if edtf[:4].isdigit() else default


def _alzhir_places(places: dict[int, StatPlace]) -> set[int]:
    """ALZHIR itself and its camp points (places whose parents lead up to it)."""
    alzhir = {p.id for p in places.values() if p.key == ALZHIR_KEY}
    changed = True
    while changed:
        inner = {p.id for p in places.values() if p.part_of_id in alzhir} - alzhir
        changed = bool(inner)
        alzhir |= inner
    return alzhir


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
