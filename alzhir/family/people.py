"""What the family linker knows of one record: plain data, built from the registry's parsed
fields and events (or from the same field dicts in benchmarks, without a database)."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from alzhir.dates import DateParseError, parse_date
from alzhir.family.mentions import Mention, mentions_in_fields
from alzhir.names import NameParts, canonical, parse_name, surname_key

CAMP_YEARS = (1938, 1953)
CAMP_WORDS = ("акмолинск", "алжир", "карлаг", "akmolinsk", "alzhir", "karlag")
_ADDRESS_NOISE = re.compile(
    r"\b(г|гор|город|ул|пр|пер|д|кв|к|с|село|дер|деревня|пос|аул|ст|станица|х|пгт|р-н|район|обл|"
    r"край|асср|ссср)\b\.?",
    re.I,
)


_TOWN = re.compile(r"(?<!\w)г\.\s*([^\W\d_]+(?:-[^\W\d_]+)*)")


@dataclass(frozen=True)
class EventFact:
    type: str
    lower: date | None = None
    upper: date | None = None
    place: str = ""
    origin: str = ""  # where she came from, for an arrival: often the town of her arrest


@dataclass
class FamilyRecord:
    key: str  # "source:record_id"
    person: int | str  # the person the record belongs to (the key itself without a registry)
    sex: str = "U"
    names: list[NameParts] = field(default_factory=list)
    birth: tuple[int, int] | None = None  # earliest and latest possible birth year
    birth_lower: date | None = None
    places: frozenset[str] = frozenset()  # city stems of birth place and residence
    sentence_date: date | None = None
    sentencing_body: str = ""
    camp_stays: list[tuple[date, date | None]] = field(default_factory=list)
    born_in_camp: bool = False
    sent_to_orphanage: bool = False
    persecuted_at: date | None = None  # arrest, sentence or execution: the family's break
    mentions: list[Mention] = field(default_factory=list)
    private: bool = False  # a link resting on a private record is private
    pk: int | None = None  # the registry's record id, when read from a registry

    @property
    def surname_keys(self) -> set[str]:
        keys = set()
        for parts in self.names:
            keys |= {surname_key(s) for s in (parts.surname, *parts.surname_parts) if s}
        return {k for k in keys if k}

    @property
    def birth_year(self) -> float | None:
        return (self.birth[0] + self.birth[1]) / 2 if self.birth else None


@lru_cache(maxsize=100_000)
def city_stems(text: str) -> frozenset[str]:
    """Rough place identity: the first five letters of the town's words (Москва, Москвы → moskv).
    Weak evidence only: of an address, the part naming the town («г. …») or else the first."""
    if not text:
        return frozenset()
    named_town = _TOWN.search(text)
    town = named_town.group(1) if named_town else re.split(r"[,;]", text)[0]
    words = re.findall(r"[^\W\d_]{3,}", canonical(_ADDRESS_NOISE.sub(" ", town)))
    return frozenset(w[:5] for w in words[:2])


# The bodies that sentenced most of these families, under the names lists give them.
SENTENCING_BODIES = [
    ("oso", re.compile(r"\bосо\b|особ\w* совещ|\boso\b|osoboe", re.I)),
    ("troika", re.compile(r"тройк|troik", re.I)),
    ("dvoika", re.compile(r"комисси\w* нквд и прокурор|двойк|dvoik", re.I)),
    ("vkvs", re.compile(r"вквс|военн\w* коллеги|vkvs", re.I)),
]


def sentencing_body(text: str) -> str:
    """«ОСО при НКВД СССР», «Особое совещание при НКВД СССР» → "oso"; others as written."""
    for key, pattern in SENTENCING_BODIES:
        if pattern.search(text):
            return key
    return " ".join(canonical(text).split())


def _date(text: str):
    try:
        return parse_date(text) if text else None
    except DateParseError:
        return None


def build_record(
    key: str,
    person,
    fields: dict,
    *,
    names: list[NameParts] | None = None,
    sex: str = "U",
    events: list[EventFact] = (),
    original: dict | None = None,
    birth_bounds: tuple[date | None, date | None] | None = None,
    private: bool = False,
    pk: int | None = None,
) -> FamilyRecord:
    """A FamilyRecord from a record's parsed fields (generic field names) and its events; the
    registry passes the record's own birth bounds, which hold for any profile."""
    if names is None:
        full = fields.get("full_name") or " ".join(
            fields.get(k, "") for k in ("surname", "given_name", "patronymic")
        )
        names = parse_name(full.strip(), order="surname_first")[:1] if full.strip() else []
        if fields.get("maiden_name") and names:
            maiden = parse_name(fields["maiden_name"], order="surname_first")[0]
            names.append(
                NameParts(
                    surname=maiden.surname,
                    given=names[0].given,
                    patronymic=names[0].patronymic,
                    surname_parts=maiden.surname_parts,
                )
            )
    if birth_bounds and birth_bounds[0]:
        lower, upper = birth_bounds[0], birth_bounds[1] or birth_bounds[0]
    else:
        birth = _date(fields.get("birth_date", ""))
        lower, upper = (birth.lower, birth.upper) if birth and birth.lower else (None, None)
    record = FamilyRecord(
        key=key,
        person=person,
        sex=sex if sex in ("F", "M") else "U",
        names=names,
        birth=(lower.year, upper.year) if lower else None,
        birth_lower=lower,
        places=city_stems(fields.get("birth_place", "")) | city_stems(fields.get("residence", "")),
        sentencing_body=sentencing_body(fields.get("sentencing_body", "")),
        mentions=mentions_in_fields(fields, original),
        private=private,
        pk=pk,
    )
    sentence = _date(fields.get("sentence_date", ""))
    record.sentence_date = sentence.lower if sentence else None
    record.born_in_camp = _born_in_camp(record.birth, fields.get("birth_place", ""))
    record.sent_to_orphanage = bool(fields.get("orphanage"))
    _add_events(record, events)
    return record


def _born_in_camp(birth: tuple[int, int] | None, place: str) -> bool:
    # Akmolinsk is also a town: only a birth there while the camp stood was a birth in it.
    in_camp_years = birth is not None and CAMP_YEARS[0] <= birth[0] <= CAMP_YEARS[1]
    return in_camp_years and any(word in place.casefold() for word in CAMP_WORDS)


def _add_events(record: FamilyRecord, events) -> None:
    arrivals = sorted(
        (e for e in events if e.type in ("camp_arrival", "camp_transfer") and e.lower),
        key=lambda e: e.lower,
    )
    leaving = sorted(
        e.lower for e in events if e.type in ("release", "camp_departure", "death") and e.lower
    )
    for arrival in arrivals:
        record.places |= city_stems(arrival.origin)
        if arrival.place and not any(w in arrival.place.casefold() for w in CAMP_WORDS):
            continue
        end = next((d for d in leaving if d >= arrival.lower), None)
        record.camp_stays.append((arrival.lower, end))
    for event in events:
        if event.type in ("birth", "arrest", "exile"):
            record.places |= city_stems(event.place)
        if event.type == "birth_in_camp":
            record.born_in_camp = True
        elif event.type == "birth" and _born_in_camp(record.birth, event.place):
            record.born_in_camp = True
        elif event.type == "child_to_orphanage":
            record.sent_to_orphanage = True
        elif event.type == "sentence" and event.lower and not record.sentence_date:
            record.sentence_date = event.lower
    breaks = [e.lower for e in events if e.type in ("arrest", "sentence", "execution") and e.lower]
    breaks += [record.sentence_date] if record.sentence_date else []
    record.persecuted_at = min(breaks) if breaks else None
