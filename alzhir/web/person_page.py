"""The person page as a conclusion with its evidence, in the page's language.

alzhir.registry.queries.person_page reads what the public may see (records, names, events,
citations, family); this module only arranges it: the heading (the name, years of life, the
other names beneath), one line per fact with every source that states it and disagreements
shown as such, a timeline in which undated events keep the place their source gives them, a
short biography composed from the events, and the sources, numbered, each record as written.
No query is made here."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy

from alzhir.names.translit import detect_script, romanize
from alzhir.registry.models import Kin
from alzhir.web import biography
from alzhir.web.date_words import date_alone, year_of
from alzhir.web.locators import record_locator
from alzhir.web.terms import term_words

# Facts a life has once: two sources giving two dates disagree rather than tell two events.
ONCE = {"birth", "death", "execution"}
# Where an undated event with no dated event before it in its source goes.
FIRST, LAST = date.min, date.max
ENDS = {"death", "execution", "rehabilitation"}

EVENT_WORDS = {
    "birth": pgettext_lazy("event", "Birth"),
    "arrest": pgettext_lazy("event", "Arrest"),
    "sentence": pgettext_lazy("event", "Sentence"),
    "transport": pgettext_lazy("event", "Transport under guard (etap)"),
    "camp_arrival": pgettext_lazy("event", "Arrival in the camp"),
    "camp_transfer": pgettext_lazy("event", "Transfer to another camp"),
    "camp_departure": pgettext_lazy("event", "Departure from the camp"),
    "birth_in_camp": pgettext_lazy("event", "Born in the camp"),
    "child_to_orphanage": pgettext_lazy("event", "Sent to an orphanage"),
    "release": pgettext_lazy("event", "Release"),
    "exile": pgettext_lazy("event", "Exile"),
    "death": pgettext_lazy("event", "Death"),
    "execution": pgettext_lazy("event", "Execution"),
    "rehabilitation": pgettext_lazy("event", "Rehabilitation"),
    "other": pgettext_lazy("event", "Also recorded"),
}
NAME_TYPES = {
    "birth": gettext_lazy("birth name"),
    "married": gettext_lazy("married name"),
    "alias": gettext_lazy("also known as"),
    "as_recorded": gettext_lazy("as a source wrote it"),
}
# Family words by the relative's sex: a grown son is a son, not «ребёнок».
KIN = {
    ("child", "F"): pgettext_lazy("kin", "daughter"),
    ("child", "M"): pgettext_lazy("kin", "son"),
    ("child", "U"): pgettext_lazy("kin", "son or daughter"),
    ("spouse", "F"): pgettext_lazy("kin", "wife"),
    ("spouse", "M"): pgettext_lazy("kin", "husband"),
    ("spouse", "U"): pgettext_lazy("kin", "spouse"),
    ("sibling", "F"): pgettext_lazy("kin", "sister"),
    ("sibling", "M"): pgettext_lazy("kin", "brother"),
    ("sibling", "U"): pgettext_lazy("kin", "brother or sister"),
    ("mother", "F"): pgettext_lazy("kin", "mother"),
    ("mother", "U"): pgettext_lazy("kin", "mother"),
    ("father", "M"): pgettext_lazy("kin", "father"),
    ("father", "U"): pgettext_lazy("kin", "father"),
}


@dataclass
class Value:
    """One value of a fact and the sources (their numbers on the page) that state it."""

    text: str
    refs: list[int] = field(default_factory=list)


@dataclass
class Entry:
    """One line of the timeline: an event as one or more sources tell it."""

    type: str
    what: str
    dates: list[Value]
    place: str = ""
    details: list[str] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    refs: list[int] = field(default_factory=list)
    order: tuple = ()
    undated: bool = False
    events: list = field(default_factory=list)


def _latin_page() -> bool:
    return (get_language() or "").startswith("en")


def _place_name(place, text: str) -> str:
    name = place.name if place is not None else text
    if name and _latin_page() and detect_script(name) == "Cyrl":
        return romanize(name)
    return name


def numbered_sources(records) -> list[dict]:
    """The page's sources, one per record, numbered as they are cited beside each fact."""
    sources = []
    for number, record in enumerate(records, start=1):
        record.ref = number
        sources.append(
            {
                "ref": number,
                "record": record,
                "source": record.source,
                "locator": record_locator(record),
            }
        )
    return sources


