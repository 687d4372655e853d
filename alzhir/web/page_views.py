"""Public pages of this part: home (what ALZHIR was, with the published figures the registry
holds, each cited), sources, about and method. Queries stay small: counts come from
alzhir.registry.queries."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from alzhir.registry import queries
from alzhir.registry.models import PublishedFigure, Record, Source
from alzhir.stats.published import CLAIMS
from alzhir.web.locators import citation_locator, record_locator

SOURCE_PAGE_SIZE = 50

# How the home page words well-known figures, in every language; any other figure is shown
# with its own claim as staff wrote it. The numbers always come from the registry.
FIGURE_SENTENCES = {
    "female_prisoners_total": _("In all, %(n)s women prisoners passed through ALZHIR."),
    "years_in_operation": _("The camp was in operation for %(n)s years, from 1938 to 1953."),
    "children_born_in_camp": _(
        "%(n)s children were born in the camp, by official data that counts only those who "
        "survived."
    ),
    "children_sent_to_orphanages_by_jan_1939": _(
        "By January 1939, %(n)s children of repressed parents had been sent to orphanages and "
        "nurseries."
    ),
    "frostbite_cases_feb_1938": _(
        "In February 1938 alone, %(n)s cases of severe frostbite were recorded in the camp."
    ),
}


def featured_figures() -> list[dict]:
    """The published figures the registry features, each with its source and locator."""
    facts = []
    featured = PublishedFigure.objects.filter(featured=True).select_related("source")
    for figure in featured.order_by("pk"):
        n = number_format(figure.value, force_grouping=True)
        sentence = FIGURE_SENTENCES.get(figure.key)
        facts.append(
            {
                "text": sentence % {"n": n} if sentence else f"{figure.text}: {figure.claim}",
                "locator": citation_locator(figure.locator),
                "source": figure.source,
            }
        )
    return facts


# Which published figure the Wall's count of names is set beside, best first.
ESTIMATE_COMPARISONS = ["in-alzhir", "in-camp", "women", "persons"]


def published_estimate() -> dict | None:
    """The published estimate of how many the camp held, with its source, for the Wall to
    set its count of known names beside; None in a registry holding no such figure."""
    figures = PublishedFigure.objects.filter(compared_with__in=ESTIMATE_COMPARISONS)
    found = sorted(figures.select_related("source"),
                   key=lambda f: (ESTIMATE_COMPARISONS.index(f.compared_with), f.pk))  # fmt: skip
    if not found:
        return None
    figure = found[0]
    return {
        "value": figure.value,
        "claim": CLAIMS.get(figure.key, figure.claim),
        "source": figure.source,
        "locator": citation_locator(figure.locator),
    }


def home(request):
    return render(
        request,
        "alzhir/home.html",
        {"counts": queries.registry_counts(), "figures": featured_figures()},
    )


def about(request):
    return render(request, "alzhir/about.html")


def method(request):
    return render(request, "alzhir/method.html")


def source_list(request):
    sources = Source.objects.filter(is_synthetic=False).order_by("kind", "name")
    return render(request, "alzhir/sources.html", {"sources": sources})


def source_detail(request, source_id: int):
    source = get_object_or_404(Source, pk=source_id)
    records = (
        Record.objects.public()
        .filter(source=source)
        .select_related("person")
        .only("id", "record_id", "row_number", "role", "person__id", "person__display_name",
              "person__is_synthetic")  # fmt: skip
        .order_by("pk")
    )
    page = Paginator(records, SOURCE_PAGE_SIZE).get_page(request.GET.get("page"))
    for record in page.object_list:
        record.source = source
        record.locator = record_locator(record)
    return render(request, "alzhir/source.html", {"source": source, "page": page})
