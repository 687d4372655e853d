"""A statistics table whose every number knows the records behind it.

A cell holds (person, record, event) triples; it shows the number of distinct persons, so a
woman listed twice counts once once the two records are merged into one person."""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext_lazy

TOTAL_LABEL = gettext_lazy("total (distinct persons)")


class Member(NamedTuple):
    person_id: int
    record_id: int
    event_id: int | None = None


@dataclass
class Cell:
    members: set[Member] = field(default_factory=set)
    person_ids: set[int] = field(default_factory=set)

    def add(self, member: Member) -> None:
        self.members.add(member)
        self.person_ids.add(member.person_id)

    @property
    def count(self) -> int:
        return len(self.person_ids)


@dataclass
class Row:
    key: str
    label: str
    cells: dict[str, Cell] = field(default_factory=dict)

    def cell(self, column: str) -> Cell:
        cell = self.cells.get(column)
        if cell is None:
            cell = self.cells[column] = Cell()
        return cell


@dataclass
class Table:
    key: str
    title: str
    description: str
    row_header: str
    columns: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)
    # "columns" (vertical bars over time) or "bars" (horizontal bars by category), or "".
    chart: str = ""
    notes: list[str] = field(default_factory=list)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    def cell(self, row_key: str, column: str) -> Cell | None:
        row = self.row(row_key)
        return row.cells.get(column) if row else None

    def total(self, column: str) -> int:
        """Distinct persons in the column: not the sum of the rows when one woman fills two."""
        return len({p for row in self.rows for p in row.cell(column).person_ids})

    def counts(self) -> list[dict]:
        """Plain rows for JSON and CSV: key, label, one count per column."""
        return [
            {"key": r.key, "label": r.label} | {c: r.cell(c).count for c, _ in self.columns}
            for r in self.rows
        ]

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "title": str(self.title),
            "row_header": str(self.row_header),
            "columns": [{"key": c, "label": str(label)} for c, label in self.columns],
            "rows": self.counts(),
            "totals": {c: self.total(c) for c, _ in self.columns},
            "notes": [str(n) for n in self.notes],
        }

    def csv_rows(self) -> list[list]:
        header = ["key", str(self.row_header)] + [str(label) for _, label in self.columns]
        body = [[r["key"], r["label"]] + [r[c] for c, _ in self.columns] for r in self.counts()]
        total = ["", str(TOTAL_LABEL)] + [self.total(c) for c, _ in self.columns]
        return [header, *body, total]


class Tally:
    """Builds a table's rows from members as they are met, keeping first-seen or sorted order."""

    def __init__(self):
        self.rows: dict[str, Row] = {}

    def add(self, row_key: str, label, column: str, member: Member) -> None:
        """`label` may be lazy or a function: it is rendered once, when the row is new."""
        row = self.rows.get(row_key)
        if row is None:
            row = self.rows[row_key] = Row(row_key, label() if callable(label) else str(label))
        row.cell(column).add(member)

    def sorted(self, key) -> list[Row]:
        return sorted(self.rows.values(), key=key)
