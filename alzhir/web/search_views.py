"""The search page (/search?q=), over alzhir.search; its JSON twin is alzhir.web.api's."""

from django.shortcuts import render

from alzhir.registry.models import EventType
from alzhir.search.engine import Filters, search
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


@rate_limited("search")  # one count with /api/search (same scope, methods and rate)
def search_page(request):
    response, filters = _request_search(request)
    return render(
        request,
        "alzhir/search.html",
        {
            "q": request.GET.get("q", ""),
            "response": response,
            "filters": filters,
            "event_types": EventType.choices,
        },
    )
