"""Typed events from the sentence-and-camp-path text of the memorial lists (`prigovor`).

«к 8 годам ИТЛ. Прибыла в Акмолинское ЛО 02.02.1938 из Баиловской тюрьмы г.Баку. Освобождена
24.10.1945» gives a sentence, a camp arrival and a release. Hand-written: the text is a
small closed set of clerks' formulas, which regular expressions read exactly; every phrase
that fits no formula, or whose date cannot be read, is returned in `unparsed` for an
archivist, never dropped. Pure Python (no Django): imports only alzhir.dates and alzhir.places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from alzhir.dates import ParsedDate, read_date
from alzhir.places import normalize_place

EVENT_TYPES = (
    "sentence",
    "camp_arrival",
    "camp_transfer",
    "camp_departure",
    "release",
    "death",
    "execution",
    "rehabilitation",
    "other",
)


@dataclass
class ExtractedEvent:
    type: str
    phrase: str  # the phrase exactly as written ("" for a sentence built from other columns)
    date: ParsedDate | None = None
    place_key: str | None = None
    place_text: str = ""
    from_place_key: str | None = None
    from_place_text: str = ""
    to_place_key: str | None = None
    to_place_text: str = ""
    institution: str = ""
    term_years: float | None = None
    term_text: str = ""
    charge: str = ""
    transport: str = ""
    note: str = ""  # what else the phrase says: «через Кулойлаг», «в распоряжение УНКВД»


@dataclass
class Extraction:
    events: list[ExtractedEvent] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)

    @property
    def fully_parsed(self) -> bool:
        return not self.unparsed


class _NotRead(Exception):
    """A phrase read only in part: its events stand, the phrase goes to `unparsed`."""

    def __init__(self, reason: str = "", events: list[ExtractedEvent] | None = None) -> None:
        super().__init__(reason)
        self.events = events or []


# Phrases end at «;», or at «.» (also «,») before the next formula; «г.Баку», «обл.»,
# «с.-х. ИТК» do not end one.
_HEADS = r"(?i:прибыла|освобождена|убыла|умерла|погибла|в алжире|находилась|реабилитирована)\b"
_BOUNDARY = re.compile(rf";\s*|[.,]\s*(?={_HEADS})|\.\s+(?=[А-ЯЁA-Z*«\"])")
_ABBREVIATION = re.compile(r"(?:\bг|\bгор|\bобл|с\.-х|р-н|\bст|\bим|\bс|\bпос|\bл\.\s?с|\bн)$")
_DATED_YEAR = re.compile(r"\d{4}\s*г$")
_SIC = re.compile(r"\s*\((?:так в документе|дата не указана)\)|\*+")


_TERM = re.compile(
    r"(?P<years>\d+)\s+(?:годам|года|году|годами|год|лет|л\.)"
    r"(?:\s+и\s+(?P<months>\d+)\s+месяц\w*)?",
    re.IGNORECASE,
)
_SENTENCE = re.compile(
    r"(?:приговорена\s+|лишена\s+)?(?:к\s+)?"
    r"(?P<body>(?:\d+\s+(?:год|лет|л\.)|ИТЛ,|Ссылка,|лишению|к\s+лишению|свободы\s+сроком)"
    r".*)",
    re.IGNORECASE,
)
_SENTENCE_KNOWN = re.compile(
    r"(?:\d+\s+(?:годам|году|лет|л\.)(?:\s+и\s+\d+\s+месяц\w*)?"
    r"(?:\s+(?:ИТЛ|заключения в ИТЛ|лишения свободы|л\.\s?с\.?|л/св\.?))?"
    r"(?:\s+с поражением в правах на \d+\s+(?:года?|лет))?"
    r"|\d+\s+лет\s+ссылки\s+(?:в|на)\s+.+"
    r"|(?:ИТЛ|Ссылка),\s*\d+\s+лет|(?:к\s+)?(?:лишению\s+)?свободы(?: сроком)? на \d+ лет)",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r"поражение в правах,?\s*\d+\s+(?:года?|лет)", re.IGNORECASE)
_ARRIVAL = re.compile(
    r"(?:Прибыла|Приб\.)"
    r"(?:\s+в\s+(?P<to>[«\"]?[А-ЯЁ][\w-]*(?:\s+(?:ЛО|отделение Карлага))?[»\"]?))?"
    r"(?:\s+(?P<date>_?\d.*?|\?))?"
    r"(?:\s+(?:из|изо)\s+(?P<origin>.+?)|\s+(?P<transport>[А-ЯЁ]\w+\s+этапом))?",
    re.IGNORECASE,
)
_STAY = re.compile(
    r"(?:В АЛЖИРе находилась|находилась в АЛЖИРе)(?:\s+(?:с|со)\s+(?P<since>.+?))?"
    r"(?:\s+до\s+(?P<until>.+?))?"
    r"(?:\s+и\s+(?:с|со)\s+(?P<since2>.+?)\s+по\s+(?P<until2>.+?))?",
    re.IGNORECASE,
)
_DEPARTURE = re.compile(
    r"(?:Убыла|Выб\.)(?:\s+из\s+(?P<origin>.+?))?(?:\s+(?P<date>_?\d.*?))?\s*-?\s*"
    r"(?:(?:в|на)\s+(?P<to>.+?)|-\s*(?P<bare>.+?))?",
    re.IGNORECASE,
)
_TRANSFER = re.compile(r"Переведена\s+в\s+(?P<to>.+?)\s+(?P<date>_?\d.*?)", re.IGNORECASE)
_RELEASE = re.compile(
    r"Освобождена(?:\s+из\s+(?P<origin>.+?))?(?:\s+(?P<date>_?\d.*?))?", re.IGNORECASE
)
_DEATH = re.compile(
    r"(?:Умерла|Погибла)(?:\s+в\s+(?P<place>[^\d]+?))?(?:\s+(?P<date>_?\d.*?))?"
    r"(?:\s+в\s+(?P<after>лагере))?",
    re.IGNORECASE,
)
_REHABILITATION = re.compile(
    r"(?:(?P<body>.*?)\s*)?реабилитирована(?:\s+в)?\s+(?P<date>_?\d.*?)"
    r"(?:\s+(?P<reason>за .+))?"
    r"|Дело прекращено\s+(?P<body2>.*?)\s*(?P<reason2>за (?:отсутствием|недоказанностью) .+?)"
    r"\s+(?P<date2>_?\d.*?)",
    re.IGNORECASE,
)
_STAY_GROUPS = (
    ("since", "camp_arrival"),
    ("until", "camp_departure"),
    ("since2", "camp_arrival"),
    ("until2", "camp_departure"),
)
_NOTE = re.compile(
    r"Архивное личное дело .+|Дальнейшая судьба неизвестна|Сведений о дальнейшей судьбе нет"
    r"|Дата освобождения(?:, убытия или смерти)? не указана",
    re.IGNORECASE,
)
_CAMP_WORDS = re.compile(r"лаг\b|лаг[аеу]?\b|ИТЛ|ИТК|тюрьм|колони|[Сс]троительств|стро[йя]")


def _split(text: str) -> list[str]:
    phrases, start = [], 0
    for boundary in _BOUNDARY.finditer(text):
        before = text[start : boundary.start()].rstrip()
        if (
            boundary.group().strip().startswith(".")
            and _ABBREVIATION.search(before)
            and not _DATED_YEAR.search(before)
            and not re.match(_HEADS, text[boundary.end() :])
        ):
            continue
        phrases.append(text[start : boundary.start()].strip())
        start = boundary.end()
    phrases.append(text[start:].strip().rstrip("."))
    return [phrase for phrase in phrases if phrase.strip(" .*")]


def _place(text: str | None) -> tuple[str | None, str]:
    if not text:
        return None, ""
    match = normalize_place(text)
    return (match.key if match else None), text


def _read_sentence(core: str, phrase: str) -> list[ExtractedEvent] | None:
    match = _SENTENCE.fullmatch(core)
    if not match:
        return None
    body = match["body"]
    term = _TERM.search(body)
    years = None
    if term:
        years = int(term["years"]) + int(term["months"] or 0) / 12
    event = ExtractedEvent("sentence", phrase, term_years=years, term_text=body)
    if not _SENTENCE_KNOWN.fullmatch(body):
        raise _NotRead("unknown sentence wording", [event])
    return [event]


def _read_arrival(core: str, phrase: str) -> list[ExtractedEvent] | None:
    match = _ARRIVAL.fullmatch(core)
    if not match:
        return None
    camp_key, camp_text = _place((match["to"] or "").strip('«»"'))
    origin_key, origin_text = _place(match["origin"])
    event = ExtractedEvent(
        "camp_arrival",
        phrase,
        place_key=camp_key,
        place_text=camp_text,
        from_place_key=origin_key,
        from_place_text=origin_text,
        transport=match["transport"] or "",
    )
    return _dated([event], match["date"])


def _read_stay(core: str, phrase: str) -> list[ExtractedEvent] | None:
    match = _STAY.fullmatch(core)
    if not match:
        return None
    alzhir = normalize_place("АЛЖИР")
    events, unreadable = [], []
    for group, kind in _STAY_GROUPS:
        if not match[group]:
            continue
        event = ExtractedEvent(kind, phrase, place_key=alzhir.key, place_text="АЛЖИР")
        if kind == "camp_departure":
            event.from_place_key, event.from_place_text = alzhir.key, "АЛЖИР"
        try:
            events.append(_dated([event], match[group])[0])
        except _NotRead as error:
            events.extend(error.events)
            unreadable.append(str(error))
    if unreadable:
        raise _NotRead("; ".join(unreadable), events)
    return events


def _read_departure(core: str, phrase: str) -> list[ExtractedEvent] | None:
    match = _DEPARTURE.fullmatch(core)
    if not match:
        return None
    origin_key, origin_text = _place(match["origin"])
    destination = match["to"] or match["bare"] or ""
    destination, _, via = destination.partition(" через ")
    to_key, to_text = _place(destination)
    note = f"через {via}" if via else ""
    if "распоряжение" in destination:
        to_text, _, order = destination.partition(" в распоряжение ")
        if order or destination.startswith("распоряжение"):
            note = ("в распоряжение " + order) if order else destination
            to_key, to_text = _place(to_text) if order else (None, "")
    to_type = normalize_place(to_text).type if to_key else ""
    is_transfer = to_type in ("camp", "lagpunkt", "prison", "transit") or bool(
        _CAMP_WORDS.search(to_text)
    )
    event = ExtractedEvent(
        "camp_transfer" if is_transfer else "camp_departure",
        phrase,
        place_key=origin_key,
        place_text=origin_text,
        from_place_key=origin_key,
        from_place_text=origin_text,
        to_place_key=to_key,
        to_place_text=to_text,
        note=note,
    )
    return _dated([event], match["date"])


def _read_transfer(core: str, phrase: str) -> list[ExtractedEvent] | None:
    match = _TRANSFER.fullmatch(core)
    if not match:
        return None
    key, text = _place(match["to"])
    event = ExtractedEvent("camp_transfer", phrase, to_place_key=key, to_place_text=text)
    return _dated([event], match["date"])


def _read_release(core: str, phrase: str) -> list[ExtractedEvent] | None:
    match = _RELEASE.fullmatch(core)
    if not match:
        return None
    key, text = _place(match["origin"])
    event = ExtractedEvent("release", phrase, place_key=key, place_text=text)
    return _dated([event], match["date"])


def _read_death(core: str, phrase: str) -> list[ExtractedEvent] | None:
    match = _DEATH.fullmatch(core)
    if not match:
        return None
    key, text = _place(match["place"] or match["after"])
    event = ExtractedEvent("death", phrase, place_key=key, place_text=text)
    return _dated([event], match["date"])


def _read_rehabilitation(core: str, phrase: str) -> list[ExtractedEvent] | None:
    match = _REHABILITATION.fullmatch(core)
    if not match:
        return None
    body = (match["body"] or match["body2"] or "").strip(" ,")
    reason = match["reason"] or match["reason2"] or ""
    event = ExtractedEvent("rehabilitation", phrase, institution=body, note=reason)
    return _dated([event], match["date"] or match["date2"])


def _read_note(core: str, phrase: str) -> list[ExtractedEvent] | None:
    if not _NOTE.fullmatch(core):
        return None
    return [ExtractedEvent("other", phrase, note=core)]


def _dated(events: list[ExtractedEvent], date_text: str | None) -> list[ExtractedEvent]:
    """Dates the first event; a damaged date is read as far as it goes (alzhir.dates.read_date)
    and the phrase marked not read."""
    if not date_text:
        return events
    events[0].date = read_date(date_text)
    if events[0].date is not None and events[0].date.problem:
        raise _NotRead(events[0].date.problem, events)
    return events


_READERS = (
    _read_sentence,
    _read_arrival,
    _read_stay,
    _read_departure,
    _read_transfer,
    _read_release,
    _read_death,
    _read_rehabilitation,
    _read_note,
)


def _core(phrase: str) -> str:
    return " ".join(_SIC.sub(" ", phrase).split()).strip(" .,")


def _read_phrase(phrase: str, extraction: Extraction) -> None:
    core = _core(phrase)
    if not core:
        return
    previous = extraction.events[-1] if extraction.events else None
    if _RIGHTS.fullmatch(core) and previous is not None and previous.type == "sentence":
        previous.term_text += "; " + core
        return
    for reader in _READERS:
        try:
            events = reader(core, phrase)
        except _NotRead as partial:
            extraction.events.extend(partial.events)
            extraction.unparsed.append(phrase)
            return
        if events is not None:
            extraction.events.extend(_new_only(events, extraction.events))
            return
    extraction.unparsed.append(phrase)


def _new_only(events: list[ExtractedEvent], known: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """Drops a stay's arrival that repeats an arrival already read («Прибыла ... 02.02.1938»
    then «В АЛЖИРе находилась с 02.02.1938 ...»)."""
    arrivals = {(e.place_key, e.date.edtf) for e in known if e.type == "camp_arrival" and e.date}
    return [
        event
        for event in events
        if not (
            event.type == "camp_arrival"
            and event.date
            and event.date.edtf
            and (event.place_key, event.date.edtf) in arrivals
        )
    ]


def _complete_sentence(
    extraction: Extraction, sentence_date: str, sentencing_body: str, charge: str
) -> None:
    if not (sentence_date.strip() or sentencing_body.strip() or charge.strip()):
        return
    sentence = next((e for e in extraction.events if e.type == "sentence"), None)
    if sentence is None:
        sentence = ExtractedEvent("sentence", "")
        extraction.events.insert(0, sentence)
    sentence.institution = sentencing_body.strip()
    sentence.charge = charge.strip()
    sentence.date = read_date(sentence_date)
    if sentence.date is not None and sentence.date.problem:
        extraction.unparsed.append(sentence_date)


def extract_events(
    text: str, sentence_date: str = "", sentencing_body: str = "", charge: str = ""
) -> Extraction:
    """The events in a `prigovor` text, the sentence completed from the record's
    `osujd_date`, `osujd_org` and `obvin` columns when given."""
    extraction = Extraction()
    for phrase in _split(text or ""):
        _read_phrase(phrase, extraction)
    _complete_sentence(extraction, sentence_date, sentencing_body, charge)
    return extraction
