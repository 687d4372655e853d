"""What every endpoint shares: JSON responses, errors as {"error": {"code", "message"}},
query-parameter parsing that refuses bad values with 400, and page-number paging."""

import calendar
import re
from datetime import date
from functools import wraps

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from alzhir.web.ratelimit import rate_limited

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_INT = 2**31 - 1
# Years from 1000, months 01–12, days 01–31: what the OpenAPI document's pattern says.
PARTIAL_DATE_PATTERN = r"([1-9][0-9]{3})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?"
PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def error_response(status: int, code: str, message: str) -> JsonResponse:
    return json_response({"error": {"code": code, "message": message}}, status=status)


def api_view(*methods: str):
    """Answers other methods with 405, and ApiError with its JSON error (NUL in a parameter is
    refused before, by alzhir.web.middleware). CSRF checks are off because no API view acts on
    a session cookie: reads change nothing, and the writes authenticate by bearer token alone."""

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in methods:
                response = error_response(
                    405, "method_not_allowed", f"use {' or '.join(methods)} here"
                )
                response["Allow"] = ", ".join(methods)
                return response
            try:
                return view(request, *args, **kwargs)
            except ApiError as error:
                return error_response(error.status, error.code, error.message)

        return wrapped

    return decorator


def _rate_limited_json(wait: int) -> JsonResponse:
    response = error_response(429, "rate_limited", "too many requests: wait a little")
    response["Retry-After"] = str(wait)
    return response


def json_rate_limited(scope: str):
    """alzhir.web.ratelimit's limit, answered as a JSON error like every other API error."""
    return rate_limited(scope, refuse=_rate_limited_json)


def text_param(request, name: str) -> str:
    return request.GET.get(name, "").strip()


def _typed_raw(request, name: str) -> str | None:
    """The value of a typed parameter; None when absent, 400 when given empty."""
    if name not in request.GET:
        return None
    raw = request.GET[name].strip()
    if not raw:
        raise ApiError(400, "invalid_parameter", f"{name} is empty: leave it out instead")
    return raw


def int_param(request, name: str, default=None, low: int = 0, high: int = MAX_INT):
    raw = _typed_raw(request, name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "invalid_parameter", f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise ApiError(400, "invalid_parameter", f"{name} must be from {low} to {high}")
    return value


def bool_param(request, name: str) -> bool | None:
    raw = _typed_raw(request, name)
    if raw is None:
        return None
    raw = raw.lower()
    if raw not in ("true", "false"):
        raise ApiError(400, "invalid_parameter", f"{name} must be true or false")
    return raw == "true"


def choice_param(request, name: str, choices) -> str:
    raw = _typed_raw(request, name) or ""
    if raw and raw not in choices:
        raise ApiError(400, "invalid_parameter", f"{name} must be one of {', '.join(choices)}")
    return raw


def date_param(request, name: str, *, end: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial date stands for its first (or, with `end`, last)
    day, and a day past the month's end (1938-02-31) for the month's last day."""
    raw = _typed_raw(request, name)
    if raw is None:
        return None
    match = PARTIAL_DATE.fullmatch(raw)
    if not match:
        raise ApiError(400, "invalid_parameter", f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    month = month or (12 if end else 1)
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last_day) if day else (last_day if end else 1))


def path_id(raw: str, what: str) -> int:
    """Ids come in as text so a malformed one gets a JSON 404, not the site's HTML one."""
    if raw.isascii() and raw.isdigit() and 0 < int(raw) <= 2**63 - 1:
        return int(raw)
    raise ApiError(404, "not_found", f"no {what} {raw}")


def paged(request, queryset, serialize) -> JsonResponse:
    """{"count", "next", "previous", "results"}: page numbers from 1, page_size up to 100."""
    page = int_param(request, "page", 1, low=1)
    size = int_param(request, "page_size", DEFAULT_PAGE_SIZE, low=1, high=MAX_PAGE_SIZE)
    count = queryset.count()
    start = (page - 1) * size
    if start >= count and page > 1:
        raise ApiError(404, "page_not_found", f"page {page} is past the last page")

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return json_response(
        {
            "count": count,
            "next": link(page + 1) if start + size < count else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": [serialize(item) for item in queryset[start : start + size]],
        }
    )
