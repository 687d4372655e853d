"""What a security tester tried against the site, and what it answers now: a 4xx for every
request that used to end in a 500, login throttling on the site and the admin, one search
limit for the page and the API, uploads refused by their declared size before a byte is read,
and API tokens that expire and can be revoked."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from alzhir.registry.actions import do_issue_token, do_revoke_token
from alzhir.registry.models import AuditEntry, Record
from alzhir.web.api.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()


@pytest.mark.parametrize(
    "url",
    [
        "/en/wall/?letter=%F4%8F%BF%BF",  # U+10FFFF: no letter follows it
        "/en/wall/?letter=%00",
        "/en/wall/?letter=%D0%9A%D0%90",  # two letters
        "/en/search?q=%00",
        "/en/search?q=Messerer&camp=%00",
        "/en/stats/nationality/records?row=%00&col=persons",
        "/en/wall/?after=%00",
    ],
)
def test_odd_parameters_are_a_bad_request_not_a_server_error(client, demo, url):
    assert client.get(url).status_code == 400


def test_the_wall_still_opens_at_any_letter(client, demo):
    assert client.get("/en/wall/", {"letter": "К"}).status_code == 200
    assert client.get("/en/wall/", {"letter": "Ә"}).status_code == 200


def test_nested_json_to_the_api_is_a_bad_request(client, pair):
    user = User.objects.create_user("api-archivist")
    user.groups.add(Group.objects.get(name="archivist"))
    token = do_issue_token(user.username, "script", "test")[1]
    depth = 100_000
    response = client.post(
        f"/api/proposals/{pair.pk}/decision", "[" * depth + "]" * depth,
        content_type="application/json", headers={"Authorization": f"Bearer {token}"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_body"


def test_the_site_and_the_api_share_one_search_limit(client, demo, settings):
    settings.ALZHIR_RATE_LIMITS = {"search": "3/60"}
    assert client.get("/en/search", {"q": "Messerer"}).status_code == 200
    assert client.get("/api/search", {"q": "Messerer"}).status_code == 200
    assert client.get("/en/search", {"q": "Kalinina"}).status_code == 200
    page, api = client.get("/en/search", {"q": "x"}), client.get("/api/search", {"q": "x"})
    assert page.status_code == api.status_code == 429
    assert int(page["Retry-After"]) >= 1 and api.json()["error"]["code"] == "rate_limited"


@pytest.mark.parametrize("login_url", ["/en/accounts/login/", "/admin/login/"])
def test_logins_are_throttled_after_repeated_failures(client, db, settings, login_url):
    User.objects.create_superuser("curator", password="the-right-password")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        wrong = client.post(login_url, {"username": "curator", "password": "guess"})
        assert wrong.status_code == 200  # the form again, with its error
    last = client.post(login_url, {"username": "curator", "password": "guess"})
    assert last.status_code == 429  # the page says why (in the visitor's language)
    locked = client.post(login_url, {"username": "curator", "password": "the-right-password"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked out with it.
    User.objects.create_superuser("archivist-2", password="another-password")
    other = client.post(login_url, {"username": "archivist-2", "password": "another-password"})
    assert other.status_code == 302


class UnreadableBody:
    def read(self, *args):
        raise AssertionError("the upload was read")

    readline = read


def test_an_oversized_upload_is_refused_before_it_is_read(demo, settings):
    from alzhir.web.contribution_views import contribute

    person = Record.objects.get(record_id="messerer-plisetskaya-rachel").person
    request = RequestFactory().post(f"/en/persons/{person.pk}/contribute/photo", {})
    request.META["CONTENT_LENGTH"] = str(settings.ALZHIR_PHOTO_MAX_BYTES * 20)
    request._stream = UnreadableBody()
    response = contribute(request, person_id=person.pk, kind="photo")
    assert response.status_code == 413


def test_tokens_expire_and_can_be_revoked_each_audited(client, pair):
    user = User.objects.create_user("api-archivist")
    user.groups.add(Group.objects.get(name="archivist"))
    issued, token = do_issue_token(user.username, "nightly review", "cli:admin", days=30)

    def decide():
        return client.post(
            f"/api/proposals/{pair.pk}/decision", {"verdict": "later"},
            content_type="application/json", headers={"Authorization": f"Bearer {token}"},
        )  # fmt: skip

    assert decide().status_code == 200
    ApiToken.objects.filter(pk=issued.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert decide().status_code == 401
    ApiToken.objects.filter(pk=issued.pk).update(expires_at=timezone.now() + timedelta(days=1))
    do_revoke_token(issued.pk, "cli:admin", reason="laptop lost")
    assert decide().status_code == 401
    actions = list(
        AuditEntry.objects.filter(object_type="api_token", object_id=str(issued.pk))
        .order_by("pk")
        .values_list("action", "actor")
    )
    assert actions == [("issue_api_token", "cli:admin"), ("revoke_api_token", "cli:admin")]
    assert "digest" not in json.dumps(list(AuditEntry.objects.values("new", "old")))
