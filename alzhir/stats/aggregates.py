"""The statistics tables, each computed from a Snapshot. Every cell keeps the records (and the
events) behind its number, so the page can show them and the CSV can be checked."""

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache, partial
from statistics import median

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from alzhir.stats.snapshot import Snapshot, StatEvent
from alzhir.stats.table import Member, Row, Table, Tally

ALZHIR = "alzhir"
ELSEWHERE = "elsewhere"
PERSONS = "persons"
UNKNOWN = "unknown"
LAST = "\uffff"  # sorts "not known" rows after every real key

ARRIVAL_COLUMNS = [(ALZHIR, _("in ALZHIR")), (ELSEWHERE, _("in another camp (Karlag …)"))]
WHERE_COLUMNS = [(ALZHIR, _("in ALZHIR")), (ELSEWHERE, _("elsewhere or not stated"))]
PERSON_COLUMNS = [(PERSONS, _("persons"))]
ENDS_OF_STAY = {"camp_departure", "camp_transfer", "release", "death", "execution"}
STAY_BUCKETS = [(1, "0-1"), (2, "1-2"), (3, "2-3"), (5, "3-5"), (8, "5-8"), (10, "8-10")]
_YEARS = re.compile(r"(\d+)\s*(?:год|лет|г\.|л\.|year)", re.I)
_MONTHS = re.compile(r"(\d+)\s*(?:месяц|мес\.|month)", re.I)
_CITY = re.compile(r"г\.\s*([А-ЯЁA-Z][\w-]+(?:[ -]на[ -][А-ЯЁ]\w+)?)")


def member(event: StatEvent) -> Member:
    return Member(event.person_id, event.record_id, event.id)


def month_key(event: StatEvent) -> tuple[str, str]:
    lo, hi = event.lower, event.upper
    if lo and hi and (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}", f"{lo.year:04d}-{lo.month:02d}"
    if lo and hi and lo.year == hi.year:
        return f"{lo.year:04d}-??", format_lazy(_("{year}, month not known"), year=lo.year)
    return UNKNOWN, _("date not known")


def year_key(event: StatEvent) -> tuple[str, str]:
    lo, hi = event.lower, event.upper
    if lo and hi and lo.year == hi.year:
        return f"{lo.year:04d}", str(lo.year)
    return UNKNOWN, _("year not known")


def _known_last(row) -> tuple:
    return (row.key == UNKNOWN, row.key)


def _biggest_first(column: str) -> Callable:
    return lambda row: (row.key == UNKNOWN, -row.cell(column).count, row.label)


def is_alzhir_arrival(snap: Snapshot, event: StatEvent) -> bool:
    """Arrival in ALZHIR: an arrival or a transfer whose destination is ALZHIR."""
    return event.type in ("camp_arrival", "camp_transfer") and snap.in_alzhir(
        event.place_id, event.place_text
    )


def _touches_alzhir(snap: Snapshot, event: StatEvent) -> bool:
    return snap.in_alzhir(event.place_id, event.place_text) or snap.in_alzhir(
        event.origin_id, event.origin_text
    )


def _arrivals(snap: Snapshot):
    """Each arrival with its column: ALZHIR, or another camp (Karlag, of which it was part)."""
    for event in snap.events:
        if is_alzhir_arrival(snap, event):
            yield event, ALZHIR
        elif event.type == "camp_arrival":
            yield event, ELSEWHERE


def arrivals_by_month(snap: Snapshot) -> Table:
    tally = Tally()
    for event, column in _arrivals(snap):
        tally.add(*month_key(event), column, member(event))
    return Table(
        "arrivals",
        _("Arrivals by month"),
        _("Women arriving in ALZHIR (Akmolinsk camp department), and in other camps, by month."),
        _("month"),
        ARRIVAL_COLUMNS,
        tally.sorted(_known_last),
        chart="columns",
    )


