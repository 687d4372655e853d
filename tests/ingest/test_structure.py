"""A file is refused only for faults of its structure, always in one clear message naming where,
and never after anything was written; what a clerk wrote oddly is imported. Each test is a
case that once lost or garbled rows without a word."""

import csv
import re
import zipfile

import pytest
from openpyxl import Workbook

from alzhir.cli import main
from alzhir.registry.models import Event, ImportBatch, Person, Record, Source
from tests.ingest.lists import HEADER, person, write_list

pytestmark = pytest.mark.django_db


def registry_state():
    counts = (Source, ImportBatch, Record, Person, Event)
    return tuple(model.objects.count() for model in counts)


def refused(capsys, *args) -> str:
    """Run `alzhir ARGS`, which must refuse with a message and no traceback; the message."""
    before = registry_state()
    assert main(list(map(str, args))) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()
    assert registry_state() == before
    return err


def stale_dimension(path):
    """Rewrite the sheet's <dimension> to A1:E3, as some spreadsheet writers leave it."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'<dimension ref="[^"]+"', b'<dimension ref="A1:E3"', sheet
    )
    assert parts["xl/worksheets/sheet1.xml"] != sheet
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)


def test_xlsx_rows_are_all_read_whatever_its_dimension_says(tmp_path):
    import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for number in range(1, 3001):
        sheet.append(person(number))
    sheet.append(["3001", "Орлова", "Анна", "", "ж", datetime.datetime(1901, 3, 9), ""])
    path = tmp_path / "synthetic-museum.xlsx"
    book.save(path)
    stale_dimension(path)
    assert main(["import", str(path)]) == 0
    assert Record.objects.count() == 3001
    last = Record.objects.get(record_id="3001")
    assert last.original["birth_date"] == "1901-03-09" and last.birth_edtf == "1901-03-09"
    assert last.original["birth_place"] == ""  # a row shorter than the header is padded


@pytest.mark.parametrize("profile_encoding", [None, "cp1251"])
def test_a_file_mixing_utf8_and_cp1251_lines_is_refused_naming_them(
    tmp_path, capsys, profile_encoding
):
    lines = [";".join(person(n)) for n in range(1, 5)]
    raw = b"\r\n".join(
        line.encode("utf-8" if n == 3 else "cp1251") for n, line in enumerate(lines, start=1)
    )
    data = tmp_path / "synthetic-list.csv"
    data.write_bytes(raw + b"\r\n")
    profile = tmp_path / "list.toml"
    encoding = f'encoding = "{profile_encoding}"\n' if profile_encoding else ""
    profile.write_text(
        encoding + 'delimiter = ";"\nheader = false\n[fields]\nrecord_id = 0\nsurname = 1\n',
        encoding="utf-8",
    )
    err = refused(capsys, "import", data, "--profile", profile)
    assert "mixes encodings: lines 3 are UTF-8, lines 1, 2, 4 are not" in err


def test_a_utf8_file_is_not_read_as_the_cp1251_its_profile_says(tmp_path, capsys):
    data = tmp_path / "synthetic-list.csv"
    data.write_text("1;Петрова\n2;Иванова\n", encoding="utf-8")
    profile = tmp_path / "list.toml"
    profile.write_text('encoding = "cp1251"\ndelimiter = ";"\nheader = false\n[fields]\n'
                       'record_id = 0\nsurname = 1\n', encoding="utf-8")  # fmt: skip
    assert "is UTF-8 text (lines 1, 2), not cp1251" in refused(
        capsys, "import", data, "--profile", profile
    )


def test_two_columns_of_one_name_are_refused(tmp_path, capsys):
    data = write_list(tmp_path / "synthetic-list.csv", [[*person(1), "a", "b"]],
                      header=[*HEADER, "notes", "notes"])  # fmt: skip
    err = refused(capsys, "import", data)
    assert "line 1: two columns have one name: «notes» (columns 8, 9)" in err


def test_overlong_values_and_nul_are_refused_before_writing(tmp_path, capsys):
    rows = [person(1), person(2), person(3), person(4)]
    rows[1][0] = "7" * 101
    rows[2][1] = "Щ" * 201
    rows[3][6] = "Харь\x00ков"
    data = write_list(tmp_path / "synthetic-list.csv", rows)
    err = refused(capsys, "import", data)
    assert (
        "row 2 (line 3), column record_id: record_id is 101 characters long; the registry holds 100"
        in err
    )
    assert (
        "row 3 (line 4), column surname: surname is 201 characters long; the registry holds 200"
        in err
    )
    assert "row 4 (line 5), column birth_place: holds a NUL character" in err
    rejects = tmp_path / "rejects.csv"
    assert main(["import", str(data), "--skip-invalid", "--rejects", str(rejects)]) == 0
    assert list(Record.objects.values_list("record_id", flat=True)) == ["1"]
    with rejects.open(encoding="utf-8") as stream:
        assert len(list(csv.DictReader(stream))) == 3


def test_an_overlong_source_name_is_refused_before_writing(tmp_path, capsys):
    data = write_list(tmp_path / "synthetic-list.csv", [person(1)])
    err = refused(capsys, "import", data, "--source", "s" * 201)
    assert "--source: 201 characters; the registry holds 200" in err


def test_a_sex_word_not_known_is_kept_not_refused(tmp_path, capsys):
    row = person(1)
    row[4] = "девица"
    assert main(["import", str(write_list(tmp_path / "synthetic-list.csv", [row]))]) == 0
    assert "1 row(s) name a sex in a word not known" in capsys.readouterr().out
    record = Record.objects.get()
    assert (record.sex, record.original["sex"]) == ("U", "девица")


def test_broken_spreadsheets_archives_and_gedcom_are_refused_in_one_line(tmp_path, capsys):
    garbage = bytes(range(256)) * 4
    (tmp_path / "synthetic-broken.xlsx").write_bytes(b"PK\x03\x04" + garbage)
    (tmp_path / "synthetic-broken.ged").write_bytes(garbage)
    (tmp_path / "synthetic-archive.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    for args, message in (
        (["import", tmp_path / "synthetic-broken.xlsx"], "not a readable XLSX workbook"),
        (["import", "gedcom", tmp_path / "synthetic-broken.ged"], "nothing imported"),
        (["import", "archive", tmp_path / "synthetic-archive.zip"], "not an archive folder"),
    ):
        err = refused(capsys, *args)
        assert message in err and len(err.strip().splitlines()) <= 2, err
