"""The demo registry (alzhir/demo/registry.json) is well formed, cited and true to its article.

Pure tests: no database. The checks against the article itself need the seed text in
../shared/seeds and skip cleanly without it.
"""

import json
import os
import re
from importlib.resources import files
from pathlib import Path

import edtf
import pytest

REGISTRY = json.loads(files("alzhir.demo").joinpath("registry.json").read_text("utf-8"))
PERSONS = {p["key"]: p for p in REGISTRY["persons"]}
PLACES = {p["key"]: p for p in REGISTRY["places"]}

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("ALZHIR_SHARED_DATA", REPO_ROOT.parent / "shared" / "data")).parent
ARTICLE = SHARED / "seeds" / "000_d07be4afafd7736b.txt"

LOCATOR = re.compile(r"^§ (?P<section>.+), line (?P<line>\d+)$")
CYRILLIC_NAME = re.compile(r"^[\u0400-\u04FF][\u0400-\u04FF' -]*$")
LATIN_TEXT = re.compile(r"^[A-Za-z][A-Za-z.' -]*$")
MAX_TEXT = 300
FREE_TEXT_FIELDS = {"description", "summary", "notes", "citation"}

EVENT_TYPES = {
    "birth",
    "arrest",
    "sentence",
    "transport",
    "camp_arrival",
    "camp_transfer",
    "birth_in_camp",
    "child_to_orphanage",
    "release",
    "exile",
    "death",
    "execution",
    "rehabilitation",
    "other",
}
PLACE_TYPES = {"settlement", "camp", "lagpunkt", "prison", "orphanage", "region", "lake"}
NAME_TYPES = {"birth", "married", "alias", "as_recorded"}


def all_events():
    return [(p["key"], i, e) for p in REGISTRY["persons"] for i, e in enumerate(p["events"])]


