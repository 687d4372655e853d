"""Rate limits per client address: django-ratelimit counts (in Django's cache); this module
only says who the client is and answers 429 Too Many Requests, with Retry-After, as a page or
as the API's JSON error.

Limits come from settings.ALZHIR_RATE_LIMITS by scope ("requests/seconds" or "off") and are
read on each request, so tests and operators can change them. A scope is one count: the site's
search page and /api/search both count in "search" (django-ratelimit keys its count by scope,
rate and methods, so views sharing a scope must count the same methods)."""

import ipaddress
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django_ratelimit.core import get_usage

UNKNOWN_CLIENT = "0.0.0.0"


def client_address(request) -> str:
    """The client's IP address from settings.ALZHIR_CLIENT_ADDRESS_META (REMOTE_ADDR, or the
    header a trusted proxy sets); what both rate limits and login throttling count by."""
    raw = request.META.get(settings.ALZHIR_CLIENT_ADDRESS_META, "").split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return UNKNOWN_CLIENT


def _rate(scope: str, _request=None) -> str | None:
    rate = settings.ALZHIR_RATE_LIMITS.get(scope, "")
    return None if not rate or rate.strip().lower() == "off" else rate


def retry_after(request, scope: str, methods=("GET", "POST")) -> int:
    """Count this request in the scope; 0 when it may go ahead, else the seconds to wait."""
    usage = get_usage(
        request, group=scope, key="ip", rate=lambda group, _: _rate(group), method=list(methods),
        increment=True,
    )  # fmt: skip
    if usage is None or not usage["should_limit"]:
        return 0
    return max(1, usage["time_left"])


def too_many_requests(request, wait: int) -> HttpResponse:
    """The site's page for 429, in the page's language."""
    from alzhir.web.errors import page

    response = page(request, 429)
    response["Retry-After"] = str(wait)
    return response


def rate_limited(scope: str, methods: tuple[str, ...] = ("GET", "POST"), refuse=None):
    """Answer 429 once a client exceeds the scope's rate for the given methods (other
    methods pass uncounted); `refuse(request, wait)` makes the answer (the site's page by
    default)."""
    refuse = refuse or too_many_requests

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            wait = retry_after(request, scope, methods)
            if wait:
                return refuse(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
