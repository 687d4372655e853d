"""Import behaviour an archivist relies on: nothing lost, nothing half-written, clear errors."""

import csv
import json

import pytest

from alzhir.cli import main
from alzhir.registry.models import AuditEntry, Event, ImportBatch, Person, Record

GENERIC_HEADER = "record_id,surname,given_name,patronymic,full_name,sex,birth_date,birth_place"
GOOD = "1,Калинина,Екатерина,Ивановна,,женщина,1882,Ревель"
ODD_DATE = "2,Жемчужина,Полина,Семёновна,,ж,31.02.1897,"
MISALIGNED = "3,Андроникашвили,Кира,Георгиевна,,F,1908"
NAMELESS = "4,,,,,F,1902,Москва"


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("\n".join([GENERIC_HEADER, GOOD, ODD_DATE, MISALIGNED, NAMELESS]) + "\n")
    return path


def registry_state():
    return (Record.objects.count(), Person.objects.count(), ImportBatch.objects.count())


@pytest.mark.django_db
def test_a_file_with_bad_rows_is_refused_whole(bad_file, capsys):
    before = registry_state()
    assert main(["import", str(bad_file)]) == 1
    err = capsys.readouterr().err
    assert "row 3 (line 4)" in err and "7 fields, header 8" in err
    assert "row 4 (line 5)" in err and "no name" in err
    assert "row 1 " not in err and "row 2 " not in err  # an odd date is no fault of structure
    assert registry_state() == before


@pytest.mark.django_db
def test_skip_invalid_keeps_the_good_rows_and_writes_every_reject(bad_file, tmp_path, capsys):
    rejects = tmp_path / "rejects.csv"
    assert main(["import", str(bad_file), "--skip-invalid", "--rejects", str(rejects)]) == 0
    out = capsys.readouterr().out
    assert "2 rejected row(s)" in out and "1 kept as written but not fully read" in out
    record = Record.objects.get(record_id="1")
    assert record.birth_edtf == "1882"
    assert record.names.get().full_text == "Калинина Екатерина Ивановна"
    odd = Record.objects.get(record_id="2")
    assert odd.birth_edtf == "1897-02" and odd.original["birth_date"] == "31.02.1897"
    assert odd.fields["date_problems"][0]["problem"] == "day 31 does not exist in February 1897"
    with rejects.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["record_id"] for r in rows] == ["3", "4"]
    assert "7 fields" in rows[0]["reason"] and "no name" in rows[1]["reason"]
    assert rows[0]["birth_place"] == "" and None not in rows[0]  # the reason in its own column


@pytest.mark.django_db
def test_dry_run_reports_without_writing(bad_file, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(f"{GENERIC_HEADER}\n{GOOD}\n")
    assert main(["import", str(good), "--dry-run"]) == 0
    assert Record.objects.count() == 0


@pytest.mark.django_db
def test_cp1251_headerless_file_with_a_toml_profile(tmp_path):
    profile = tmp_path / "nkvd.toml"
    profile.write_text(
        'delimiter = ";"\nheader = false\n[fields]\nrecord_id = 0\nsurname = 1\n'
        'given_name = 2\npatronymic = 3\nsentence_date = "{6}-{5}-{4}"\n',
        encoding="utf-8",
    )
    data = tmp_path / "nkvd.csv"
    data.write_bytes(
        "17;Мессерер-Плисецкая;Рахиль;Михайловна;02;07;1938\n18;Кузнецова;Мария;;;;\n".encode(
            "cp1251"
        )
    )
    assert main(["import", str(data), "--profile", str(profile), "--source", "NKVD"]) == 0
    first = Record.objects.get(record_id="17")
    assert first.names.get().surname == "Мессерер-Плисецкая"
    sentence = first.events.get(type="sentence")
    assert sentence.date_edtf == "1938-07-02"
    assert not Record.objects.get(record_id="18").events.filter(type="sentence").exists()


@pytest.mark.django_db
def test_xlsx_is_read_like_csv(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(GENERIC_HEADER.split(","))
    sheet.append(GOOD.split(","))
    path = tmp_path / "museum.xlsx"
    book.save(path)
    assert main(["import", str(path)]) == 0
    assert Record.objects.get().original["surname"] == "Калинина"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_real_alzhir_list_round_trips(algir_csv, tmp_path, capsys):
    assert main(["import", str(algir_csv), "--profile", "memorial", "--source", "algir"]) == 0
    assert Record.objects.count() == 6464 == Person.objects.count()
    assert main(["import", str(algir_csv), "--profile", "memorial", "--source", "algir"]) == 0
    assert "nothing added" in capsys.readouterr().out
    assert Record.objects.count() == 6464
    assert AuditEntry.objects.filter(action="import_batch").count() == 1

    out = tmp_path / "persons.jsonl"
    assert main(["export", "persons", "--format", "jsonl", "--out", str(out)]) == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    with algir_csv.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert sorted(int(e["record_id"]) for e in exported) == list(range(1, 6465))
    by_id = {e["record_id"]: e for e in exported}
    for number, row in enumerate(rows, start=1):
        assert by_id[str(number)]["original"] == row
    tukhachevskaya = by_id["279"]
    assert tukhachevskaya["name"] == "Арватова-Тухачевская Елизавета Николаевна"
    assert Event.objects.filter(type="camp_arrival").count() > 5000
