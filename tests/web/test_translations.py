"""The interface speaks Russian and Kazakh in full: every message has a translation, the
compiled catalogues (.mo, committed because CI has no gettext) say what the .po files say, and
the pages under /ru/ and /kk/ show translated navigation."""

import re
from pathlib import Path

import polib
import pytest

import alzhir.web

LOCALE = Path(alzhir.web.__file__).with_name("locale")
TRANSLATED = ["ru", "kk"]
NAV_LINK = re.compile(r"<nav[^>]*>(.*?)</nav>", re.S)


def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


def untranslated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    return not entry.msgstr


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_has_a_translation(lang):
    entries = [e for e in catalogue(lang) if not e.obsolete]
    assert len(entries) > 100
    missing = [e.msgid for e in entries if untranslated(e)]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert missing == [], f"untranslated in {lang}"
    assert fuzzy == [], f"fuzzy (unchecked) in {lang}"


def test_kazakh_is_written_in_cyrillic():
    """Kazakh in Cyrillic: every translation is mostly Cyrillic letters (Latin appears only in
    quoted spellings and names of formats such as JPEG or CSV)."""
    for entry in catalogue("kk"):
        for text in filter(None, [entry.msgstr, *entry.msgstr_plural.values()]):
            bare = re.sub(r"%\([a-z_]+\)[sd]|\{[^}]*\}", "", text)
            cyrillic = len(re.findall(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", bare))
            latin = len(re.findall(r"[A-Za-z]", bare))
            # a message of placeholders and marks alone («%(start)s–%(end)s») has no letters
            assert cyrillic > latin or not latin, entry.msgid


def _messages(entries) -> dict:
    result = {}
    for entry in entries:
        if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid:
            continue
        key = (entry.msgctxt, entry.msgid, entry.msgid_plural)
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if any(forms):  # msgfmt leaves out messages with no translation at all
                result[key] = forms
        elif entry.msgstr:
            result[key] = entry.msgstr
    return result


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_compiled_catalogue_matches_its_source(lang):
    directory = LOCALE / lang / "LC_MESSAGES"
    compiled = polib.mofile(str(directory / "django.mo"))
    assert _messages(compiled) == _messages(catalogue(lang)), (
        f"{directory}/django.mo is stale: run `django-admin compilemessages` in alzhir/web"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang, wall, english_left_out",
    [("ru", "Стена памяти", "Wall of Remembrance"), ("kk", "Еске алу қабырғасы", "Wall of Rem")],
)
def test_pages_show_translated_navigation(client, lang, wall, english_left_out):
    html = client.get(f"/{lang}/").content.decode()
    navigation = " ".join(NAV_LINK.findall(html))
    assert wall in navigation
    assert english_left_out not in html
    assert f'<html lang="{lang}"' in html
