"""Family links in the registry: real mothers from the ALZHIR list, synthetic orphanage-list
children, proposals written through the actions, decisions kept across reruns, and the
relationships export."""

import csv

import pytest

from alzhir.family.registry import relative_record_pairs, run_family
from alzhir.ingest.importer import import_file
from alzhir.registry.actions import do_add_relationship, do_merge_persons
from alzhir.registry.models import Person, Record, Relationship
from alzhir.registry.relationship_exports import RELATIONSHIP_COLUMNS, relationship_rows

# Rows of algir.csv (counted from 1 after the header): a prisoner, and two namesakes (README).
REAL_ROWS = {
    1: "Абдуллаева Мирнирия Ибрагимовна",
    179: "Андерсон Шарлотта Ивановна",
    180: "Андерсон Шарлотта Ивановна",
}
ORPHANAGE_LIST = [
    # renamed, the mother named by initials
    {
        "record_id": "C1",
        "full_name": "Петров Рустам Ибрагимович",
        "sex": "м",
        "birth_date": "1930",
        "mother_name": "Абдуллаева М. И.",
        "orphanage": "Детдом №3 г. Баку",
    },
    # namesake mothers: the year given with her name tells which
    {
        "record_id": "C2",
        "full_name": "Андерсон Карл Янович",
        "sex": "м",
        "birth_date": "1922",
        "mother_name": "Андерсон Шарлотта Ивановна (1895)",
        "orphanage": "Детдом №1 г. Киева",
    },
    # nothing but the surname
    {
        "record_id": "C3",
        "full_name": "Андерсон Ян Янович",
        "sex": "м",
        "birth_date": "1921",
        "orphanage": "Детдом №1 г. Киева",
    },
]


@pytest.fixture
def families(db, algir_csv, tmp_path):
    """A few real prisoners (copied to a temporary file, never into the repo) and children."""
    with algir_csv.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        rows = [row for number, row in enumerate(reader, start=1) if number in REAL_ROWS]
    assert [r[0] for r in rows] == list(REAL_ROWS.values())
    real = tmp_path / "algir-excerpt.csv"
    with real.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *rows])
    import_file(real, source_name="algir", profile="memorial", progress=False)
    children = tmp_path / "orphanage.csv"
    with children.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(
            stream, fieldnames=list(dict.fromkeys(k for row in ORPHANAGE_LIST for k in row))
        )
        writer.writeheader()
        writer.writerows(ORPHANAGE_LIST)
    import_file(children, source_name="synthetic-orphanage-test", progress=False)


def person(source, record_id) -> Person:
    return Record.objects.get(source__name=source, record_id=record_id).person


def test_mothers_proposed_with_reasons_and_never_from_a_surname_alone(families):
    summary = run_family(progress=False)
    links = {(r.a_id, r.b_id): r for r in Relationship.objects.filter(type="mother")}
    abdullaeva, anderson_1892, anderson_1895 = (person("algir", n) for n in ("1", "2", "3"))
    renamed = links[(abdullaeva.pk, person("synthetic-orphanage-test", "C1").pk)]
    assert renamed.status == "proposed" and 0.5 <= renamed.score <= 1
    assert any("initials" in reason for reason in renamed.reasons)
    karl = person("synthetic-orphanage-test", "C2")
    assert (anderson_1895.pk, karl.pk) in links
    assert (anderson_1892.pk, karl.pk) not in links
    jan = person("synthetic-orphanage-test", "C3")
    assert not Relationship.objects.filter(b=jan).exists()
    assert summary.proposed["mother"] == 2


def test_a_child_is_linked_never_merged(families):
    persons_before = Person.objects.filter(merged_into=None).count()
    run_family(progress=False)
    assert Person.objects.filter(merged_into=None).count() == persons_before
    child = person("synthetic-orphanage-test", "C1")
    assert child.records.count() == 1
    assert ("algir:1", "synthetic-orphanage-test:C1") in relative_record_pairs()


