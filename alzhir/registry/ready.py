"""A record draft as an import writes it: every value of its rows made, only the ids left to
number and the places to look up. Tuples of strings, numbers and dates, so that a worker
process can make them and hand them over for what plain tuples cost to unpickle (13 µs a
record, measured in the second round of issue 20; a RecordDraft's many small objects took
36 µs, about what building one from its row costs, 38–70 µs: docs/benchmarks.md)."""

from datetime import date
from functools import lru_cache
from typing import NamedTuple

from alzhir.registry.bulk import as_json
from alzhir.registry.drafts import RecordDraft
from alzhir.registry.signals import draft_preparers
from alzhir.registry.summary import person_summary
from alzhir.registry.visibility import is_public_draft


class ReadyRecord(NamedTuple):
    record_id: str
    row_number: int | None
    original: str  # JSON, as stored
    fields: str  # JSON, as stored
    sex: str
    birth_edtf: str
    birth_lower: date | None
    birth_upper: date | None
    is_private: bool
    role: str
    locator: str
    # (sort name, display name, birth year, sex) the record gives a new person of its own
    face: tuple[str, str, int | None, str]
    names: tuple[tuple, ...]  # (*NameDraft's columns, locator)
    events: tuple[tuple, ...]  # (*EventDraft's columns, locator), the places as their keys
    derived: dict  # what each of signals.draft_preparers made of the draft, by its name
    flags: tuple[str, ...] = ()  # what the caller reports of the row; not stored


NAME_COLUMNS = ["type", "surname", "given_name", "patronymic", "full_text", "lang", "scheme"]
EVENT_COLUMNS = ["type", "date_edtf", "date_lower", "date_upper", "date_text", "calendar",
                 "place", "place_text", "origin", "origin_text", "transport", "institution",
                 "charge", "legal_article", "term", "text"]  # fmt: skip
PLACE_AT, ORIGIN_AT = EVENT_COLUMNS.index("place"), EVENT_COLUMNS.index("origin")


def ready_record(draft: RecordDraft | ReadyRecord, flags: tuple[str, ...] = ()) -> ReadyRecord:
    """The draft made ready (a ready record as it is). Pure: runs in an import's worker."""
    if isinstance(draft, ReadyRecord):
        return draft
    # A person's face shows her public records only: a private one leaves it blank.
    public = is_public_draft(draft)
    face = _face(tuple(n.full_text for n in draft.names) if public else ())
    birth_year = draft.birth_lower.year if public and draft.birth_lower else None
    return ReadyRecord(
        draft.record_id, draft.row_number, as_json(draft.original), as_json(draft.fields),
        draft.sex, draft.birth_edtf, draft.birth_lower, draft.birth_upper, draft.is_private,
        draft.role, draft.locator, (*face, birth_year, draft.sex if public else "U"),
        tuple((n.type, n.surname, n.given_name, n.patronymic, n.full_text, n.lang, n.scheme,
               n.locator) for n in draft.names),
        tuple((e.type, e.date_edtf, e.date_lower, e.date_upper, e.date_text, e.calendar,
               e.place_key, e.place_text, e.origin_key, e.origin_text, e.transport,
               e.institution, e.charge, e.legal_article, e.term, e.text, e.locator)
              for e in draft.events),
        {name: prepare(draft) for name, prepare in draft_preparers.items()}, flags,
    )  # fmt: skip


@lru_cache(maxsize=100_000)
def _face(names: tuple[str, ...]) -> tuple[str, str]:
    """A new person's sort and display names, made once per distinct names (a list repeats
    them; keyed with the birth too, the cache held a row's worth of entries and rarely hit)."""
    summary = person_summary(list(names), None)
    return summary["sort_name"], summary["display_name"]
