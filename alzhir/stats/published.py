"""“What the sources say”: the published figures the registry holds (alzhir.registry's
PublishedFigure, each cited), set beside the registry's own counts, with an honest word on what
the registry can and cannot confirm. A registry holding none shows its own counts only."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from alzhir.registry.models import PublishedFigure
from alzhir.stats.aggregates import PERSONS
from alzhir.stats.table import Table

# How well-known figures' claims are worded in every language; any other figure shows the
# claim staff wrote with it.
CLAIMS = {
    "female_prisoners_total": _("women held in ALZHIR"),
    "children_born_in_camp": _("children born in the camp"),
    "museum_names_known": _("names of ALZHIR prisoners known today"),
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


def published_figures() -> list[dict]:
    """The figures set beside one of the registry's counts, with their citations."""
    figures = PublishedFigure.objects.exclude(compared_with="").select_related("source")
    return [
        {
            "key": f.key,
            "value": f.value,
            "text": f.text,
            "claim": CLAIMS.get(f.key, f.claim),
            "source": f.source.citation or f.source.title or f.source.name,
            "locator": f.locator,
            "row": f.compared_with,
        }
        for f in figures.order_by("pk")
    ]


def share_text(part: int, whole: int) -> str:
    """Part of a whole in per cent as the language writes it: «менее 1 %», «12 %», "12%"
    (never «0 %» for a part that is there)."""
    if not whole or not part:
        return pgettext("share", "%(percent)s%%") % {"percent": 0}
    percent = 100 * part / whole
    if percent < 1:
        return pgettext("share", "less than 1%%")
    return pgettext("share", "%(percent)s%%") % {"percent": number_format(round(percent))}


def verdict(registry: int, published: int) -> str:
    if registry == 0:
        return str(_("The registry has no records of this yet: it can neither confirm nor "
                     "contradict the figure."))  # fmt: skip
    n = number_format(registry, force_grouping=True)
    if registry < published:
        return str(_("The registry names {n} ({share} of the published figure). Its lists "
                     "are incomplete, so this is a lower bound: consistent with the figure, "
                     "but not a confirmation of it.")).format(
            n=n, share=share_text(registry, published))  # fmt: skip
    return str(_("The registry names {n}, as many as or more than the published figure: check "
                 "for records of one person not yet merged before reading it as a "
                 "correction.")).format(n=n)  # fmt: skip


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
    ).format(
        records=number_format(records, force_grouping=True),
        persons=number_format(persons, force_grouping=True),
    )
