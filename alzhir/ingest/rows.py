"""Turn one row's field values into a RecordDraft, or say precisely what is wrong with it."""

from dataclasses import dataclass
from functools import lru_cache

from alzhir.dates import DateParseError, parse_date, salvage_date
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


@lru_cache(maxsize=200_000)
def _date(text: str, salvage: bool):
    return salvage_date(text) if salvage else parse_date(text)


@lru_cache(maxsize=100_000)
def _place_key(text: str) -> str:
    match = normalize_place(text) if text else None
    return match.key if match else ""


def lang_tag(text: str) -> str:
    """Names in these lists are Russian names, whatever the script they are written in."""
    script = detect_script(text)
    return f"ru-{script}" if script in ("Cyrl", "Latn") else ""


def build_record(
    values: dict[str, str],
    original: dict,
    row_number: int,
    columns: dict[str, str],
    profile,
) -> RecordDraft | list[RowError]:
    errors = []
    dates = {}
    for name in DATE_FIELDS & values.keys():
        try:
            dates[name] = _date(values[name], profile.salvage_dates)
        except DateParseError as error:
            errors.append(RowError(row_number, columns[name], error.reason))
    sex = SEX_BY_WORD.get(values.get("sex", "").strip().casefold())
    if sex is None:
        errors.append(
            RowError(
                row_number,
                columns["sex"],
                f"unknown sex «{values['sex']}»: use F, M, U or a word such as женщина / male",
            )
        )
    role = ROLE_BY_WORD.get(values.get("role", "").strip().casefold())
    if role is None:
        errors.append(RowError(row_number, columns["role"], f"unknown role «{values['role']}»: "
                               f"use {', '.join(ROLE_WORDS)} (empty means repressed)"))  # fmt: skip
    private = PRIVATE_BY_WORD.get(values.get("private", "").strip().casefold())
    if private is None:
        errors.append(RowError(row_number, columns["private"], f"«{values['private']}» is not "
                               "yes or no (1/0, да/нет; empty means no)"))  # fmt: skip
    names = _names(values, profile.name_order)
    if not names:
        errors.append(RowError(row_number, "surname/given_name/full_name", "the row has no name"))
    if errors:
        return errors
    birth = dates.get("birth_date")
    sentence_events, unparsed = _sentence_events(values)
    fields = {k: v for k, v in values.items() if v and k not in ("role", "private")}
    salvaged = {name: d.note for name, d in dates.items() if d and d.note}
    if salvaged:
        fields["date_notes"] = salvaged
    if unparsed:
        fields["sentence_unparsed"] = unparsed
    return RecordDraft(
        record_id=values.get("record_id") or str(row_number),
        row_number=row_number,
        original=original,
        fields=fields,
        sex=sex,
        role=role,
        is_private=private,
        **birth_fields(birth),
        names=names,
        events=_simple_events(values, dates) + sentence_events,
    )


def _names(values: dict[str, str], order: str) -> list[NameDraft]:
    surname, given, patronymic = (
        values.get(k, "") for k in ("surname", "given_name", "patronymic")
    )
    full = values.get("full_name", "")
    if full and not (surname or given):
        reading = parse_name(full, order=order)[0]
        surname, given, patronymic = reading.surname, reading.given, reading.patronymic
    full = full or " ".join(p for p in (surname, given, patronymic) if p)
    if not full:
        return []
    names = [NameDraft(full, surname, given, patronymic, lang=lang_tag(full))]
    maiden = values.get("maiden_name", "")
    if maiden:
        maiden_full = " ".join(p for p in (maiden, given, patronymic) if p)
        names.append(NameDraft(maiden_full, maiden, given, patronymic, "birth", lang_tag(maiden)))
    return names


def _simple_events(values, dates) -> list[EventDraft]:
    events = []
    for event_type, date_field, place_field in SIMPLE_EVENTS:
        date = dates.get(date_field) if date_field else None
        place = values.get(place_field, "") if place_field else ""
        if not (date or place):
            continue
        events.append(
            EventDraft.dated(event_type, date, place_key=_place_key(place), place_text=place)
        )
    return events


def _sentence_events(values) -> tuple[list[EventDraft], list[str]]:
    """Events read from the sentence text, and the fragments the extractor could not read."""
    text = values.get("sentence", "")
    if not (text or values.get("sentence_date") or values.get("sentencing_body")):
        return [], []
    extraction = extract_events(
        text,
        sentence_date=values.get("sentence_date", ""),
        sentencing_body=values.get("sentencing_body", ""),
        charge=values.get("charge", ""),
    )
    return [_event_draft(e) for e in extraction.events], extraction.unparsed


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
