"""The memorial site in a real browser: a relative's search in another spelling, the language
switch, an archivist's duplicate decision and its undo, a relative's correction published with
its source once a moderator approves it, and screenshots of every public page in the three
languages (kept under test-artifacts/screenshots/, which CI can keep as artifacts)."""

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.sqlite_only]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
HER_NAME = "Арватова-Тухачевская Елизавета Николаевна"


def sign_in(page, username: str, password: str, then: str) -> None:
    page.goto(f"/en/accounts/login/?next={then}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_a_german_spelling_finds_her_and_her_page_switches_to_kazakh(page, site):
    page.goto("/en/")
    box = page.get_by_role("searchbox", name="Find a person")
    box.fill("Tuchatschewskaja Elisabeth")
    box.press("Enter")
    page.wait_for_url("**/en/search?q=*")
    first = page.locator("ol.results > li").first
    assert HER_NAME in first.inner_text()
    first.get_by_role("link", name=HER_NAME).click()

    page.wait_for_url(f"**/en/persons/{site['tukhachevskaya']}")
    assert HER_NAME in page.get_by_role("heading", level=1).inner_text()
    assert "Arvatova-Tukhachevskaya" in page.locator("p.other-names").inner_text()

    page.get_by_label("Language").select_option("kk")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_url(f"**/kk/persons/{site['tukhachevskaya']}")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert HER_NAME in page.get_by_role("heading", level=1).inner_text()
    main_menu = page.get_by_role("navigation").first.inner_text()
    assert "Еске алу қабырғасы" in main_menu and "Wall of Remembrance" not in main_menu


def _sources_of_rachel(page) -> str:
    """The sources listed on Rachel Messerer-Plisetskaya's page, read in a tab of its own."""
    tab = page.context.new_page()
    tab.goto("/en/search?q=Messerer-Plisetskaya+Rachel")
    tab.locator("ol.results > li a").first.click()
    tab.wait_for_url("**/en/persons/*")
    sources = tab.locator("ol.sources").inner_text()
    tab.close()
    return sources


def test_an_archivist_accepts_a_duplicate_and_undoes_it(page, site):
    assert "M-1" not in _sources_of_rachel(page)
    sign_in(page, site["users"]["archivist"], site["password"], then="/en/")
    page.get_by_role("navigation", name="Staff").get_by_role(
        "link", name="Duplicate review"
    ).click()
    page.get_by_role("main").get_by_role("link", name="Review", exact=True).first.click()
    page.wait_for_url(f"**/en/staff/review/{site['proposal']}")
    assert "double-barrelled" in page.locator("ul.why").inner_text()

    page.get_by_role("button", name=re.compile("Same person")).click()
    assert f"Pair {site['proposal']}: same." in page.get_by_role("status").inner_text()
    screenshot(page, "en-staff-review-accepted")
    assert "M-1" in _sources_of_rachel(page), "accepting the pair merges the museum record"

    page.get_by_role("status").get_by_role("button", name="Undo").click()
    assert "undone" in page.get_by_role("status").inner_text()
    assert "M-1" not in _sources_of_rachel(page), "the undo splits the museum record off again"
    assert page.get_by_role("button", name=re.compile("Same person")).is_visible()


PUBLIC_PAGES = {
    "home": "/{lang}/",
    "wall": "/{lang}/wall/",
    "person": "/{lang}/persons/{person}",
    "search": "/{lang}/search?q=Tuchatschewskaja+Elisabeth",
    "stats": "/{lang}/stats",
}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_public_page_renders_in_each_language(page, site, lang):
    for name, url in PUBLIC_PAGES.items():
        response = page.goto(url.format(lang=lang, person=site["tukhachevskaya"]))
        assert response.status == 200, f"{name} in {lang}"
        assert page.locator("html").get_attribute("lang") == lang
        assert page.get_by_role("heading", level=1).count() == 1, f"{name} has one title"
        if lang != "en":
            assert "Wall of Remembrance" not in page.locator("header.site").inner_text()
        screenshot(page, f"{lang}-{name}")


def test_a_relatives_correction_is_published_with_its_source_once_a_moderator_approves(
    browser, page, site
):
    person_url = f"/en/persons/{site['tukhachevskaya']}"
    page.goto(person_url)
    page.get_by_role("link", name="Suggest a correction").click()
    page.get_by_label("date of birth").check()
    page.get_by_label("What it should say").fill("1897")
    page.get_by_label("How do you know?").fill("Her birth certificate, kept by the family.")
    page.get_by_label("Your name, as it should appear").fill("Nina E2E-Relative")
    page.get_by_label("Who the person was to you").fill("great-niece")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Send to the moderators").click()
    assert "reached the moderators" in page.get_by_role("status").inner_text()
    page.goto(person_url)
    assert "Nina E2E-Relative" not in page.content(), "nothing is public before moderation"

    moderator = browser.new_context(base_url=site["base"]).new_page()
    sign_in(moderator, site["users"]["moderator"], site["password"], then="/en/")
    moderator.get_by_role("navigation", name="Staff").get_by_role("link", name="Moderation").click()
    pending = moderator.locator("article.contribution").filter(has_text="Nina E2E-Relative")
    assert "1897" in pending.inner_text()
    pending.get_by_role("button", name="Approve and publish").click()
    assert "now public" in moderator.get_by_role("status").inner_text()
    screenshot(moderator, "en-staff-moderation-approved")
    moderator.context.close()

    page.goto(person_url)
    corrections = page.locator("ul.corrections")
    assert "1897" in corrections.inner_text()
    assert "according to Nina E2E-Relative" in corrections.inner_text()
    corrections.get_by_role("link").first.click()
    page.wait_for_url("**/en/sources/*")
    assert "Nina E2E-Relative" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("link", name=HER_NAME).is_visible()
    screenshot(page, "en-source-of-the-correction")