def _year_of(event: StatEvent) -> int | None:
    return event.midpoint.year if event.midpoint else None


def _origin(snap: Snapshot, event: StatEvent) -> tuple[str, str]:
    if event.origin_id is not None:
        place = snap.places[event.origin_id]
        return f"place:{place.id}", snap.place_name(place.id, _year_of(event))
    if event.origin_text:
        return f"text:{event.origin_text}", format_lazy(
            _("{text} (as written)"), text=event.origin_text
        )
    if event.transport:
        return f"transport:{event.transport}", event.transport
    return UNKNOWN, _("origin not recorded")


def _origin_city(snap: Snapshot, event: StatEvent) -> tuple[str, str]:
    if event.origin_id is not None:
        place = snap.settlement_of(event.origin_id)
        return f"place:{place.id}", snap.place_name(place.id, _year_of(event))
    city = _CITY.search(event.origin_text)
    if city:
        return f"text:{city.group(1)}", format_lazy(_("{text} (as written)"), text=city.group(1))
    return _origin(snap, event)


def _origins_table(snap: Snapshot, key, title, description, origin_of) -> Table:
    tally = Tally()
    for event, column in _arrivals(snap):
        tally.add(*origin_of(snap, event), column, member(event))
    return Table(
        key, title, description, _("came from"), ARRIVAL_COLUMNS,
        tally.sorted(_biggest_first(ALZHIR)), chart="bars",
    )  # fmt: skip


def origins(snap: Snapshot) -> Table:
    return _origins_table(
        snap,
        "origins",
        _("Where arrivals came from"),
        _("The prison, camp or city each arrival came from, or the transport («этапом»)."),
        _origin,
    )


def origin_cities(snap: Snapshot) -> Table:
    return _origins_table(
        snap,
        "origin-cities",
        _("Cities arrivals came from"),
        _("The town of each origin: a prison counts under the city it stands in."),
        _origin_city,
    )


@lru_cache(maxsize=10_000)
def term_parts(text: str) -> tuple[int, int] | None:
    years, months = _YEARS.search(text), _MONTHS.search(text)
    if not (years or months):
        return None
    return int(years.group(1)) if years else 0, int(months.group(1)) if months else 0


def _term(text: str) -> tuple[str, object, int]:
    """Row key, label and order (in months) of a term such as «к 8 годам ИТЛ»."""
    parts = term_parts(text)
    if parts is None:
        if not text:
            return UNKNOWN, _("term not recorded"), 10**6
        return f"text:{text}", text, 10**5
    y, m = parts
    return f"{y}y{m}m" if m else f"{y}y", partial(term_label, y, m), 12 * y + m


def term_label(years: int, months: int) -> str:
    parts = [ngettext("{n} year", "{n} years", years).format(n=years)] if years else []
    if months:
        parts.append(ngettext("{n} month", "{n} months", months).format(n=months))
    return " ".join(parts)


def sentence_terms(snap: Snapshot) -> Table:
    tally, order = Tally(), {}
    for event in snap.events:
        if event.type == "sentence":
            key, label, months = _term(event.term)
            order[key] = months
            tally.add(key, label, PERSONS, member(event))
    return Table(
        "terms",
        _("Sentence terms"),
        _("The term of each sentence, as the sentence text gives it."),
        _("term"),
        PERSON_COLUMNS,
        tally.sorted(lambda row: (order[row.key], row.key)),
        chart="bars",
    )


def _first_alzhir_arrival(snap: Snapshot, events: list[StatEvent]) -> StatEvent | None:
    arrivals = [e for e in events if is_alzhir_arrival(snap, e)]
    return min(arrivals, key=lambda e: (e.midpoint or date.max, e.id), default=None)


def _end_of_stay(snap: Snapshot, events, arrival: StatEvent) -> StatEvent | None:
    start = arrival.midpoint
    ends = [
        e
        for e in events
        if e.type in ENDS_OF_STAY
        and e.midpoint
        and e.midpoint >= start
        and e.id != arrival.id
        and not is_alzhir_arrival(snap, e)
    ]
    return min(ends, key=lambda e: (e.midpoint, e.id), default=None)


