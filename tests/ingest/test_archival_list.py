"""A headerless cp1251 list read through a TOML profile, holding every date form clerks write
(tests/ingest/archival_list.py): every row imported, every reading, note and problem as the
list expects, and `alzhir dates --json` listing exactly the doubtful dates."""

import json

import pytest

from alzhir.ingest.importer import import_file
from alzhir.registry import exports
from alzhir.registry.models import Record
from tests.ingest import archival_list
from tests.ingest.archival_list import IMPLAUSIBLE, ROWS, TEMPLATE, UNREAD
from tests.ingest.installed import installed_alzhir

SOURCE = "synthetic-memory-book"
# Which event each column's date dates, and the registry field it fills.
EVENT_OF_COLUMN = {"5": "birth", "10": "arrest", "13": "camp_arrival", "15": "camp_arrival",
                   "16": "release", "17": "death", TEMPLATE: "sentence"}  # fmt: skip
FIELD_OF_COLUMN = {"5": "birth_date", "10": "arrest_date", "13": "sentence",
                   "16": "release_date", TEMPLATE: "sentence_date"}  # fmt: skip


@pytest.fixture
def memory_book(tmp_path):
    return archival_list.write(tmp_path)


@pytest.mark.django_db
def test_every_row_is_imported_with_every_date_read_as_far_as_it_goes(memory_book):
    data, profile = memory_book
    report = import_file(data, source_name=SOURCE, profile=str(profile), progress=False)
    assert (report.imported, report.rejected, report.errors) == (len(ROWS), 0, [])
    problems = [e.problem[0] for row in ROWS for e in row.expected if e.problem]
    assert (report.dates_unread, report.dates_implausible) == (
        problems.count(UNREAD),
        problems.count(IMPLAUSIBLE),
    )
    records = {r.record_id: r for r in Record.objects.filter(source__name=SOURCE)}
    for row in ROWS:
        record = records[row.cells[0]]
        assert record.original == {str(i): value for i, value in enumerate(row.fields())}
        for expected in row.expected:
            event = record.events.get(type=EVENT_OF_COLUMN[expected.column],
                                      date_text=expected.text)  # fmt: skip
            assert event.date_edtf == expected.edtf, expected
            assert (event.date_lower is None) == (expected.edtf == "")
            field = FIELD_OF_COLUMN[expected.column]
            assert expected.note in record.fields.get("date_notes", {}).get(field, "")
            listed = [p for p in record.fields.get("date_problems", ())
                      if (p["column"], p["text"]) == (expected.column, expected.text)]  # fmt: skip
            if expected.problem:
                kind, phrase = expected.problem
                assert [(p["kind"], p["reading"]) for p in listed] == [(kind, expected.edtf)]
                assert phrase in listed[0]["problem"] and listed[0]["field"] == field
            else:
                assert listed == []
    first = records["1"]  # «1897 (1898)»: the first year written is her birth year
    assert (first.birth_edtf, first.person.birth_year) == ("[1897,1898]", 1897)


@pytest.mark.django_db(transaction=True)
def test_alzhir_dates_lists_exactly_the_doubtful_ones(memory_book, tmp_path):
    data, profile = memory_book
    alzhir = installed_alzhir(tmp_path)
    done = alzhir("import", data, "--profile", profile, "--source", SOURCE)
    assert done.returncode == 0, done.stderr
    assert f"imported {len(ROWS)} of {len(ROWS)} rows into {SOURCE}" in done.stdout
    assert "dates: 6 kept as written but not fully read, 3 implausible" in done.stdout
    listed = [json.loads(line) for line in alzhir("dates", "--json").stdout.splitlines()]
    assert {tuple(item)[:6] for item in listed} == {
        ("source", "record_id", "column", "text", "reading", "problem")
    }
    assert {item["source"] for item in listed} == {SOURCE}
    found = sorted(
        (i["record_id"], i["column"], i["text"], i["reading"], i["kind"]) for i in listed
    )
    assert found == archival_list.doubtful()
    text = alzhir("dates", "--kind", "implausible").stdout
    assert "release 12.05.2938 is in the future" in text and "31.06.1938" not in text
    assert text.endswith("0 date(s) kept as written but not fully read, 3 implausible\n")


@pytest.mark.django_db
def test_exports_keep_every_date_as_written(memory_book):
    data, profile = memory_book
    import_file(data, source_name=SOURCE, profile=str(profile), progress=False)
    events = list(exports.event_rows(include_private=True))
    written = {(e["record_id"], e["date_text"]) for e in events}
    for row in ROWS:
        for expected in row.expected:
            assert (row.cells[0], expected.text) in written
    unread = next(e for e in events if e["date_text"] == "дата не установлена")
    assert unread["date"] == "" and unread["type"] == "birth"
