"""The whole statistics report for a scope: what the page, the CLI and the JSON all show.

Reports are kept in memory per process and rebuilt when the registry changes: every write goes
through alzhir.registry.actions, which writes an audit row, so the last audit row tells whether
a kept report is current.
A kept report also expires after ALZHIR_STATS_CACHE_SECONDS (default 300; 0 turns keeping off)."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.utils.translation import get_language

from alzhir.registry.models import AuditEntry
from alzhir.stats.aggregates import PERSONS, all_tables
from alzhir.stats.published import Comparison, compare, duplicates_note
from alzhir.stats.snapshot import REAL_PUBLIC, Scope, load_snapshot
from alzhir.stats.table import Table

KEPT_REPORTS = 6  # two scopes in three languages
_kept: dict[tuple, tuple[float, "StatsReport"]] = {}


@dataclass
class StatsReport:
    scope: Scope
    tables: dict[str, Table]
    comparisons: list[Comparison]
    persons: int
    records: int
    duplicates_note: str

    def as_json(self) -> dict:
        return {
            "scope": {"synthetic": self.scope.synthetic, "sources": list(self.scope.sources)},
            "persons": self.persons,
            "records": self.records,
            "duplicates_note": self.duplicates_note,
            "what_the_sources_say": [vars(c) for c in self.comparisons],
            "tables": {key: table.as_json() for key, table in self.tables.items()},
        }


def compute_report(scope: Scope = REAL_PUBLIC) -> StatsReport:
    snap = load_snapshot(scope)
    tables = all_tables(snap)
    persons = tables["overview"].total(PERSONS)
    records = len(snap.records)
    return StatsReport(
        scope=scope,
        tables=tables,
        comparisons=compare(tables["overview"]),
        persons=persons,
        records=records,
        duplicates_note=duplicates_note(persons, records),
    )


def registry_version() -> tuple:
    audit = AuditEntry.objects.aggregate(last=Max("id"), at=Max("at"))
    return audit["last"], audit["at"]


def build_report(scope: Scope = REAL_PUBLIC) -> StatsReport:
    """The report for the registry as it is now: kept from an earlier call if still current."""
    seconds = getattr(settings, "ALZHIR_STATS_CACHE_SECONDS", 300)
    if not seconds:
        return compute_report(scope)
    # The tables' labels are rendered in the active language: one kept report per language.
    key = (scope, registry_version(), get_language())
    kept = _kept.get(key)
    if kept and time.monotonic() - kept[0] < seconds:
        return kept[1]
    report = compute_report(scope)
    if len(_kept) >= KEPT_REPORTS:
        _kept.clear()
    _kept[key] = (time.monotonic(), report)
    return report


def forget_reports() -> None:
    _kept.clear()


def build_table(key: str, scope: Scope = REAL_PUBLIC) -> Table | None:
    """One table, for a drill-down or a CSV download."""
    return build_report(scope).tables.get(key)
