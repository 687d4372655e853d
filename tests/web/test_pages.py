"""The first public pages on the demo registry."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alzhir.registry.models import Person, Record

pytestmark = pytest.mark.django_db


def demo_person(key) -> Person:
    return Record.objects.get(source__name="qalam-alzhir-article", record_id=key).person


def test_wall_lists_everyone_alphabetically_with_the_total(client, demo):
    response = client.get("/wall/")
    html = response.content.decode()
    total = Person.objects.filter(merged_into=None, is_private=False).count()
    assert response.status_code == 200
    assert f"{total} " in html
    assert html.index("Андроникашвили") < html.index("Калинина") < html.index("Плисецк")


def test_wall_by_letter(client, demo):
    html = client.get("/wall/", {"letter": "К"}).content.decode()
    assert "Калинина" in html and "Андроникашвили" not in html


def test_person_page_shows_names_timeline_family_and_sources(client, demo):
    rachel = demo_person("messerer-plisetskaya-rachel")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/persons/{rachel.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Мессерер-Плисецкая" in html and "Messerer" in html
    assert "Плисецкая Майя" in html or "Maya" in html
    assert "qalam" in html.lower() or "Qalam" in html
    assert len(queries) <= 12


def test_a_living_person_is_private_unless_published_by_consent(client, demo):
    azari = demo_person("plisetski-azari")
    assert azari.is_living and azari.is_private
    assert client.get(f"/persons/{azari.pk}").status_code == 404
    assert "Азарий" not in client.get("/wall/", {"letter": "П"}).content.decode()
