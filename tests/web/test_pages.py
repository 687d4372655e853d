"""The first public pages on the demo registry."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alzhir.registry.models import Person, Record

pytestmark = pytest.mark.django_db


def demo_person(key) -> Person:
    return Record.objects.get(source__name="qalam-alzhir-article", record_id=key).person


def test_wall_lists_everyone_alphabetically_with_the_total(client, demo):
    response = client.get("/en/wall/")
    html = response.content.decode()
    total = Person.objects.public().remembered().count()
    assert response.status_code == 200
    assert f"{total} " in html
    assert html.index("Андроникашвили") < html.index("Калинина") < html.index("Плисецк")


def test_wall_by_letter(client, demo):
    html = client.get("/en/wall/", {"letter": "К"}).content.decode()
    assert "Калинина" in html and "Андроникашвили" not in html


def test_person_page_shows_names_timeline_family_and_sources(client, demo):
    rachel = demo_person("messerer-plisetskaya-rachel")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/en/persons/{rachel.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Мессерер-Плисецкая" in html and "Messerer" in html
    assert "Плисецкая Майя" in html or "Maya" in html
    assert "qalam" in html.lower() or "Qalam" in html
    assert len(queries) <= 12


def test_a_living_person_is_private_unless_published_by_consent(client, demo):
    azari = demo_person("plisetski-azari")
    assert list(azari.records.values_list("is_private", flat=True)) == [True]
    assert azari.display_name == ""  # her face shows her public records only: there are none
    assert client.get(f"/en/persons/{azari.pk}").status_code == 404
    assert "Азарий" not in client.get("/en/wall/", {"letter": "П"}).content.decode()


@pytest.mark.parametrize(
    "accept, prefix", [("", "/ru/"), ("kk", "/kk/"), ("en-GB,en;q=0.9", "/en/")]
)
def test_unprefixed_urls_go_to_the_visitors_language(client, accept, prefix):
    response = client.get("/wall/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == f"{prefix}wall/"
    assert client.get(prefix + "wall/").status_code == 200


def test_the_wall_pages_forward_and_back_through_everyone(client, demo, settings):
    settings.WALL_PAGE_SIZE = 10
    seen, pages, url = [], [], "/en/wall/"
    while url:
        response = client.get(url)
        pages.append(response)
        seen += [p.pk for p in response.context["persons"]]
        after = response.context["next_after"]
        url = f"/en/wall/?after={after}" if after else None
    public = list(
        Person.objects.public()
        .remembered()
        .order_by("sort_name", "id")
        .values_list("pk", flat=True)
    )
    assert seen == public and len(pages) == -(-len(public) // 10)
    back = client.get(f"/en/wall/?before={pages[-1].context['persons'][0].pk}")
    assert [p.pk for p in back.context["persons"]] == [p.pk for p in pages[-2].context["persons"]]
