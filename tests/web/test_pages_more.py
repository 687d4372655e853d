"""Home, source, about and method pages on the demo registry, in the three languages, and the
frame every page shares (skip link, labels, language switcher, JSON-LD on person pages)."""

import json
import re

import pytest

from alzhir.registry import actions
from alzhir.registry.drafts import NameDraft, RecordDraft
from alzhir.registry.models import Person, Record, Source
from alzhir.web import page_views

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "kk", "en"]


@pytest.fixture
def article(demo):
    return Source.objects.get(name="qalam-alzhir-article")


@pytest.fixture
def synthetic_source(db):
    source = actions.do_create_source(
        "scale-test (synthetic)", "test", title="Generated list", is_synthetic=True
    )
    drafts = [RecordDraft(record_id=str(i), original={"n": i},
                          names=[NameDraft(f"Тестова Анна {i}", "Тестова", "Анна")])
              for i in range(1, 4)]  # fmt: skip
    actions.do_import_batch(source, drafts, file_name="gen.csv", sha256="0" * 64,
                            profile="generic", row_count=3, actor="test")  # fmt: skip
    return source


def test_home_tells_what_alzhir_was_with_cited_figures_and_counts(client, article):
    html = client.get("/en/").content.decode()
    assert "1,507 children were born in the camp" in html
    assert "20,000 women prisoners" in html
    # the article's section, never the line of our working copy of it
    assert "section «A lullaby for the children of the enemies of the people»" in html
    assert "line 179" not in html
    assert f'<a href="/en/sources/{article.pk}">' in html and "A Prison for Mothers" in html
    # The people the memorial remembers: not the officials the article also names.
    persons = Person.objects.public().remembered().count()
    assert persons == Person.objects.public().count() - 20
    assert f"<dd>{persons}</dd>" in html
    assert 'action="/en/search"' in html and 'name="q"' in html


def test_home_numbers_follow_the_language(client, article):
    assert "1 507" in client.get("/ru/").content.decode().replace("\xa0", " ")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["", "about", "method", "sources/"])
def test_pages_render_in_every_language(client, demo, lang, page):
    response = client.get(f"/{lang}/{page}")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert '<a class="skip" href="#main">' in html and '<main id="main"' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_the_method_page_says_what_is_proposed_and_what_is_confirmed(client):
    html = client.get("/en/method").content.decode()
    for step in ("Import", "Names", "Linkage", "Review"):
        assert step in html
    assert "proposed, not yet confirmed" in html and "undone" in html


def test_every_form_field_has_a_label(client, demo):
    rachel = Record.objects.get(record_id="messerer-plisetskaya-rachel").person_id
    for url in ["/en/", "/en/search", f"/en/persons/{rachel}/contribute/correction",
                f"/en/persons/{rachel}/contribute/photo"]:  # fmt: skip
        html = client.get(url).content.decode()
        labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', html))
        fields = re.findall(r"<(?:input|select|textarea)\b([^>]*)>", html)
        for attributes in fields:
            if re.search(r'type="(hidden|submit)"', attributes):
                continue
            field_id = re.search(r'id="([^"]+)"', attributes)
            wrapped = field_id is None  # a control inside its <label> (the search filters)
            assert wrapped or field_id.group(1) in labelled, (url, attributes)


def test_a_source_page_shows_its_citation_and_public_records_page_by_page(
    client, article, monkeypatch
):
    monkeypatch.setattr(page_views, "SOURCE_PAGE_SIZE", 10)
    html = client.get(f"/en/sources/{article.pk}").content.decode()
    assert article.citation.replace('"', "&quot;") in html
    assert "Synthetic test data" not in html
    public = Record.objects.public().filter(source=article)
    assert f"({public.count()})" in html
    pages = [client.get(f"/en/sources/{article.pk}", {"page": n}).content.decode()
             for n in range(1, 6)]  # fmt: skip
    listed = [row for p in pages for row in re.findall(r'href="/en/persons/(\d+)"', p)]
    assert sorted(map(int, listed)) == sorted(public.values_list("person_id", flat=True))
    assert 'rel="next"' in pages[0] and 'rel="next"' not in pages[-1]
    assert all("Азарий" not in p for p in pages)  # a living person's record stays private


def test_a_synthetic_source_is_never_shown_as_real(client, demo, synthetic_source):
    html = client.get(f"/en/sources/{synthetic_source.pk}").content.decode()
    assert "Not a real source" in html
    assert html.count("synthetic test data") == 3  # every person on it is labelled
    listing = client.get("/en/sources/").content.decode()
    assert "Generated list" not in listing and "A Prison for Mothers" in listing
    assert client.get("/en/sources/999999").status_code == 404


def test_person_page_carries_schema_org_json_ld(client, demo):
    rachel = Record.objects.get(record_id="messerer-plisetskaya-rachel").person
    html = client.get(f"/en/persons/{rachel.pk}").content.decode()
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Person" and data["name"] == rachel.display_name
    assert any("Messerer" in name for name in data["alternateName"])


def test_the_json_ld_address_of_a_person_leads_to_the_page(client, demo):
    rachel = Record.objects.get(record_id="messerer-plisetskaya-rachel").person
    response = client.get(f"/persons/{rachel.pk}/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/en/persons/{rachel.pk}"


def test_person_page_offers_the_three_contributions(client, demo):
    rachel = Record.objects.get(record_id="messerer-plisetskaya-rachel").person
    html = client.get(f"/en/persons/{rachel.pk}").content.decode()
    for kind in ("correction", "memory", "photo"):
        assert f'href="/en/persons/{rachel.pk}/contribute/{kind}"' in html
    assert client.get(f"/en/persons/{rachel.pk}/contribute/other").status_code == 404
