"""Turn one row's field values into a RecordDraft, or say precisely what is wrong with it.

Only a row with no name, or a `role` or `private` word that cannot be read, is refused here
(guessing either could put a person on the Wall or expose the living). Dates are read as far
as they go and never refuse a row: what a reading left out, and dates that cannot all be right,
are kept with the record in `fields["date_problems"]` for an archivist (`alzhir dates`); how a
clerk's convention was read («00» for an unknown day, alternatives) in `fields["date_notes"]`."""

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _

from alzhir.dates import read_date
from alzhir.ingest.plausibility import DatedFact, implausible
from alzhir.ingest.profiles import DATE_FIELDS
from alzhir.ingest.sentence_text import extract_events
from alzhir.names import detect_script, parse_name
from alzhir.places import normalize_place
from alzhir.registry.drafts import EventDraft, NameDraft, RecordDraft, birth_fields

SEX_WORDS = {
    "F": {"f", "ж", "жен", "жен.", "женщина", "женский", "female", "woman", "w"},
    "M": {"m", "м", "муж", "муж.", "мужчина", "мужской", "male", "man"},
    "U": {"", "u", "?", "unknown", "неизвестно", "н/д"},
}
SEX_BY_WORD = {word: code for code, words in SEX_WORDS.items() for word in words}
# The `role` column (DESIGN.md, Role); empty means repressed.
ROLE_WORDS = {
    "repressed": {"", "repressed", "репрессирован", "репрессирована", "репрессированный",
                  "репрессированная", "осуждён", "осуждена"},
    "child": {"child", "ребёнок", "ребенок"},
    "relative": {"relative", "родственник", "родственница"},
    "official": {"official", "должностное лицо", "сотрудник нквд"},
    "witness": {"witness", "свидетель", "свидетельница"},
    "other": {"other", "другое", "другой"},
}  # fmt: skip
ROLE_BY_WORD = {word: role for role, words in ROLE_WORDS.items() for word in words}
# The `private` column; empty means public.
PRIVATE_BY_WORD = {word: True for word in ("yes", "y", "1", "true", "да", "private")} | {
    word: False for word in ("", "no", "n", "0", "false", "нет", "public")
}

# Events that a generic column carries on its own (the sentence column is read separately).
SIMPLE_EVENTS = [
    ("birth", "birth_date", "birth_place"),
    ("death", "death_date", "death_place"),
    ("arrest", "arrest_date", None),
    ("camp_arrival", "arrival_date", "camp"),
    ("release", "release_date", None),
    ("child_to_orphanage", None, "orphanage"),
]


@dataclass
class RowError:
    row: int
    column: str
    reason: str


class DateProblemKind(models.TextChoices):
    """What an entry of `fields["date_problems"]` says of its date."""

    UNREAD = "unread", _("not fully read")
    IMPLAUSIBLE = "implausible", _("implausible")


_EVENT_OF_FIELD = {field: event for event, field, _ in SIMPLE_EVENTS if field}
_EVENT_OF_FIELD["sentence_date"] = "sentence"

_date = lru_cache(maxsize=200_000)(read_date)


@lru_cache(maxsize=100_000)
def _place_key(text: str) -> str:
    match = normalize_place(text) if text else None
    return match.key if match else ""


def lang_tag(text: str) -> str:
    """Names in these lists are Russian names, whatever the script they are written in."""
    script = detect_script(text)
    return f"ru-{script}" if script in ("Cyrl", "Latn") else ""


def sex_unread(draft: RecordDraft) -> bool:
    """The row names a sex in a word the reader does not know: stored as U, the word kept."""
    return draft.sex == "U" and draft.fields.get("sex", "").strip().casefold() not in SEX_WORDS["U"]


def row_errors(values: dict[str, str], row_number: int, columns: dict[str, str]) -> list[RowError]:
    """What refuses the row, if anything: checked on every row before any row is built."""
    errors = []
    if ROLE_BY_WORD.get(values.get("role", "").strip().casefold()) is None:
        errors.append(RowError(row_number, columns["role"], f"unknown role «{values['role']}»: "
                               f"use {', '.join(ROLE_WORDS)} (empty means repressed)"))  # fmt: skip
    # A privacy word we cannot read refuses the row: guessing "public" could expose the living.
    if PRIVATE_BY_WORD.get(values.get("private", "").strip().casefold()) is None:
        errors.append(RowError(row_number, columns["private"], f"«{values['private']}» is not "
                               "yes or no (1/0, да/нет; empty means no)"))  # fmt: skip
    if not any(values.get(k) for k in ("full_name", "surname", "given_name", "patronymic")):
        errors.append(RowError(row_number, "surname/given_name/full_name", "the row has no name"))
    return errors