def as_written(record) -> list[tuple[str, str]]:
    """The record as its source gave it: a list's columns, or, for an entry the registry
    structured (the demo's article), its names and its events' phrases."""
    original = record.original or {}
    if all(not isinstance(v, dict | list) for v in original.values()):
        return [(str(k), str(v)) for k, v in original.items() if str(v).strip()]
    rows = [(pgettext("as written", "name"), n.full_text) for n in record.names.all()]
    for event in record.page_events:
        phrase = " — ".join(p for p in (event.date_text, event.text) if p)
        if phrase:
            rows.append((str(EVENT_WORDS.get(event.type, event.type)), phrase))
    return rows


def _refs(items) -> list[int]:
    return sorted({item.ref for item in items})


def _order(events) -> dict[int, tuple]:
    """A sort key for every event: its own dates, or, undated, those of the dated event before
    it in its own record (a source tells a life in order: held at Butyrka after the arrest,
    exile after the camp), so no undated event jumps ahead of the arrest. An undated event with
    nothing dated before it goes first, or last if it ends a life."""
    keys = {}
    by_record = defaultdict(list)
    for event in events:
        by_record[event.record_id].append(event)
    for record_events in by_record.values():
        record_events.sort(key=lambda e: e.pk)
        before = None
        for position, event in enumerate(record_events):
            if event.date_lower:
                before = (event.date_lower, event.date_upper or event.date_lower)
                keys[event.pk] = (*before, position)
            elif before is not None:
                keys[event.pk] = (*before, position)
            elif event.type in ENDS:
                keys[event.pk] = (LAST, LAST, position)
            else:
                keys[event.pk] = (FIRST, FIRST, position)
    return keys


def _details(event) -> list[str]:
    details = []
    if event.origin is not None or event.origin_text:
        details.append(
            pgettext("event", "came from: %(place)s")
            % {"place": _place_name(event.origin, event.origin_text)}
        )
    # a sentencing body or an arresting office; elsewhere the place already says it
    if event.institution and event.type in ("arrest", "sentence", "rehabilitation"):
        details.append(event.institution)
    charge = (event.charge or event.legal_article).strip("«»\" ")
    if charge:
        # the accusers' words, quoted, never stated as fact
        details.append(pgettext("event", "charge: «%(charge)s»") % {"charge": charge})
    term = term_words(event.term)
    if term:
        details.append(term)
    return details


def _same_event(event) -> tuple:
    place = event.place_id or (event.place_text or "").casefold()
    if event.type in ONCE:
        return (event.type,)
    return (event.type, event.date_edtf or event.pk, place)


def timeline(events) -> list[Entry]:
    """The events in order of time, one line for the same event in several sources; a fact
    a life has once (birth, death) on one line, its sources' dates side by side."""
    order = _order(events)
    groups: dict[tuple, list] = {}
    for event in sorted(events, key=lambda e: order[e.pk]):
        groups.setdefault(_same_event(event), []).append(event)
    entries = []
    for group in groups.values():
        first = group[0]
        dates = defaultdict(list)
        for event in group:
            if event.date_edtf:
                dates[date_alone(event.date_edtf)].append(event)
        places = {_place_name(e.place, e.place_text) for e in group} - {""}
        details = []
        for event in group:
            details += [d for d in _details(event) if d not in details]
        entries.append(
            Entry(
                type=first.type,
                what=str(EVENT_WORDS.get(first.type, first.type)),
                dates=[Value(text, _refs(items)) for text, items in dates.items()],
                place=", ".join(sorted(places)),
                details=details,
                quotes=[
                    {"text": e.text, "lang": e.record.source.language, "ref": e.ref}
                    for e in group
                    if e.text
                ],
                refs=_refs(group),
                order=min(order[e.pk] for e in group),
                undated=not dates,
                events=group,
            )
        )
    entries.sort(key=lambda entry: entry.order)
    return entries


def _fact(label, values: dict[str, list]) -> dict | None:
    values = {text: items for text, items in values.items() if text}
    if not values:
        return None
    return {"label": label, "values": [Value(text, _refs(items)) for text, items in values.items()]}


