"""Relatives a list states, read from its `relatives` column: each found in the registry and
linked with the list's words as evidence, each not found kept as a named relative, shown only
with a public record; and the same through the installed `alzhir` command."""

import csv
import io

import pytest

from alzhir.family.model import thresholds
from alzhir.family.registry import run_family
from alzhir.ingest.importer import import_file
from alzhir.registry.models import NamedRelative, Record, Relationship
from tests.family.family_lists import IMPLIED, LATIN_LIST, OPEN_LIST, STATED, UNFOUND, write
from tests.ingest.installed import installed_alzhir


def _import(tmp_path, importer):
    importer(write(OPEN_LIST, tmp_path / "open-list.csv"), "open-list")
    importer(write(LATIN_LIST, tmp_path / "latin-list.csv"), "latin-list")


def _links_by_record() -> set:
    record_of = {r.person_id: r.record_id for r in Record.objects.all()}
    return {
        (link.type, record_of[link.a_id], record_of[link.b_id])
        for link in Relationship.objects.filter(score__gte=thresholds()["propose"])
    }


@pytest.fixture
def families(db, tmp_path):
    _import(tmp_path, lambda path, name: import_file(path, source_name=name, progress=False))
    return run_family(progress=False)


def test_every_stated_relative_is_found_and_nothing_else(families):
    assert _links_by_record() == {
        (t, a, b) if t not in ("spouse", "sibling") else (t, *sorted((a, b)))
        for t, a, b in STATED | IMPLIED
    }


def test_the_link_keeps_the_lists_words(families):
    [link] = Relationship.objects.filter(type="father", b__records__record_id="L3")
    assert link.a.records.get().record_id == "L1"
    stated = ("«Отец/мать: Лоос Генрих Иванович (1880)»", "«Дети: Лоос Андрей Генрихович (1905)»")
    assert any(phrase in reason for reason in link.reasons for phrase in stated)


def test_every_unfound_relative_is_kept_as_named(families):
    named = {(r.record.record_id, r.kin, r.name) for r in NamedRelative.objects.all()}
    assert named == UNFOUND


def test_a_relative_found_later_leaves_the_named_list(families, tmp_path):
    write([("L0", "Лоос Иван Петрович", "м", "1850", "с. Гнадендорф", "")], tmp_path / "l0.csv")
    import_file(tmp_path / "l0.csv", source_name="later-list", progress=False)
    summary = run_family(progress=False)
    assert (summary.named_added, summary.named_removed) == (0, 1)
    named = {(r.record.record_id, r.kin, r.name) for r in NamedRelative.objects.all()}
    assert named == UNFOUND - {("L1", "father", "Лоос Иван Петрович")}


def test_the_page_shows_named_relatives_of_public_records_only(families, client):
    daughter = Record.objects.get(record_id="P5")
    assert daughter.named_relatives.exists()
    father = Record.objects.get(record_id="P1").person
    page = client.get(f"/en/persons/{father.pk}").content.decode()
    assert "Николай (1921)" in page
    assert "Петрова Ольга" not in page
    # the link stated only by the private record is private
    link = Relationship.objects.get(a=father, b=daughter.person)
    assert link.is_private


@pytest.mark.django_db(transaction=True)
def test_the_installed_command_reads_the_relatives_column(tmp_path):
    alzhir = installed_alzhir(tmp_path)
    _import(
        tmp_path, lambda path, name: alzhir("import", path, "--source", name).check_returncode()
    )
    family = alzhir("family", "--quiet")
    assert family.returncode == 0, family.stderr
    assert f"relatives named but not found: {len(UNFOUND)} added" in family.stdout
    exported = alzhir("export", "relationships", "--format", "csv", "--include-private")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    found = {
        (row["type"], row["a_record_id"], row["b_record_id"])
        for row in rows
        if float(row["score"]) >= thresholds()["propose"]
    }
    both_ways = found | {(t, b, a) for t, a, b in found if t in ("spouse", "sibling")}
    assert both_ways >= STATED | IMPLIED
    assert len(found) == len(STATED | IMPLIED)