def build_record(
    values: dict[str, str],
    original: dict,
    row_number: int,
    columns: dict[str, str],
    profile,
    today: datetime.date | None = None,
) -> RecordDraft | list[RowError]:
    errors = row_errors(values, row_number, columns)
    if errors:
        return errors
    role = ROLE_BY_WORD[values.get("role", "").strip().casefold()]
    private = PRIVATE_BY_WORD[values.get("private", "").strip().casefold()]
    names = _names(values, profile.name_order)
    dates = {name: _date(values[name]) for name in DATE_FIELDS & values.keys()}
    facts = [
        DatedFact(name, columns[name], _EVENT_OF_FIELD[name], date)
        for name, date in dates.items()
        if date is not None
    ]
    sentence_events, sentence_facts, unparsed = _sentence_events(values, columns)
    fields = {k: v for k, v in values.items() if v and k not in ("role", "private")}
    notes = {name: d.note for name, d in dates.items() if d and d.note}
    if notes:
        fields["date_notes"] = notes
    problems = _date_problems(facts + sentence_facts, today or datetime.date.today())
    if problems:
        fields["date_problems"] = problems
    if unparsed:
        fields["sentence_unparsed"] = unparsed
    birth = dates.get("birth_date")
    return RecordDraft(
        record_id=values.get("record_id") or str(row_number),
        row_number=row_number,
        original=original,
        fields=fields,
        sex=SEX_BY_WORD.get(values.get("sex", "").strip().casefold(), "U"),
        role=role,
        is_private=private,
        **birth_fields(birth),
        names=names,
        events=_simple_events(values) + sentence_events,
    )


def _date_problems(facts: list[DatedFact], today: datetime.date) -> list[dict]:
    found = [(f, DateProblemKind.UNREAD, f.date.problem) for f in facts if f.date.problem]
    found += [(f, DateProblemKind.IMPLAUSIBLE, why) for f, why in implausible(facts, today)]
    return [
        {
            "field": f.field,
            "column": f.column,
            "text": f.date.original,
            "reading": f.date.edtf,
            "kind": kind.value,
            "problem": problem,
        }  # fmt: skip
        for f, kind, problem in found
    ]


def _names(values: dict[str, str], order: str) -> list[NameDraft]:
    parts = (values.get(k, "") for k in ("surname", "given_name", "patronymic", "full_name"))
    return list(_name_drafts(*parts, values.get("maiden_name", ""), order))


# Names and dates repeat across a list: each distinct one is read once (the drafts share it).
@lru_cache(maxsize=200_000)
def _name_drafts(surname, given, patronymic, full, maiden, order) -> tuple[NameDraft, ...]:
    if full and not (surname or given):
        reading = parse_name(full, order=order)[0]
        surname, given, patronymic = reading.surname, reading.given, reading.patronymic
    full = full or " ".join(p for p in (surname, given, patronymic) if p)
    if not full:
        return ()
    names = [NameDraft(full, surname, given, patronymic, lang=lang_tag(full))]
    if maiden:
        maiden_full = " ".join(p for p in (maiden, given, patronymic) if p)
        names.append(NameDraft(maiden_full, maiden, given, patronymic, "birth", lang_tag(maiden)))
    return tuple(names)


def _simple_events(values) -> list[EventDraft]:
    found = (
        _simple_event(
            event_type,
            values.get(date_field, "") if date_field else "",
            values.get(place_field, "") if place_field else "",
        )
        for event_type, date_field, place_field in SIMPLE_EVENTS
    )
    return [event for event in found if event]


@lru_cache(maxsize=200_000)
def _simple_event(event_type: str, date_text: str, place: str) -> EventDraft | None:
    date = _date(date_text) if date_text else None
    if not (date or place):
        return None
    return EventDraft.dated(event_type, date, place_key=_place_key(place), place_text=place)


def _sentence_events(values, columns) -> tuple[list[EventDraft], list[DatedFact], list[str]]:
    """Events read from the sentence text, the dates read from its phrases, and the fragments
    the extractor could not read."""
    text = values.get("sentence", "")
    if not (text or values.get("sentence_date") or values.get("sentencing_body")):
        return [], [], []
    extraction = extract_events(
        text,
        sentence_date=values.get("sentence_date", ""),
        sentencing_body=values.get("sentencing_body", ""),
        charge=values.get("charge", ""),
    )
    # A sentence dated from its own column is that column's fact, not the text's.
    facts = [
        DatedFact("sentence", columns.get("sentence", "sentence"), e.type, e.date)
        for e in extraction.events
        if e.date is not None and e.date.original in e.phrase
    ]
    return [_event_draft(e) for e in extraction.events], facts, extraction.unparsed


def _event_draft(e) -> EventDraft:
    """A transfer's place is where she was sent; its origin, where she came from."""
    return EventDraft.dated(
        e.type,
        e.date,
        place_key=e.to_place_key or e.place_key or "",
        place_text=e.to_place_text or e.place_text or "",
        origin_key=e.from_place_key or "",
        origin_text=e.from_place_text or "",
        transport=e.transport,
        institution=e.institution,
        charge=e.charge,
        term=e.term_text,
        text=e.phrase,
    )
