"""“What the sources say”: figures published elsewhere, set beside the registry's own counts,
with an honest word on what the registry can and cannot confirm."""

import json
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy as _

from alzhir.demo.load import DEMO_FILE
from alzhir.stats.aggregates import PERSONS
from alzhir.stats.table import Table

# Which article figure is compared with which overview row.
ARTICLE_FIGURES = {
    "female_prisoners_total": ("in-alzhir", _("women held in ALZHIR")),
    "children_born_in_camp": ("born-in-camp", _("children born in the camp")),
}
MUSEUM_FIGURE = {
    "key": "museum_names_known",
    "value": 8000,
    "text": "about 8,000",
    "claim": _("names of ALZHIR prisoners known today"),
    "source": _(
        "ALZHIR Museum-Memorial Complex (Malinovka), as cited in the notes to the memory-book list"
    ),  # fmt: skip
    "locator": "",
    "row": "persons",
}


@dataclass
class Comparison:
    key: str
    claim: str
    published: int
    published_text: str
    source: str
    locator: str
    row: str  # the overview row holding the registry's count, for its drill-down
    registry: int
    verdict: str


@cache
def published_figures() -> list[dict]:
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    by_key = {f["key"]: f for f in data.get("figures", [])}
    citation = data["source"].get("citation") or data["source"]["title"]
    figures = []
    for key, (row, claim) in ARTICLE_FIGURES.items():
        if key in by_key:
            figure = by_key[key]
            figures.append({
                "key": key, "value": figure["value"], "text": figure["text"], "claim": claim,
                "source": citation, "locator": figure.get("locator", ""), "row": row,
            })  # fmt: skip
    return [*figures, MUSEUM_FIGURE]


def verdict(registry: int, published: int) -> str:
    if registry == 0:
        return str(_("The registry has no records of this yet: it can neither confirm nor "
                     "contradict the figure."))  # fmt: skip
    share = 100 * registry / published
    if registry < published:
        # xgettext:no-python-format
        return str(_("The registry names {n} ({share:.0f}% of the published figure). Its lists "
                     "are incomplete, so this is a lower bound: consistent with the figure, "
                     "but not a confirmation of it.")).format(n=registry, share=share)  # fmt: skip
    return str(_("The registry names {n}, as many as or more than the published figure: check "
                 "for records of one person not yet merged before reading it as a "
                 "correction.")).format(n=registry)  # fmt: skip


def compare(overview: Table) -> list[Comparison]:
    rows = []
    for figure in published_figures():
        cell = overview.cell(figure["row"], PERSONS)
        count = cell.count if cell else 0
        rows.append(
            Comparison(
                key=figure["key"],
                claim=str(figure["claim"]),
                published=figure["value"],
                published_text=figure["text"],
                source=str(figure["source"]),
                locator=figure["locator"],
                row=figure["row"],
                registry=count,
                verdict=verdict(count, figure["value"]),
            )
        )
    return rows


def duplicates_note(persons: int, records: int) -> str:
    """Whether persons are still records one for one (no linkage yet), said plainly."""
    if records == persons:
        return str(_("No records have been merged yet: a woman listed twice is counted twice "
                     "until an archivist or the linker joins her records."))  # fmt: skip
    return str(
        _(
            "{records} records are counted as {persons} persons: records an archivist or "
            "the linker joined count once."
        )
    ).format(records=records, persons=persons)
