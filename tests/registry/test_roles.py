"""Who each record is about: the role its source gives the person. The Wall, the memorial
statistics and "add a memory" are for the repressed and the camp's children; officials and
others appear as context on the pages of the sources that name them."""

import pytest

from alzhir.registry import actions
from alzhir.registry.models import Name, Person, Record
from alzhir.registry.summary import conclude_role
from alzhir.search.engine import search
from alzhir.stats.report import build_report

pytestmark = pytest.mark.django_db

OFFICIALS = ["molotov-vyacheslav", "voroshilov-kliment", "kalinin-mikhail", "budyonny-semyon"]
CAMP_CHIEFS = ["bredikhin-alexander", "barinov-sergey", "yuzipenko-mikhail"]


def demo_person(key) -> Person:
    return Record.objects.get(source__name="qalam-alzhir-article", record_id=key).person


def wall(client) -> set[int]:
    shown, url = set(), "/en/wall/"
    while url:
        response = client.get(url)
        shown |= {p.pk for p in response.context["persons"]}
        after = response.context["next_after"]
        url = f"/en/wall/?after={after}" if after else None
    return shown


def test_the_leaders_and_camp_chiefs_are_officials_not_prisoners(client, demo):
    on_the_wall = wall(client)
    for key in OFFICIALS + CAMP_CHIEFS:
        person = demo_person(key)
        assert person.role == "official", key
        assert person.pk not in on_the_wall, key
        page = client.get(f"/en/persons/{person.pk}").content.decode()
        assert "Named in the sources as: official" in page and "Add a memory" not in page
    html = "".join(client.get("/en/wall/", {"letter": letter}).content.decode()
                   for letter in "МВКБ")  # fmt: skip
    for surname in ("Молотов", "Ворошилов ", "Калинин ", "Будённый"):
        assert surname not in html, surname


def test_search_finds_an_official_and_labels_him_as_context(client, demo):
    """A reader looking for Molotov finds him, said to be named as context; the women are not."""
    page = client.get("/ru/search", {"q": "Молотов"}).content.decode()
    assert "Молотов" in page and "в источниках назван(а) как: должностное лицо" in page
    page = client.get("/ru/search", {"q": "Калинина Екатерина"}).content.decode()
    her = next(item for item in page.split("<li>") if "Калинина Екатерина" in item)
    assert "в источниках назван(а) как" not in her
    hits = search("Molotov").results
    assert hits[0].role == "official"


def test_the_women_and_children_of_the_camp_are_on_the_wall(client, demo):
    on_the_wall = wall(client)
    for key in ("messerer-plisetskaya-rachel", "kalinina-ekaterina", "zhemchuzhina-polina",
                "klyashtornaya-maya", "ryskulova-rida", "plisetsky-mikhail"):  # fmt: skip
        assert demo_person(key).pk in on_the_wall, key
    # Azari, a child of the camp, is alive: his record stays private.
    assert demo_person("plisetski-azari").pk not in on_the_wall


def test_memorial_statistics_count_no_official(client, demo):
    report = build_report()
    counted = report.tables["overview"].cell("persons", "persons").person_ids
    for key in OFFICIALS + CAMP_CHIEFS + ["plisetskaya-maya", "rudenko-galina"]:
        assert demo_person(key).pk not in counted, key
    assert report.persons == Person.objects.public().remembered().count() == len(counted)
    drill = client.get("/en/stats/overview/records.csv", {"row": "persons", "col": "persons"})
    text = b"".join(drill.streaming_content).decode()
    assert "Молотов" not in text and "Баринов" not in text and "Мессерер" in text


def test_officials_appear_as_context_on_the_source_page(client, demo):
    source = Record.objects.get(record_id="molotov-vyacheslav").source
    html = "".join(client.get(f"/en/sources/{source.pk}", {"page": n}).content.decode()
                   for n in (1, 2))  # fmt: skip
    assert "Молотов Вячеслав Михайлович</a> <small>(official)</small>" in html


def test_names_as_written_are_not_relabelled_as_birth_names(demo):
    molotov = Name.objects.filter(record__record_id="molotov-vyacheslav")
    assert set(molotov.values_list("type", flat=True)) == {"as_recorded"}
    births = set(Name.objects.filter(type="birth").values_list("full_text", flat=True))
    assert births == {"Мессерер Рахиль Михайловна"}  # her siblings are Messerers


def test_a_persons_role_is_concluded_from_her_public_records(demo):
    assert conclude_role(["official", "repressed"]) == "repressed"
    assert conclude_role(["relative", "official"]) == "official"
    assert conclude_role([]) == "repressed"
    # An official named in another list as a prisoner is remembered once merged with it.
    barinov = demo_person("barinov-sergey")
    kalinina = demo_person("kalinina-ekaterina")
    actions.do_merge_persons(barinov, [kalinina], "archivist", "a test of the conclusion")
    barinov.refresh_from_db()
    assert barinov.role == "repressed"
    # Only public records count: with her record private he is an official again.
    actions.do_set_records_privacy([Record.objects.get(record_id="kalinina-ekaterina")], True,
                                   "archivist")  # fmt: skip
    barinov.refresh_from_db()
    assert barinov.role == "official"
