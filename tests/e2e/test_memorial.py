"""The memorial site as a visitor meets it, in Chromium, in Russian, Kazakh and English, on a
desktop and at 390 px: every public page screenshotted whole (test-artifacts/screenshots/) and
checked with axe-core (axe-playwright-python) for serious or critical violations of WCAG 2.1
A/AA; the person page as a conclusion with its evidence; the Wall's index through
transliteration."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.sqlite_only]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PAGES = {
    "home": "/{lang}/",
    "wall": "/{lang}/wall/",
    "wall-letter": "/{lang}/wall/?letter=K",
    "person": "/{lang}/persons/{person}",
    "search": "/{lang}/search?q=Tuchatschewskaja+Elisabeth",
    "sources": "/{lang}/sources/",
    "stats": "/{lang}/stats",
    "map": "/{lang}/map",
    "about": "/{lang}/about",
    "method": "/{lang}/method",
    "memory-form": "/{lang}/persons/{person}/contribute/memory",
    "not-found": "/{lang}/no-such-page",
    "sign-in": "/{lang}/accounts/login/",
}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_public_page_is_accessible_and_shot(browser, site, axe, lang, size):
    context = browser.new_context(base_url=site["base"], viewport=SIZES[size])
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    serious = {}
    for name, url in PAGES.items():
        response = page.goto(url.format(lang=lang, person=site["tukhachevskaya"]))
        assert response.status in (200, 404), name
        assert page.locator("html").get_attribute("lang") == lang
        assert page.get_by_role("main").count() == 1 and page.get_by_role("banner").count() == 1
        assert page.get_by_role("heading", level=1).count() == 1, name
        page.screenshot(path=str(SCREENSHOTS / f"{lang}-{size}-{name}.png"), full_page=True)
        if size == "desktop":
            results = axe.run(page, options=WCAG)
            found = [
                (v["id"], len(v["nodes"]))
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            if found:
                serious[name] = found
    context.close()
    assert serious == {}


def test_her_page_reads_as_a_life_with_its_sources(page, site):
    page.goto(f"/ru/persons/{site['tukhachevskaya']}")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert "Арватова-Тухачевская Елизавета Николаевна" in heading
    assert page.locator("ol.timeline > li").count() >= 1
    sources = page.locator("ol.sources")
    sources.get_by_text("Запись так, как её записал источник").first.click()
    assert sources.locator("dl.as-written").first.is_visible()
    page.goto(f"/en/persons/{site['tukhachevskaya']}")
    assert "Arvatova-Tukhachevskaya Yelizaveta Nikolayevna" in page.locator("h1").inner_text()


def test_the_latin_index_finds_cyrillic_names(page, site):
    page.goto("/ru/wall/")
    index = page.get_by_role("navigation", name="По буквам")
    index.get_by_role("link", name="T", exact=True).click()
    assert "Тухачевский Михаил" in page.locator("ul.wall").inner_text()  # T is Т
