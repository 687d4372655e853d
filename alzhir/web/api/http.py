"""What the API's operations share beside their schemas: errors as {"error": {"code",
"message"}}, the search rate limit answered in that shape, partial dates, and page-number
paging."""

import calendar
from datetime import date

from django.http import JsonResponse

from alzhir.web.ratelimit import rate_limited

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_INT = 2**31 - 1
# Years from 1000, months 01–12, days 01–31.
PARTIAL_DATE_PATTERN = r"([1-9][0-9]{3})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def error_response(status: int, code: str, message: str) -> JsonResponse:
    return json_response({"error": {"code": code, "message": message}}, status=status)


def _rate_limited_json(request, wait: int) -> JsonResponse:
    response = error_response(429, "rate_limited", "too many requests: wait a little")
    response["Retry-After"] = str(wait)
    return response


def json_rate_limited(scope: str):
    """alzhir.web.ratelimit's limit, answered as a JSON error like every other API error."""
    return rate_limited(scope, refuse=_rate_limited_json)


def partial_date(raw: str, *, end: bool) -> date:
    """YYYY, YYYY-MM or YYYY-MM-DD (the schema's pattern checked it): its first day, or with
    `end` its last; a day past the month's end (1938-02-31) stands for the month's last day."""
    year, month, day = (int(part) if part else None for part in (raw.split("-") + [""] * 2)[:3])
    month = month or (12 if end else 1)
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last_day) if day else (last_day if end else 1))


def paged(request, paging, queryset, serialize) -> dict:
    """{"count", "next", "previous", "results"}: page numbers from 1."""
    page, size = paging.page, paging.page_size
    count = queryset.count()
    start = (page - 1) * size
    if start >= count and page > 1:
        raise ApiError(404, "page_not_found", f"page {page} is past the last page")

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "next": link(page + 1) if start + size < count else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": [serialize(item) for item in queryset[start : start + size]],
    }


def not_found(request, rest: str = ""):
    return error_response(404, "not_found", f"no API endpoint /api/{rest}")
