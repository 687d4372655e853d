"""Dates an archivist should look at: kept as written but not fully read, or implausible beside
the record's other dates. The import keeps them with each record (`fields["date_problems"]`,
written by alzhir.ingest.rows); `alzhir dates` and the staff page list them from there.
Private records are included: this is staff work."""

from collections.abc import Iterator
from dataclasses import asdict, dataclass

from alzhir.registry.models import Record

# The columns of `alzhir dates --json` (DESIGN.md), then what this registry adds.
COLUMNS = ("source", "record_id", "column", "text", "reading", "problem", "field", "kind")


@dataclass(frozen=True)
class DateProblem:
    source: str
    record_id: str
    column: str
    text: str
    reading: str
    problem: str
    field: str
    kind: str

    def as_json(self) -> dict:
        return asdict(self)


def records_with_date_problems(sources: tuple[str, ...] = ()):
    records = Record.objects.filter(fields__has_key="date_problems")
    if sources:
        records = records.filter(source__name__in=sources)
    return records.order_by("source__name", "pk")


def problems_of(source: str, record_id: str, entries: list[dict]) -> list[DateProblem]:
    return [
        DateProblem(
            source,
            record_id,
            e["column"],
            e["text"],
            e["reading"],
            e["problem"],
            e["field"],
            e["kind"],
        )  # fmt: skip
        for e in entries
    ]


def date_problems(sources: tuple[str, ...] = (), kind: str = "") -> Iterator[DateProblem]:
    """Every date problem, record by record in source order."""
    rows = records_with_date_problems(sources).values_list(
        "source__name", "record_id", "fields__date_problems"
    )
    for source, record_id, entries in rows.iterator(chunk_size=2000):
        for problem in problems_of(source, record_id, entries):
            if not kind or problem.kind == kind:
                yield problem