def _stay_bucket(years: float) -> tuple[str, str]:
    for limit, key in STAY_BUCKETS:
        if years < limit:
            low = key.split("-")[0]
            # the plural follows the upper bound: «1–2 года», «3–5 лет»
            return key, ngettext("{low}–{high} year", "{low}–{high} years", limit).format(
                low=low, high=limit
            )
    return "10+", _("10 years or more")


def time_in_alzhir(snap: Snapshot) -> Table:
    tally, years_each = Tally(), []
    for events in snap.events_by_person.values():
        arrival = _first_alzhir_arrival(snap, events)
        if arrival is None:
            continue
        if arrival.midpoint is None:
            tally.add("no-date", _("arrival date not known"), PERSONS, member(arrival))
            continue
        end = _end_of_stay(snap, events, arrival)
        if end is None:
            tally.add("no-end", _("end of stay not recorded"), PERSONS, member(arrival))
            continue
        years = (end.midpoint - arrival.midpoint).days / 365.25
        years_each.append(years)
        key, label = _stay_bucket(years)
        tally.add(key, label, PERSONS, member(arrival))
        tally.add(key, label, PERSONS, member(end))
    order = [k for _limit, k in STAY_BUCKETS] + ["10+", "no-end", "no-date"]
    notes = [
        _("From her first arrival in ALZHIR to the first departure, transfer, release or death "
          "recorded after it. A release “from Karlag” may come after a move out of ALZHIR "
          "that the source does not mention: read these as upper bounds."),
    ]  # fmt: skip
    if years_each:
        notes.append(format_lazy(_("Median stay: {years:.1f} years."), years=median(years_each)))
    return Table(
        "time-in-alzhir",
        _("Time spent in ALZHIR"),
        _("How long each woman stayed, from arrival to departure, transfer or release."),
        _("stay"),
        PERSON_COLUMNS,
        tally.sorted(lambda row: order.index(row.key)),
        chart="bars",
        notes=notes,
    )


def _by_year(snap: Snapshot, key, title, description, types) -> Table:
    tally = Tally()
    for event in snap.events:
        if event.type in types:
            column = ALZHIR if _touches_alzhir(snap, event) else ELSEWHERE
            tally.add(*year_key(event), column, member(event))
    return Table(
        key, title, description, _("year"), WHERE_COLUMNS, tally.sorted(_known_last),
        chart="columns",
    )  # fmt: skip


def releases_by_year(snap: Snapshot) -> Table:
    return _by_year(
        snap, "releases", _("Releases by year"),
        _("Releases, by year, and whether the source says she was released from ALZHIR."),
        {"release"},
    )  # fmt: skip


def deaths_by_year(snap: Snapshot) -> Table:
    return _by_year(
        snap, "deaths", _("Deaths by year"),
        _("Deaths and executions, by year, and whether the source places them in ALZHIR."),
        {"death", "execution"},
    )  # fmt: skip


def nationality(snap: Snapshot) -> Table:
    tally = Tally()
    for record in snap.records.values():
        text = record.nationality
        key, label = (text.casefold(), text) if text else (UNKNOWN, _("not recorded"))
        tally.add(key, label, PERSONS, Member(record.person_id, record.id))
    return Table(
        "nationality",
        _("Nationality"),
        _("Nationality as each source wrote it (not corrected or merged)."),
        _("nationality"),
        PERSON_COLUMNS,
        tally.sorted(_biggest_first(PERSONS)),
        chart="bars",
    )


def _birth_midpoint(snap: Snapshot, record_ids) -> date | None:
    for record_id in record_ids:
        record = snap.records.get(record_id)
        if record and record.birth_lower and record.birth_upper:
            return record.birth_lower + (record.birth_upper - record.birth_lower) / 2
    return None


