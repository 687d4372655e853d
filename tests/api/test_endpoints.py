"""The JSON API on the demo registry: what a relative, a historian's script and an archivist's
tool see, page by page, and what they are refused."""

import re

import pytest
from django.contrib.auth.models import Group, User

from alzhir.registry import actions
from alzhir.registry.actions import do_issue_token, do_set_person_privacy
from alzhir.registry.models import Event, Person, Record

pytestmark = pytest.mark.django_db


def person_of(record_id: str) -> Person:
    return Record.objects.get(record_id=record_id).person


def all_pages(client, url, **params):
    page = client.get(url, params).json()
    results = list(page["results"])
    while page["next"]:
        page = client.get(page["next"]).json()
        results += page["results"]
    return page["count"], results


def test_person_pages_cover_every_public_person_once(client, demo):
    count, persons = all_pages(client, "/api/persons", page_size=7)
    ids = [p["id"] for p in persons]
    public = Person.objects.public()
    assert count == len(ids) == public.count()
    assert ids == sorted(public.values_list("pk", flat=True))
    second = client.get("/api/persons", {"page": 2, "page_size": 7}).json()
    assert "page=1&" in second["previous"] and second["results"][0]["id"] == ids[7]


def test_a_person_with_names_events_sources_and_jsonld(client, demo):
    rachel = person_of("messerer-plisetskaya-rachel")
    data = client.get(f"/api/persons/{rachel.pk}").json()
    names = {n["full_text"] for n in data["names"]}
    assert {"Мессерер-Плисецкая Рахиль Михайловна", "Плисецкая Рахиль Михайловна"} <= names
    assert data["sources"][0]["name"] == "qalam-alzhir-article"
    assert any(e["type"] == "camp_arrival" and e["citations"] for e in data["events"])
    assert {r["role"] for r in data["relatives"]} >= {"child"}
    assert data["jsonld"]["@type"] == "Person"
    assert data["jsonld"]["identifier"] == str(rachel.pk)


def test_private_and_merged_persons_behave_as_on_the_site(client, demo):
    rachel = person_of("messerer-plisetskaya-rachel")
    maya = person_of("plisetskaya-maya")
    do_set_person_privacy(maya, True, "archivist")
    refused = client.get(f"/api/persons/{maya.pk}")
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
    ids = [p["id"] for p in all_pages(client, "/api/persons", page_size=100)[1]]
    assert maya.pk not in ids

    twin = Person.objects.public().exclude(pk__in=[rachel.pk, maya.pk]).first()
    actions.do_merge_persons(rachel, [twin], "archivist", "test")
    moved = client.get(f"/api/persons/{twin.pk}")
    assert moved.status_code == 302
    assert moved["Location"] == f"/api/persons/{rachel.pk}"
    assert moved.json()["merged_into"] == rachel.pk
    assert twin.pk not in [p["id"] for p in all_pages(client, "/api/persons", page_size=100)[1]]


def test_events_filtered_by_type_dates_and_source(client, demo):
    count, events = all_pages(
        client,
        "/api/events",
        type="camp_arrival",
        date_from="1938",
        date_to="1938-06",
        source="qalam-alzhir-article",
    )
    assert count == len(events) > 0
    for event in events:
        assert event["type"] == "camp_arrival"
        assert event["date_upper"] >= "1938-01-01" and event["date_lower"] <= "1938-06-30"
    everything = Event.objects.filter(type="camp_arrival").count()
    assert count <= everything


def test_sources_and_one_source(client, demo):
    count, sources = all_pages(client, "/api/sources")
    assert count == 1
    one = client.get(f"/api/sources/{sources[0]['id']}").json()
    records = Record.objects.filter(source_id=one["id"])
    public = records.public()
    assert one["record_count"] == public.count() < records.count()  # the demo has a private one
    assert one["citation"]


def test_search_keeps_the_json_of_the_design(client, demo):
    data = client.get("/api/search", {"q": "Плисецкой Рахили", "limit": 3}).json()
    assert set(data) == {"query", "took_ms", "results"}
    assert set(data["results"][0]) == {"person_id", "score", "name", "birth_date", "records", "why"}


def test_stats_for_one_source(client, demo):
    data = client.get("/api/stats", {"source": "qalam-alzhir-article"}).json()
    assert data["scope"]["sources"] == ["qalam-alzhir-article"]
    # Memorial statistics count the people the memorial remembers, not the officials named.
    assert data["persons"] == Person.objects.public().remembered().count()


@pytest.mark.parametrize(
    "url, status, code",
    [
        ("/api/persons?page_size=101", 400, "invalid_parameter"),
        ("/api/persons?page=0", 400, "invalid_parameter"),
        ("/api/persons?page=999", 404, "page_not_found"),
        ("/api/persons?born_from=abc", 400, "invalid_parameter"),
        ("/api/events?type=party", 400, "invalid_parameter"),
        ("/api/events?date_from=38", 400, "invalid_parameter"),
        ("/api/persons/99999999", 404, "not_found"),
        ("/api/persons/x1", 404, "not_found"),
        ("/api/sources/0", 404, "not_found"),
        ("/api/search", 400, "missing_query"),
        ("/api/search?q=%00", 400, "invalid_parameter"),
        ("/api/no-such-thing", 404, "not_found"),
    ],
)
def test_errors_are_json_with_a_code(client, demo, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_reads_refuse_writes(client, db):
    response = client.post("/api/persons")
    assert response.status_code == 405 and response["Allow"] == "GET"


def token_for(role: str | None) -> str:
    user = User.objects.create_user(f"api-{role}", password="x")
    if role:
        user.groups.add(Group.objects.get(name=role))
    return do_issue_token(user.username, "test script", "test")[1]


def decide(client, pair, verdict, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        f"/api/proposals/{pair.pk}/decision",
        {"verdict": verdict},
        content_type="application/json",
        headers=headers,
    )


def test_an_archivists_token_decides_a_pair(client, pair):
    response = decide(client, pair, "same", token_for("archivist"))
    assert response.status_code == 200
    assert response.json()["proposal"] == {
        "id": pair.pk,
        "status": "confirmed",
        "deferred": False,
        "decided_by": "api-archivist",
    }
    a, b = Record.objects.filter(pk__in=[pair.record_a_id, pair.record_b_id])
    assert a.person_id == b.person_id


@pytest.mark.parametrize(
    "role, token, status", [(None, False, 401), ("moderator", True, 403), (None, True, 403)]
)
def test_writes_need_a_reviewers_token(client, pair, role, token, status):
    response = decide(client, pair, "same", token_for(role) if token else None)
    assert response.status_code == status
    pair.refresh_from_db()
    assert pair.status == "proposed"


def test_a_session_without_a_token_cannot_write(client, pair):
    client.force_login(User.objects.create_superuser("boss", password="x"))
    assert decide(client, pair, "same").status_code == 401
    assert decide(client, pair, "same", "forged-token").status_code == 401


def test_a_bad_verdict_is_refused(client, pair):
    response = decide(client, pair, "maybe", token_for("archivist"))
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_body"


def test_the_document_and_its_page_come_from_the_code(client, db):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/search", "/api/persons", "/api/persons/{person_id}", "/api/sources",
        "/api/sources/{source_id}", "/api/events", "/api/stats",
        "/api/proposals/{proposal_id}/decision",
    }  # fmt: skip
    decision = document["paths"]["/api/proposals/{proposal_id}/decision"]["post"]
    assert set(decision["responses"]) >= {"200", "400", "401", "403", "404", "409"}
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)  # nothing fetched from elsewhere
