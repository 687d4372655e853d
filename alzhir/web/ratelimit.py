"""A fixed-window rate limit per client address, counted in Django's cache.

Hand-written because it is twenty lines over the cache API, where django-ratelimit would be a
dependency for the same. Limits come from settings.ALZHIR_RATE_LIMITS ("requests/seconds" or
"off") and are read on each request, so tests and operators can change them."""

import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _


def parse_rate(rate: str) -> tuple[int, int] | None:
    """ "120/60" → (120, 60); "off" or "" → None."""
    if not rate or rate.strip().lower() == "off":
        return None
    count, seconds = rate.split("/")
    return int(count), int(seconds)


def client_address(request) -> str:
    return request.META.get(settings.ALZHIR_CLIENT_ADDRESS_META, "") or "unknown"


def retry_after(scope: str, client: str) -> int:
    """Count one request; 0 when it may go ahead, else the seconds until the window ends."""
    rate = parse_rate(settings.ALZHIR_RATE_LIMITS.get(scope, ""))
    if rate is None:
        return 0
    allowed, seconds = rate
    now = time.time()
    window = int(now // seconds)
    key = f"ratelimit:{scope}:{client}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: this request opens the window again
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    if count <= allowed:
        return 0
    return max(1, math.ceil((window + 1) * seconds - now))


def rate_limited(scope: str, methods: tuple[str, ...] = ("GET", "POST")):
    """Answer 429 Too Many Requests, with Retry-After, once a client exceeds the scope's rate
    for the given methods (other methods pass uncounted)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                wait = retry_after(scope, client_address(request))
                if wait:
                    response = HttpResponse(
                        _("Too many requests: please wait a little and try again."),
                        status=429,
                        content_type="text/plain; charset=utf-8",
                    )
                    response["Retry-After"] = str(wait)
                    return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