def _age_band(age: int) -> tuple[str, str]:
    if age < 0 or age > 100:
        return "implausible", _("implausible: check the record")
    if age < 20:
        return "00-19", _("under 20")
    if age >= 60:
        return "60+", _("60 and over")
    low = age // 5 * 5
    return f"{low}-{low + 4}", f"{low}–{low + 4}"


def age_at_arrival(snap: Snapshot) -> Table:
    tally = Tally()
    records_of = {}
    for record in snap.records.values():
        records_of.setdefault(record.person_id, []).append(record.id)
    for person_id, events in snap.events_by_person.items():
        arrival = _first_alzhir_arrival(snap, events)
        if arrival is None:
            continue
        # The arrival's own record first: the birth date that goes with that arrival.
        others = [r for r in records_of.get(person_id, []) if r != arrival.record_id]
        birth = _birth_midpoint(snap, [arrival.record_id, *others])
        if birth is None or arrival.midpoint is None:
            tally.add(UNKNOWN, _("birth or arrival date not known"), PERSONS,
                      member(arrival))  # fmt: skip
            continue
        age = int((arrival.midpoint - birth).days // 365.25)
        tally.add(*_age_band(age), PERSONS, member(arrival))
    return Table(
        "age-at-arrival",
        _("Age at arrival in ALZHIR"),
        _("Age on first arrival in ALZHIR, from the recorded birth date (often a year only)."),
        _("age"),
        PERSON_COLUMNS,
        tally.sorted(lambda row: (row.key in (UNKNOWN, "implausible"), row.key)),
        chart="bars",
        notes=[_("A birth year alone is taken as its middle (1 July): ages may be off by one.")],
    )


def overview(snap: Snapshot) -> Table:
    """The registry's own totals, set beside published figures in the sources panel."""
    tally = Tally()
    labels = {
        "persons": _("persons in the registry"),
        "women": _("women in the registry"),
        "in-alzhir": _("persons whose records place them in ALZHIR"),
        "in-camp": _("persons with a recorded arrival in ALZHIR or Karlag"),
        "born-in-camp": _("children recorded as born in the camp"),
        "died": _("persons with a recorded death or execution"),
    }
    labels = {key: str(label) for key, label in labels.items()}
    for record in snap.records.values():
        tally.add("persons", labels["persons"], PERSONS, Member(record.person_id, record.id))
        if record.sex == "F":
            tally.add("women", labels["women"], PERSONS, Member(record.person_id, record.id))
    for event in snap.events:
        if _touches_alzhir(snap, event):
            tally.add("in-alzhir", labels["in-alzhir"], PERSONS, member(event))
        if event.type in ("camp_arrival", "camp_transfer"):
            tally.add("in-camp", labels["in-camp"], PERSONS, member(event))
        if event.type == "birth_in_camp":
            tally.add("born-in-camp", labels["born-in-camp"], PERSONS, member(event))
        if event.type in ("death", "execution"):
            tally.add("died", labels["died"], PERSONS, member(event))
    order = list(labels)
    for key in order:
        tally.rows.setdefault(key, Row(key, labels[key]))
    return Table(
        "overview", _("The registry in numbers"), "", _("what"), PERSON_COLUMNS,
        tally.sorted(lambda row: order.index(row.key)),
    )  # fmt: skip


TABLES: dict[str, Callable[[Snapshot], Table]] = {
    "overview": overview,
    "arrivals": arrivals_by_month,
    "origins": origins,
    "origin-cities": origin_cities,
    "terms": sentence_terms,
    "time-in-alzhir": time_in_alzhir,
    "releases": releases_by_year,
    "deaths": deaths_by_year,
    "nationality": nationality,
    "age-at-arrival": age_at_arrival,
}


def all_tables(snap: Snapshot) -> dict[str, Table]:
    return {key: build(snap) for key, build in TABLES.items()}