def cited_facts():
    """(label, fact) for everything that must carry a locator."""
    yield from ((f"person {k}", p) for k, p in PERSONS.items())
    yield from ((f"place {k}", p) for k, p in PLACES.items())
    for key, person in PERSONS.items():
        yield from ((f"name of {key}: {n}", n) for n in person["names"])
    yield from ((f"event {k}#{i}", e) for k, i, e in all_events())
    yield from ((f"relationship {r}", r) for r in REGISTRY["relationships"])
    yield from ((f"figure {f['key']}", f) for f in REGISTRY["figures"])


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def free_text(node):
    """Our own wording: descriptions, summaries and source notes (names are quoted, not ours)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FREE_TEXT_FIELDS and isinstance(value, str):
                yield value
            else:
                yield from free_text(value)
    elif isinstance(node, list):
        for value in node:
            yield from free_text(value)


def relatives(kind, of):
    return {
        r["a"]
        for r in REGISTRY["relationships"]
        if r["type"] == kind and r["b"] == of and r["status"] == "confirmed"
    }


def test_source_is_the_article():
    source = REGISTRY["source"]
    assert source["key"] == "qalam-alzhir-article"
    assert source["kind"] == "article"
    assert source["language"] == "en"
    assert source["title"] and source["citation"]


def test_keys_are_unique():
    assert len(PERSONS) == len(REGISTRY["persons"])
    assert len(PLACES) == len(REGISTRY["places"])
    figure_keys = [f["key"] for f in REGISTRY["figures"]]
    assert len(set(figure_keys)) == len(figure_keys)


def test_about_forty_people_and_the_places_the_brief_names():
    assert 35 <= len(PERSONS) <= 60
    for key in (
        "camp-point-26",
        "akmolinsk",
        "lake-zhalanash",
        "butyrka",
        "osakarovka-orphanage",
        "shymkent",
        "malinovka",
    ):
        assert key in PLACES


def test_relationships_join_two_different_known_persons():
    for rel in REGISTRY["relationships"]:
        assert rel["a"] in PERSONS and rel["b"] in PERSONS, rel
        assert rel["a"] != rel["b"], rel
        assert rel["type"] in {"mother", "father", "spouse", "sibling"}, rel
        assert rel["status"] in {"proposed", "confirmed", "rejected"}, rel


def test_parents_have_the_right_sex():
    for rel in REGISTRY["relationships"]:
        if rel["type"] in ("mother", "father"):
            assert PERSONS[rel["a"]]["sex"] == {"mother": "F", "father": "M"}[rel["type"]], rel


def test_events_and_places_refer_to_known_places():
    for key, i, event in all_events():
        assert event["type"] in EVENT_TYPES, (key, i)
        assert event["place"] == "" or event["place"] in PLACES, (key, i, event["place"])
    for place in PLACES.values():
        assert place["type"] in PLACE_TYPES, place["key"]
        assert place["part_of"] == "" or place["part_of"] in PLACES, place["key"]


def test_part_of_has_no_cycles():
    for start in PLACES:
        seen, key = set(), start
        while key:
            assert key not in seen, f"part_of cycle through {start}"
            seen.add(key)
            key = PLACES[key]["part_of"]


def test_coordinates_are_on_earth_and_in_pairs():
    for place in PLACES.values():
        assert (place["lat"] is None) == (place["lon"] is None), place["key"]
        if place["lat"] is not None:
            assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, place["key"]


@pytest.mark.parametrize("key", sorted(PERSONS))
def test_every_person_has_a_cyrillic_and_a_latin_name(key):
    names = PERSONS[key]["names"]
    assert all(n["type"] in NAME_TYPES for n in names), key
    cyrillic = [n for n in names if n["lang"].endswith("-Cyrl")]
    latin = [n for n in names if n["lang"].endswith("-Latn")]
    assert cyrillic and latin, key
    for name in cyrillic:
        parts = [name[part] for part in ("surname", "given", "patronymic") if name[part]]
        assert parts, (key, name)
        assert all(CYRILLIC_NAME.match(part) for part in parts), (key, name)
    assert all(LATIN_TEXT.match(n["full"]) for n in latin), key


def test_sex_and_living_are_given_and_only_azari_is_presented_as_alive():
    assert all(p["sex"] in {"F", "M", "U"} for p in PERSONS.values())
    assert {k for k, p in PERSONS.items() if p["living"] is True} == {"plisetski-azari"}
    assert all(isinstance(p["living"], bool) for p in PERSONS.values())


@pytest.mark.parametrize(
    ("key", "index", "event"), [pytest.param(*e, id=f"{e[0]}-{e[1]}") for e in all_events()]
)
def test_event_dates_are_valid_edtf(key, index, event):
    if event["date"]:
        edtf.parse_edtf(event["date"])
    else:
        assert event["date_text"] or event["description"], (key, index)


def test_place_name_periods_are_valid_edtf_and_ordered():
    for place in PLACES.values():
        for name in place["names"]:
            bounds = [edtf.parse_edtf(name[end]) for end in ("from", "to") if name[end]]
            if len(bounds) == 2:
                assert bounds[0].lower_strict() <= bounds[1].upper_strict(), name


def test_every_fact_has_a_locator():
    for label, fact in cited_facts():
        assert LOCATOR.match(fact.get("locator", "")), label


def test_no_long_text_slips_in():
    too_long = [s for s in strings(REGISTRY) if len(s) > MAX_TEXT]
    assert too_long == []


def test_as_recorded_dates_are_a_few_words():
    for key, index, event in all_events():
        assert len(event["date_text"].split()) <= 8, (key, index)


def test_rachel_is_mother_of_maya_alexander_and_azari_and_wife_of_mikhail():
    for child in ("plisetskaya-maya", "plisetsky-alexander", "plisetski-azari"):
        assert relatives("mother", child) == {"messerer-plisetskaya-rachel"}
        assert relatives("father", child) == {"plisetsky-mikhail"}
    spouses = {
        frozenset((r["a"], r["b"]))
        for r in REGISTRY["relationships"]
        if r["type"] == "spouse" and r["status"] == "confirmed"
    }
    assert frozenset(("messerer-plisetskaya-rachel", "plisetsky-mikhail")) in spouses


def test_rachel_is_found_under_her_cyrillic_forms():
    forms = {
        (n["surname"], n["given"], n["patronymic"])
        for n in PERSONS["messerer-plisetskaya-rachel"]["names"]
        if n["lang"] == "ru-Cyrl"
    }
    assert ("Плисецкая", "Рахиль", "Михайловна") in forms
    assert ("Мессерер", "Рахиль", "Михайловна") in forms


def test_key_dates_and_terms_as_the_article_gives_them():
    def event(person, kind):
        return [e for e in PERSONS[person]["events"] if e["type"] == kind]

    assert [e["date"] for e in event("plisetski-azari", "birth")] == ["1937-07"]
    assert [e["date"] for e in event("plisetsky-mikhail", "arrest")] == ["1937-04"]
    assert [e["term"] for e in event("messerer-plisetskaya-rachel", "sentence")] == ["8 years"]
    assert [e["place"] for e in event("messerer-plisetskaya-rachel", "exile")] == ["shymkent"]
    assert [e["term"] for e in event("kalinina-ekaterina", "sentence")] == ["15 years"]
    assert [e["date"] for e in event("klyashtorny-todor", "execution")] == ["1937-10"]
    assert "1939-01-01" in [e["date"] for e in PERSONS["barinov-sergey"]["events"]]


def test_figures_hold_the_articles_numbers():
    figures = {f["key"]: f["value"] for f in REGISTRY["figures"]}
    assert figures["children_born_in_camp"] == 1507
    assert figures["female_prisoners_total"] == 20000
    assert figures["children_removed_by_jan_1939"] == (
        figures["children_sent_to_orphanages_by_jan_1939"]
        + figures["children_to_guardians_or_mothers_by_jan_1939"]
    )


def test_akmolinsk_names_follow_each_other_in_time():
    names = [n for n in PLACES["akmolinsk"]["names"] if n["lang"].endswith("-Cyrl")]
    assert [n["name"] for n in names][:3] == ["Акмолинск", "Целиноград", "Ақмола"]
    for earlier, later in zip(names, names[1:], strict=False):
        assert earlier["to"] == later["from"], (earlier, later)


# --- against the article itself ------------------------------------------------------


@pytest.fixture(scope="module")
def article_lines():
    if not ARTICLE.exists():
        pytest.skip(f"{ARTICLE} is absent (the seed article lives in ../shared/seeds)")
    return ARTICLE.read_text(encoding="utf-8").split("\n")


def fold(text):
    return re.sub(r"[^a-z ]", "", text.lower().replace("’", "'")).strip()


def section_titles(lines):
    """Line number -> section title; the all-capitals title block at the top is 'Opening'."""
    titles, current, body_started = {}, "Opening", False
    for number, line in enumerate(lines, 1):
        is_heading = line.strip() and line == line.upper() and re.search(r"[A-Z]", line)
        if is_heading and body_started:
            current = line
        elif line.strip() and not is_heading:
            body_started = True
        titles[number] = current
    return titles


def test_locators_point_at_text_in_the_named_section(article_lines):
    titles = section_titles(article_lines)
    for label, fact in cited_facts():
        match = LOCATOR.match(fact["locator"])
        line = int(match["line"])
        assert 1 <= line <= len(article_lines) and article_lines[line - 1].strip(), label
        assert fold(titles[line]) == fold(match["section"]), (label, titles[line])


def test_recorded_latin_names_and_figures_appear_on_their_cited_line(article_lines):
    def cited_line(fact):
        return article_lines[int(LOCATOR.match(fact["locator"])["line"]) - 1].lower()

    for person in PERSONS.values():
        for name in person["names"]:
            if name["lang"] == "en-Latn":
                assert name["full"].lower() in cited_line(name), (person["key"], name)
    for figure in REGISTRY["figures"]:
        assert figure["text"].lower() in cited_line(figure), figure["key"]


def word_runs(text, span):
    words = fold(text).split()
    return {tuple(words[i : i + span]) for i in range(len(words) - span + 1)}


def test_no_sentence_of_the_article_is_copied(article_lines):
    span = 7
    article_runs = word_runs(" ".join(article_lines), span)
    texts = list(free_text(REGISTRY))
    assert len(texts) > 100
    for text in texts:
        assert not word_runs(text, span) & article_runs, text
