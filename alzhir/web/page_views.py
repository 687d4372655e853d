"""Public pages of this part: home (what ALZHIR was, with cited figures), sources, about and
method. Queries stay small: counts come from alzhir.registry.queries."""

import json
from functools import cache

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from alzhir.demo.load import DEMO_FILE
from alzhir.registry import queries
from alzhir.registry.models import Record, Source

SOURCE_PAGE_SIZE = 50

# What the home page says with the article's figures: each sentence holds one number.
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


@cache
def _article() -> tuple[dict, dict]:
    """The demo registry's article and its figures, shipped with the package."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return data["source"], {f["key"]: f for f in data["figures"]}


def article_figures() -> dict:
    meta, figures = _article()
    source = Source.objects.filter(name=meta["key"], is_synthetic=False).first()
    facts = [
        {
            "text": sentence % {"n": number_format(figures[key]["value"], force_grouping=True)},
            "locator": figures[key]["locator"],
        }
        for key, sentence in FIGURE_SENTENCES.items()
        if key in figures
    ]
    return {"facts": facts, "citation": meta["citation"], "source": source}


def home(request):
    return render(
        request,
        "alzhir/home.html",
        {"counts": queries.registry_counts(), "article": article_figures()},
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
        Record.objects.filter(source=source, is_private=False, person__is_private=False)
        .select_related("person")
        .only("id", "record_id", "person__id", "person__display_name", "person__is_synthetic")
        .order_by("pk")
    )
    page = Paginator(records, SOURCE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "alzhir/source.html", {"source": source, "page": page})
