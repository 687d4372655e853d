"""Correcting rejected rows: the corrected whole file, or the fixed rejects file, imported back
into its source adds the rows not yet there; rows already there are skipped when unchanged and
reported, never overwritten, when changed; a rejects file's `reason` never becomes data."""

import csv

import pytest

from alzhir.cli import main
from alzhir.registry.models import Record
from tests.ingest import archival_list
from tests.ingest.lists import HEADER, person, write_list

pytestmark = pytest.mark.django_db
SOURCE = "synthetic-list"


def import_with_rejects(path, rejects, *more) -> int:
    return main(["import", str(path), "--source", SOURCE, "--skip-invalid",
                 "--rejects", str(rejects), *map(str, more)])  # fmt: skip


def read_rejects(path, header=True) -> list:
    """A rejects file, written like the file it comes from (cp1251 and «;» for the list)."""
    if header:
        with path.open(encoding="utf-8", newline="") as stream:
            return list(csv.DictReader(stream))
    with path.open(encoding="cp1251", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


@pytest.fixture
def first_import(tmp_path, capsys):
    """Five rows, of which row 3 is short of a field and row 4 has no name."""
    rows = [person(n) for n in range(1, 6)]
    rows[2] = rows[2][:-1]
    rows[3][1:4] = ["", "", ""]
    data = write_list(tmp_path / "synthetic-list.csv", rows)
    assert import_with_rejects(data, tmp_path / "rejects.csv") == 0
    capsys.readouterr()
    return data


def test_the_corrected_whole_file_adds_what_is_missing(first_import, tmp_path, capsys):
    rows = [person(n) for n in range(1, 6)]
    rows[4][6] = "Баку"  # row 5 was imported with Харьков: a change, not a correction to apply
    corrected = write_list(tmp_path / "synthetic-list-corrected.csv", rows)
    assert main(["import", str(corrected), "--source", SOURCE]) == 0
    captured = capsys.readouterr()
    assert "imported 2 of 5 rows" in captured.out
    assert "2 already in synthetic-list as written, skipped: record id(s) 1, 2" in captured.out
    assert "1 in synthetic-list with other content, not overwritten: record id(s) 5" in captured.out
    assert "row 5 (line 6), column record_id: record_id 5 is in synthetic-list" in captured.err
    assert sorted(Record.objects.values_list("record_id", flat=True)) == list("12345")
    assert Record.objects.get(record_id="5").original["birth_place"] == "Харьков"


def test_the_fixed_rejects_file_imports_without_its_reason(first_import, tmp_path, capsys):
    rejects = read_rejects(tmp_path / "rejects.csv")
    assert [r["record_id"] for r in rejects] == ["3", "4"]
    assert rejects[0]["birth_place"] == "" and "fields" in rejects[0]["reason"]
    fixed = [person(3), person(4)]
    write_list(tmp_path / "rejects.csv", [[*row, "the reason, left as it was"] for row in fixed],
               header=[*HEADER, "reason"])  # fmt: skip
    assert main(["import", str(tmp_path / "rejects.csv"), "--source", SOURCE]) == 0
    assert "its «reason» column left out" in capsys.readouterr().out
    assert Record.objects.count() == 5
    assert all(set(r.original) == set(HEADER) for r in Record.objects.all())


def test_a_headerless_list_keeps_reason_in_its_own_column_and_leaves_it_out(tmp_path, capsys):
    data, profile = archival_list.write(tmp_path)
    lines = data.read_bytes().decode("cp1251").splitlines()
    lines[1] = lines[1].rsplit(";", 3)[0]  # row 2 short of three fields
    data.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    assert import_with_rejects(data, tmp_path / "rejects.csv", "--profile", profile) == 0
    [rejected] = read_rejects(tmp_path / "rejects.csv", header=False)
    width = archival_list.WIDTH
    assert (
        len(rejected) == width + 1
        and rejected[width] == "(all): row has 22 fields, most rows have 25"
    )
    fixed = archival_list.ROWS[1].fields()
    with (tmp_path / "rejects.csv").open("w", encoding="cp1251", newline="") as stream:
        csv.writer(stream, delimiter=";").writerow([*fixed, rejected[width]])
    capsys.readouterr()
    assert main(["import", str(tmp_path / "rejects.csv"), "--source", SOURCE,
                 "--profile", str(profile)]) == 0  # fmt: skip
    assert "its «reason» column left out" in capsys.readouterr().out
    record = Record.objects.get(record_id="2")
    assert record.original == {str(i): value for i, value in enumerate(fixed)}
