"""The search page (/search?q=), over alzhir.search; its JSON twin is alzhir.web.api's."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from alzhir.registry.models import MEMORIAL_ROLES, EventType, Source
from alzhir.search.engine import Filters, search
from alzhir.web.locators import NUMBERED_KINDS
from alzhir.web.ratelimit import rate_limited

MAX_LIMIT = 100


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


def _request_search(request):
    params = request.GET
    query = params.get("q", "").strip()
    limit = min(max(_int(params.get("limit"), 10), 1), MAX_LIMIT)
    filters = Filters(
        birth_from=_int(params.get("born_from")),
        birth_to=_int(params.get("born_to")),
        source=params.get("source", ""),
        camp=params.get("camp", ""),
        event_type=params.get("event", ""),
        text=params.get("text", "").strip(),
    )
    if not query and filters == Filters():
        return None, filters
    return search(query, limit=limit, filters=filters), filters


def _cited_sources(response) -> None:
    """Each hit's sources as a reader cites them: the source's title, and the record's number
    where the source numbers its entries (never the registry's own keys)."""
    names = {r["source"] for hit in response.results for r in hit.records}
    sources = {s.name: s for s in Source.objects.filter(name__in=names)}
    for hit in response.results:
        cited = []
        for r in hit.records:
            source = sources.get(r["source"])
            title = (source.title or source.name) if source else r["source"]
            if source is not None and source.kind in NUMBERED_KINDS:
                title = f"{title}, {_('№ %(number)s') % {'number': r['record_id']}}"
            if title not in cited:
                cited.append(title)
        hit.cited = cited


@rate_limited("search")  # one count with /api/search (same scope, methods and rate)
def search_page(request):
    response, filters = _request_search(request)
    if response is not None:
        _cited_sources(response)
    return render(
        request,
        "alzhir/search.html",
        {
            "q": request.GET.get("q", ""),
            "response": response,
            "filters": filters,
            "event_types": EventType.choices,
            "memorial_roles": MEMORIAL_ROLES,
        },
    )