def facts(records, entries: list[Entry]) -> list[dict]:
    """One line per fact, each value with the sources stating it; two values are a
    disagreement between sources, shown as such ("1897 or 1898")."""
    by_type = {entry.type: entry for entry in entries}
    lines = []
    for kind, label in (
        ("birth", pgettext_lazy("fact", "Born")),
        ("death", pgettext_lazy("fact", "Died")),
        ("execution", pgettext_lazy("fact", "Executed")),
    ):
        entry = by_type.get(kind)
        if entry is None:
            continue
        if entry.dates:
            lines.append({"label": label, "values": entry.dates})
        places = defaultdict(list)
        for event in entry.events:
            places[_place_name(event.place, event.place_text)].append(event)
        line = _fact(pgettext_lazy("fact", "Place"), places)
        if line and kind == "birth":
            line["label"] = pgettext_lazy("fact", "Place of birth")
            lines.append(line)
        elif line:
            line["label"] = pgettext_lazy("fact", "Place of death")
            lines.append(line)
    for key, label in (
        ("nationality", pgettext_lazy("fact", "Nationality, as recorded")),
        ("residence", pgettext_lazy("fact", "Lived in")),
        ("occupation", pgettext_lazy("fact", "Occupation")),
    ):
        values = defaultdict(list)
        for record in records:
            text = (record.fields or {}).get(key, "")
            if isinstance(text, str):
                values[text.strip()].append(record)
        line = _fact(label, values)
        if line:
            lines.append(line)
    return lines


def heading(person, entries: list[Entry]) -> dict:
    """The name as the family knows it and the years of life («1897 или 1898 – 1938»,
    «род. 1906»), with the registry's Latin spelling of it on /en/."""
    by_type = {entry.type: entry for entry in entries}
    born = _years(by_type.get("birth"))
    died = _years(by_type.get("death") or by_type.get("execution"))
    if born and died:
        years = pgettext("years of life", "%(born)s – %(died)s") % {"born": born, "died": died}
    elif born:
        years = pgettext("years of life", "born %(year)s") % {"year": born}
    elif died:
        years = pgettext("years of life", "died %(year)s") % {"year": died}
    else:
        years = ""
    name = person.display_name
    latin = romanize(name) if _latin_page() and detect_script(name) == "Cyrl" else ""
    return {"name": name, "latin": latin, "years": years}


def _years(entry: Entry | None) -> str:
    if entry is None:
        return ""
    years = []
    for event in entry.events:
        year = year_of(event.date_edtf)
        if year and year not in years:
            years.append(year)
    if len(years) > 1:
        return pgettext("date", "%(first)s or %(last)s") % {
            "first": ", ".join(years[:-1]), "last": years[-1]
        }  # fmt: skip
    return years[0] if years else ""


def other_names(person, records) -> list[dict]:
    """Every other name and spelling the sources give her, once each, with its sources."""
    names: dict[str, dict] = {}
    for record in records:
        for name in record.names.all():
            if name.full_text == person.display_name:
                continue
            entry = names.setdefault(
                name.full_text,
                {"text": name.full_text, "lang": name.lang.split("-")[0], "kinds": [], "refs": []},
            )
            kind = str(NAME_TYPES.get(name.type, ""))
            if kind and kind not in entry["kinds"]:
                entry["kinds"].append(kind)
            if record.ref not in entry["refs"]:
                entry["refs"].append(record.ref)
    return list(names.values())


def family(relatives: list[dict]) -> list[dict]:
    """Each relative with the word for what she or he was to this person."""
    for relative in relatives:
        other = relative["person"]
        sex = other.sex if (relative["role"], other.sex) in KIN else "U"
        relative["word"] = str(KIN.get((relative["role"], sex), relative["role_label"]))
        relative["latin"] = (
            romanize(other.display_name)
            if _latin_page() and detect_script(other.display_name) == "Cyrl"
            else ""
        )
    return relatives


def named_relatives(named: list, records: list) -> list[dict]:
    """Relatives the page's records name whom the registry has no record of: the words of the
    source, with the source's number; never a link to a person."""
    refs = {record.pk: record.ref for record in records}
    return [
        {
            "word": str(Kin(relative.kin).label),
            "name": relative.name + (f" ({relative.year})" if relative.year else ""),
            "lang": "ru" if detect_script(relative.name) == "Cyrl" else "ru-Latn",
            "refs": [refs[relative.record_id]],
        }
        for relative in named
    ]


def compose(page: dict) -> dict:
    """What the template shows, from alzhir.registry.queries.person_page."""
    person, records, events = page["person"], page["records"], page["events"]
    sources = numbered_sources(records)
    by_record = defaultdict(list)
    refs = {record.pk: record.ref for record in records}
    for event in events:
        event.ref = refs[event.record_id]
        by_record[event.record_id].append(event)
    for record in records:
        record.page_events = by_record[record.pk]
    for source in sources:
        source["as_written"] = as_written(source["record"])
    entries = timeline(events)
    return {
        "heading": heading(person, entries),
        "other_names": other_names(person, records),
        "facts": facts(records, entries),
        "timeline": entries,
        "biography": biography.compose(person, entries),
        "sources": sources,
        "family": family(page["relatives"]),
        "named_relatives": named_relatives(page["named_relatives"], records),
    }
