"""The API's JSON shapes as typed schemas (django-ninja, on pydantic): the views return them,
and the OpenAPI document at /api/openapi.json is generated from them."""

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from alzhir.registry.models import EventType, SourceKind

EventTypeName = Literal[tuple(EventType.values)]  # type: ignore[valid-type]
SourceKindName = Literal[tuple(SourceKind.values)]  # type: ignore[valid-type]


class ErrorDetail(Schema):
    code: str = Field(
        description="machine-readable: invalid_parameter, missing_query, not_found, "
        "page_not_found, invalid_body, unauthenticated, forbidden, refused, rate_limited"
    )
    message: str = Field(description="for people")


class Error(Schema):
    """Every error, with a 4xx status."""

    error: ErrorDetail


class RecordRef(Schema):
    """A record is named by (source, record_id) everywhere."""

    source: str = Field(description="the source's name")
    record_id: str = Field(description="the record's id in it")


class PersonItem(Schema):
    id: int
    name: str = Field(description="the display name")
    birth_year: int | None
    sex: Literal["F", "M", "U"]
    role: Literal["repressed", "child", "relative", "official", "witness", "other"] = Field(
        description="what her public records say she was: repressed and child are the people "
        "the memorial remembers; the others appear as context"
    )
    synthetic: bool = Field(description="generated for tests and benchmarks, not real")


class Page(Schema):
    """One page of a list (page numbers from 1)."""

    count: int = Field(ge=0, description="items matching, over all pages")
    next: str | None = Field(description="the next page's URL")
    previous: str | None = Field(description="the previous page's URL")


class PersonPage(Page):
    results: list[PersonItem]


class Citation(Schema):
    source: str
    locator: str = Field(description="where in the source")
    text: str = Field(description="the text as recorded")
    confidence: float | None


class Name(Schema):
    full_text: str
    surname: str
    given_name: str
    patronymic: str
    type: Literal["birth", "married", "alias", "as_recorded"]
    lang: str = Field(description="BCP 47, e.g. ru-Cyrl")
    scheme: str = Field(description="transliteration scheme")
    record: RecordRef
    citations: list[Citation]


class Place(Schema):
    key: str
    name: str
    wikidata: str = Field(description="a Wikidata QID or empty")


class Event(Schema):
    id: int
    type: EventTypeName
    date: str = Field(description="EDTF, e.g. 1938-02-02, 1902~, 1938/1945")
    date_lower: datetime.date | None = Field(description="earliest day the date allows")
    date_upper: datetime.date | None = Field(description="latest day the date allows")
    date_text: str = Field(description="the date as the source wrote it")
    calendar: Literal["gregorian", "julian"]
    place: Place | None
    place_text: str
    origin: Place | None
    origin_text: str = Field(description="where the person came from")
    institution: str
    charge: str
    legal_article: str
    term: str
    text: str = Field(description="the phrase as the source wrote it")
    person_id: int
    record: RecordRef


class EventPage(Page):
    results: list[Event]


class CitedEvent(Event):
    citations: list[Citation]


class SourceItem(Schema):
    id: int
    name: str
    kind: SourceKindName
    title: str
    synthetic: bool


class SourcePage(Page):
    results: list[SourceItem]


class SourceDetail(SourceItem):
    citation: str
    repository: str
    language: str
    rights: str
    url: str
    notes: str
    record_count: int = Field(description="public records from this source")


class Relative(Schema):
    role: Literal["mother", "father", "child", "spouse", "sibling"] = Field(
        description="what the relative is to this person"
    )
    status: Literal["proposed", "confirmed"]
    score: float | None = Field(ge=0, le=1)
    person: PersonItem


class RecordWithBirth(RecordRef):
    birth_date: str = Field(description="EDTF, as recorded")


class PersonDetail(PersonItem):
    names: list[Name]
    events: list[CitedEvent]
    records: list[RecordWithBirth]
    sources: list[SourceItem]
    relatives: list[Relative]
    jsonld: dict[str, Any] = Field(description="schema.org Person JSON-LD")


class MergedPerson(Schema):
    """The person was merged into another: follow Location."""

    merged_into: int
    location: str = Field(description="the API address of that person")


class SearchHit(Schema):
    person_id: int
    score: float
    name: str
    birth_date: str
    records: list[RecordRef]
    why: list[str] = Field(description="the reasons for the match, in words")
    synthetic: bool | None = Field(None, description="present (true) only for generated persons")


class SearchResponse(Schema):
    query: str
    took_ms: float = Field(ge=0)
    results: list[SearchHit]


class StatsColumn(Schema):
    key: str
    label: str


class StatsTable(Schema):
    key: str
    title: str
    row_header: str
    columns: list[StatsColumn]
    rows: list[dict[str, Any]] = Field(description="key, label and one count per column key")
    totals: dict[str, int] = Field(description="distinct persons per column")
    notes: list[str]


class StatsScope(Schema):
    synthetic: bool
    sources: list[str]


class Stats(Schema):
    scope: StatsScope
    persons: int
    records: int
    duplicates_note: str
    what_the_sources_say: list[dict[str, Any]]
    tables: dict[str, StatsTable]


class Decision(Schema):
    verdict: Literal["same", "different", "later"]


class DecidedProposal(Schema):
    id: int
    status: Literal["proposed", "confirmed", "rejected"]
    deferred: bool
    decided_by: str


class DecisionResult(Schema):
    proposal: DecidedProposal
    audit_entry: int = Field(description="the audit row; staff can undo it")
