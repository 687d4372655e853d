"""What a reader hands to the registry: one record with its names, events and citations,
validated and parsed but not yet written. Plain data, so readers need no database."""

from dataclasses import dataclass, field
from datetime import date


@dataclass
class NameDraft:
    full_text: str
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    type: str = "as_recorded"
    lang: str = ""
    scheme: str = ""
    locator: str = ""


@dataclass
class EventDraft:
    type: str
    date_edtf: str = ""
    date_lower: date | None = None
    date_upper: date | None = None
    date_text: str = ""
    calendar: str = "gregorian"
    place_key: str = ""
    place_text: str = ""
    origin_key: str = ""
    origin_text: str = ""
    transport: str = ""
    institution: str = ""
    charge: str = ""
    legal_article: str = ""
    term: str = ""
    text: str = ""
    locator: str = ""

    @classmethod
    def dated(cls, type: str, date, **fields) -> "EventDraft":
        """An event on a parsed date (alzhir.dates.ParsedDate, or None when undated): its EDTF,
        bounds and calendar, and the date as written unless `date_text` says otherwise."""
        if date is not None:
            fields = {
                "date_edtf": date.edtf,
                "date_lower": date.lower,
                "date_upper": date.upper,
                "date_text": date.original,
                "calendar": date.calendar,
            } | fields
        return cls(type=type, **fields)


def birth_fields(date) -> dict:
    """RecordDraft's birth fields from a parsed date, or none when the birth is undated."""
    if date is None:
        return {}
    return {"birth_edtf": date.edtf, "birth_lower": date.lower, "birth_upper": date.upper}


@dataclass
class RecordDraft:
    record_id: str
    original: dict
    row_number: int | None = None
    fields: dict = field(default_factory=dict)
    sex: str = "U"
    birth_edtf: str = ""
    birth_lower: date | None = None
    birth_upper: date | None = None
    # The import's `private` column: a living person's record, or one its source withholds.
    is_private: bool = False
    # The import's `role` column: what the source says the person was (models.Role).
    role: str = "repressed"
    names: list[NameDraft] = field(default_factory=list)
    events: list[EventDraft] = field(default_factory=list)
    locator: str = ""
