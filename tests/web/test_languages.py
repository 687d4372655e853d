"""Every page in every language: no message of the app's own left in English on /ru/ or /kk/,
no internal id, file path or working-copy line on a public page, query counts pinned on the
person page and the Wall, reasons and dates in the page's language."""

import re
from pathlib import Path

import polib
import pytest
from django.contrib.auth.models import Group, User

import alzhir.web
from alzhir.registry.models import Person, Record, Source

pytestmark = pytest.mark.django_db

LOCALE = Path(alzhir.web.__file__).with_name("locale")
TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)
# English words that are also names, codes or the same in every language.
SAME_EVERYWHERE = {"ALZHIR Registry", "CSV", "JSON API", "Map", "Error %(code)s"}


def english_messages() -> set[str]:
    """The app's own English messages worth looking for: long enough not to be a name."""
    catalogue = polib.pofile(str(LOCALE / "ru" / "LC_MESSAGES" / "django.po"))
    found = set()
    for entry in catalogue:
        for text in filter(None, [entry.msgid, entry.msgid_plural]):
            plain = re.sub(r"%\([a-z_0-9]+\)s|\{[a-z_]+\}|%%", "\x00", text)
            for part in plain.split("\x00"):
                part = part.strip(" .,:;()«»–—")
                if len(part) >= 12 and part not in SAME_EVERYWHERE and " " in part:
                    found.add(part)
    return found


def visible_text(html: str) -> str:
    return " ".join(TAGS.sub(" ", html).replace("&#x27;", "'").split())


def pages(demo_ids) -> list[str]:
    rachel, source, letter = demo_ids
    return [
        "/{lang}/", "/{lang}/about", "/{lang}/method", "/{lang}/wall/",
        f"/{{lang}}/wall/?letter={letter}", "/{lang}/wall/?letter=K", f"/{{lang}}/persons/{rachel}",
        "/{lang}/search?q=Tuchatschewskaja+Elisabeth", "/{lang}/search?q=Плисецкой+Рахили",
        "/{lang}/sources/", f"/{{lang}}/sources/{source}", "/{lang}/stats", "/{lang}/map",
        f"/{{lang}}/persons/{rachel}/contribute/memory", "/{lang}/no-such-page",
        "/{lang}/accounts/login/",
    ]  # fmt: skip


@pytest.fixture
def demo_ids(demo):
    rachel = Record.objects.get(record_id="messerer-plisetskaya-rachel").person_id
    return rachel, Source.objects.get(name="qalam-alzhir-article").pk, "П"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_no_message_of_the_app_is_left_in_english(client, demo_ids, lang):
    messages = english_messages()
    assert len(messages) > 200
    for url in pages(demo_ids):
        response = client.get(url.format(lang=lang))
        assert response.status_code in (200, 404), url
        text = visible_text(response.content.decode())
        left = sorted(m for m in messages if m in text)
        assert left == [], f"{url.format(lang=lang)} shows English: {left}"


def test_staff_pages_speak_the_staff_language(client, pair):
    user = User.objects.create_user("archivist-kk", password="x")
    user.groups.add(Group.objects.get(name="archivist"))
    client.force_login(user)
    messages = english_messages()
    staff = ("/kk/staff/", "/kk/staff/review/", f"/kk/staff/review/{pair.pk}", "/kk/staff/dates/")
    for url in staff:
        text = visible_text(client.get(url).content.decode())
        assert [m for m in messages if m in text] == [], url
    assert "Import batchs" not in client.get("/admin/registry/").content.decode()


INTERNAL = [
    re.compile(r"\bline \d+\b"),
    re.compile(r"qalam-alzhir-article"),
    re.compile(r"messerer-plisetskaya-rachel|arvatova-tukhachevskaya"),
    re.compile(r"seeds/|alzhir/demo|README\.md|\.py\b|/work/|\.csv\b"),
]


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_no_public_page_shows_an_internal_id_a_path_or_a_working_line(client, demo_ids, lang):
    for url in pages(demo_ids):
        text = visible_text(client.get(url.format(lang=lang)).content.decode())
        for pattern in INTERNAL:
            assert not pattern.search(text), f"{url.format(lang=lang)}: {pattern.pattern}"


def test_person_page_is_a_conclusion_with_its_evidence(client, demo, django_assert_max_num_queries):
    person = Record.objects.get(record_id="messerer-plisetskaya-rachel").person
    with django_assert_max_num_queries(9):
        html = client.get(f"/ru/persons/{person.pk}").content.decode()
    text = visible_text(html)
    assert "Арестована около 1938 года (Москва)" in text
    # an undated event keeps its source's place: Butyrka after the arrest, exile after the camp
    timeline = text[text.index("Хронология") :]
    assert timeline.index("Арест") < timeline.index("Бутырская") < timeline.index("Ссылка")
    assert "Дочь" in text and "Сын" in text and "ребёнок" not in text
    assert "раздел «Opening»" in text and "Запись так, как её записал источник" in text
    en = visible_text(client.get(f"/en/persons/{person.pk}").content.decode())
    assert "Мессерер Рахиль Михайловна" in en and "Messerer Rakhil Mikhaylovna" in en


def test_the_wall_index_works_through_transliteration(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        ru = client.get("/ru/wall/").content.decode()
    for letter in "ӘҒҚҢӨҰҮІҺ":
        assert letter in ru
    latin = visible_text(client.get("/en/wall/?letter=Z").content.decode())
    assert "Жемчужина" in latin and "Zhemchuzhina" in latin  # Ж is Zh
    remembered = Person.objects.public().remembered().count()
    assert f"{remembered} names are known to this registry" in visible_text(
        client.get("/en/wall/").content.decode()
    )
    assert "20,000" in visible_text(client.get("/en/wall/").content.decode())


def test_numbers_and_shares_follow_the_language(client, demo):
    assert "20\xa0000" in client.get("/kk/wall/").content.decode()
    stats = visible_text(client.get("/ru/stats").content.decode())
    assert "менее 1 %" in stats and "0% от" not in stats


def test_the_statistics_report_is_kept_per_language(client, demo):
    client.get("/kk/stats")
    ru = visible_text(client.get("/ru/stats").content.decode())
    assert "Прибытия по месяцам" in ru and "Айлар бойынша" not in ru


def test_search_reasons_are_said_in_the_page_language(client, demo):
    query = {"q": "Tuchatschewskaja Elisabeth"}
    ru = visible_text(client.get("/ru/search", query).content.decode())
    assert "немецкая транслитерация фамилии" in ru and "German transliteration" not in ru
    kk = visible_text(client.get("/kk/search", query).content.decode())
    assert "неміс транслитерациясы" in kk


def test_visitors_never_see_family_link_scores(client, demo):
    person = Record.objects.get(record_id="messerer-plisetskaya-rachel").person
    html = client.get(f"/en/persons/{person.pk}").content.decode()
    assert not re.search(r"\(\+\d|\d\.\d\d\)", visible_text(html))


def test_language_names_are_in_their_own_language(client):
    html = client.get("/ru/").content.decode()
    assert ">English<" in html and ">Қазақша<" in html and "Английский" not in html


def test_error_pages_are_styled_and_translated(client):
    response = client.get("/kk/no-such-page")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Бет табылмады" in html and 'class="site"' in html
