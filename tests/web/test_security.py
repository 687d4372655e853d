"""Security headers on every page, a Content-Security-Policy that lets no script run but the
page's own nonced one, nothing loaded from elsewhere, and the search API's rate limit."""

import re

import pytest
from django.core.cache import cache

from alzhir.registry.models import Record

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
EXTERNAL = re.compile(
    r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="(?:https?:)?//', re.I
)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.I)


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def public_pages(demo_person_id):
    return ["/en/", "/en/wall/", f"/en/persons/{demo_person_id}", "/en/search?q=Messerer",
            "/en/stats", "/en/about", "/en/method", "/en/sources/",
            f"/en/persons/{demo_person_id}/contribute/photo"]  # fmt: skip


@pytest.fixture
def rachel_id(demo):
    return Record.objects.get(record_id="messerer-plisetskaya-rachel").person_id


def test_every_page_sends_the_security_headers(client, rachel_id):
    for url in public_pages(rachel_id):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = dict(
            part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
        )
        assert csp["default-src"] == "'self'"
        assert "'unsafe-inline'" not in csp["script-src"]
        assert csp["frame-ancestors"] == "'none'"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]


def test_only_nonced_scripts_and_nothing_from_other_servers(client, rachel_id):
    """A page with a script of its own carries a fresh nonce for it; a page without one
    allows no inline script at all (django-csp adds the nonce only where a page uses it)."""
    nonces = []
    for url in public_pages(rachel_id) * 2:
        response = client.get(url)
        html = response.content.decode()
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        scripts = SCRIPT_TAG.findall(html)
        assert bool(nonce) == bool(scripts), url
        for attributes in scripts:
            assert f'nonce="{nonce.group(1)}"' in attributes, url
        nonces += [nonce.group(1)] if nonce else []
        assert not EXTERNAL.search(html), url
        assert not INLINE_HANDLER.search(html), url
    assert len(nonces) >= 2 and len(set(nonces)) == len(nonces)  # a fresh nonce per response


def test_the_person_page_has_its_json_ld_under_the_nonce(client, rachel_id):
    response = client.get(f"/en/persons/{rachel_id}")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="application/ld+json" nonce="{nonce}">' in response.content.decode()


def test_search_api_is_rate_limited(client, demo, settings):
    settings.ALZHIR_RATE_LIMITS = {"search": "3/60"}
    for _ in range(3):
        assert client.get("/api/search", {"q": "Messerer"}).status_code == 200
    refused = client.get("/api/search", {"q": "Messerer"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another address has its own count.
    assert client.get("/api/search", {"q": "Messerer"}, REMOTE_ADDR="10.0.0.7").status_code == 200


def test_a_limit_can_be_switched_off(client, demo, settings):
    settings.ALZHIR_RATE_LIMITS = {"search": "off"}
    for _ in range(5):
        assert client.get("/api/search", {"q": "Messerer"}).status_code == 200


def test_the_language_switcher_needs_csrf_and_keeps_the_page(rachel_id):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    html = strict.get("/en/wall/?letter=%D0%9A").content.decode()
    form = re.search(r'<form class="lang"[^>]*>(.*?)</form>', html, re.S).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    next_page = re.search(r'name="next" type="hidden" value="([^"]+)"', form).group(1)
    assert next_page == "/wall/?letter=%D0%9A"
    choice = {"language": "kk", "next": next_page}
    assert strict.post("/i18n/setlang/", choice).status_code == 403
    response = strict.post("/i18n/setlang/", choice | {"csrfmiddlewaretoken": token}, follow=True)
    assert response.redirect_chain[-1][0] == "/kk/wall/?letter=%D0%9A"
    assert response.status_code == 200