def test_rerun_keeps_the_archivists_decisions(families):
    run_family(progress=False)
    renamed = Relationship.objects.get(b=person("synthetic-orphanage-test", "C1"))
    karl = Relationship.objects.get(b=person("synthetic-orphanage-test", "C2"))
    do_add_relationship("mother", renamed.a, renamed.b, "archivist", status="rejected")
    do_add_relationship("mother", karl.a, karl.b, "archivist", status="confirmed", score=1.0)
    summary = run_family(progress=False)
    renamed.refresh_from_db()
    karl.refresh_from_db()
    assert (renamed.status, renamed.decided_by) == ("rejected", "archivist")
    assert (karl.status, karl.score) == ("confirmed", 1.0)
    assert summary.kept_decided == 2
    assert Relationship.objects.filter(type="mother").count() == 2


def test_export_gives_one_row_for_each_record_of_a_with_each_record_of_b(families):
    run_family(progress=False)
    mother = person("algir", "1")
    # A second record of the same woman, merged into her person: the export doubles the row.
    do_merge_persons(mother, [person("algir", "2")], "archivist", reason="test")
    rows = [r for r in relationship_rows() if r["b_record_id"] == "C1"]
    assert sorted((r["a_source"], r["a_record_id"]) for r in rows) == [
        ("algir", "1"),
        ("algir", "2"),
    ]
    row = rows[0]
    assert set(RELATIONSHIP_COLUMNS) <= row.keys()
    assert (row["type"], row["status"], row["b_source"]) == (
        "mother",
        "proposed",
        "synthetic-orphanage-test",
    )
    assert row["a_person_id"] == str(mother.pk) and 0.5 <= row["score"] <= 1


def test_latin_list_naming_the_mother_finds_her_cyrillic_record_and_keeps_decisions(demo, tmp_path):
    decided = set(Relationship.objects.values_list("type", "a", "b", "status", "score"))
    museum = tmp_path / "museum.csv"
    museum.write_text(
        "record_id,full_name,sex,birth_date,mother_name\n"
        "M-9,Azari Plisetski,M,1937,Rachel Messerer-Plisetskaya\n",
        encoding="utf-8",
    )
    import_file(museum, source_name="museum-family", progress=False)
    run_family(progress=False)
    assert decided <= set(Relationship.objects.values_list("type", "a", "b", "status", "score"))
    [proposal] = Relationship.objects.filter(status="proposed")
    rachel = person("qalam-alzhir-article", "messerer-plisetskaya-rachel")
    assert (proposal.type, proposal.a, proposal.b) == (
        "mother",
        rachel,
        person("museum-family", "M-9"),
    )
    assert proposal.score >= 0.5


def test_csv_export_has_the_design_columns_and_the_cli_prints_a_summary(families, capsys):
    import argparse
    import io

    from alzhir.family.cli import add_subcommands
    from alzhir.registry.exports import write

    parser = argparse.ArgumentParser(prog="alzhir")
    add_subcommands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["family", "--quiet"])
    assert args.func(args) == 0
    assert "2 mother" in capsys.readouterr().out
    out = io.StringIO()
    assert write(relationship_rows(), RELATIONSHIP_COLUMNS, "csv", out) == 2
    header, first = out.getvalue().splitlines()[:2]
    assert header == (
        "type,status,score,a_person_id,a_source,a_record_id,b_person_id,b_source,b_record_id"
    )
    assert first.startswith("mother,proposed,")


def test_the_proposal_threshold_comes_from_settings(families, settings):
    settings.ALZHIR_FAMILY_THRESHOLDS = {"propose": 0.999}
    run_family(progress=False)
    strict = Relationship.objects.count()
    assert all(r.score >= 0.999 for r in Relationship.objects.all())
    settings.ALZHIR_FAMILY_THRESHOLDS = {"propose": 0.5}
    run_family(progress=False)
    assert Relationship.objects.filter(type="mother").count() == 2
    assert strict < 2
