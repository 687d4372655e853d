"""The whole registry out as a Frictionless Data Package and back, losing nothing."""

import contextlib
import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from frictionless import validate

from alzhir.opendata import archive, tables
from alzhir.opendata.archive import export_archive
from alzhir.opendata.restore import ArchiveRefused, import_archive
from alzhir.registry import actions, exports
from alzhir.registry.models import Person, Record, Source
from tests.opendata.conftest import empty_registry, package_files


def _person_rows():
    """exports.person_rows without `name`: it takes the first name in no set order, which
    PostgreSQL may give differently after rows move (names are compared via the files)."""
    return [
        {k: v for k, v in r.items() if k != "name"}
        for r in exports.person_rows(include_private=True)
    ]


def _rows(root, name):
    with (root / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_registry_model_and_field_is_in_the_package(demo, tmp_path):
    export_archive(tmp_path, include_private=True)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    archived = [
        m for label in tables.ARCHIVED_APPS for m in apps.get_app_config(label).get_models()
    ]
    for model in archived:
        resource = resources.pop(tables.resource_name(model))
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert len(fields) == len(model._meta.concrete_fields), model
    assert not resources


def test_every_app_with_tables_is_archived_or_declared_derived():
    undecided = (
        {
            config.label
            for config in apps.get_app_configs()
            if config.name.startswith("alzhir.") and list(config.get_models())
        }
        - set(tables.ARCHIVED_APPS)
        - set(tables.DERIVED_APPS)
    )
    assert not undecided, f"add {undecided} to ARCHIVED_APPS or DERIVED_APPS in tables.py"


def test_the_package_is_valid_for_frictionless(demo, tmp_path):
    export_archive(tmp_path, include_private=True)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])


def test_round_trip_keeps_ids_persons_decisions_and_files(demo, tmp_path):
    person = Person.objects.filter(merged_into=None).order_by("pk").first()
    other = Person.objects.filter(merged_into=None).order_by("-pk").first()
    actions.do_merge_persons(person, [other], "archivist", "one woman, two spellings")
    before_rows = _person_rows()
    export_archive(tmp_path / "first", include_private=True)
    empty_registry()
    import_archive(tmp_path / "first")
    assert _person_rows() == before_rows
    assert Person.objects.get(pk=other.pk).merged_into_id == person.pk
    export_archive(tmp_path / "second", include_private=True)
    assert package_files(tmp_path / "first") == package_files(tmp_path / "second")
    # The restored registry goes on: new ids follow the restored ones, undo still works.
    split = actions.do_split_records([Record.objects.filter(person=person).last()], "archivist")
    assert split.new["person"] > max(int(r["id"]) for r in _rows(tmp_path / "first", "person"))


def _constraints():
    with connection.cursor() as cursor:
        return {
            model: connection.introspection.get_constraints(cursor, model._meta.db_table)
            for model in tables.archived_models()
        }


def test_restore_puts_back_every_index_and_constraint_it_set_aside(demo, tmp_path):
    before = _constraints()
    export_archive(tmp_path, include_private=True)
    empty_registry()
    import_archive(tmp_path)
    assert _constraints() == before


def test_awkward_text_survives(db, tmp_path):
    notes = 'line one\r\nline "two", with commas\nтретья строка\u2028 and a tab\t;'
    actions.do_create_source('awkward, "quoted"', "archivist", notes=notes, title="\ufeffBOM")
    export_archive(tmp_path, include_private=True)
    empty_registry()
    import_archive(tmp_path)
    source = Source.objects.get()
    assert (source.name, source.notes, source.title) == ('awkward, "quoted"', notes, "\ufeffBOM")


def test_public_package_leaves_private_rows_out_and_says_so(demo, tmp_path):
    export_archive(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    private_person_ids = {
        str(p)
        for p in Person.objects.exclude(records__is_private=False).values_list("pk", flat=True)
    }
    assert private_person_ids, "the demo has living people whose details are private"
    assert not private_person_ids & {r["id"] for r in _rows(tmp_path, "person")}
    assert not private_person_ids & {r["person_id"] for r in _rows(tmp_path, "record")}
    left_out = {e["resource"]: e["rows"] for e in descriptor["x-alzhir"]["left_out"]}
    assert left_out["person"] == len(private_person_ids)
    assert descriptor["x-alzhir"]["include_private"] is False
    # Nothing in it points at what was left out.
    assert validate(tmp_path / "datapackage.json").valid


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


DAMAGE = {
    "a person id that is not a number": (
        "name",
        lambda rows: rows[3].__setitem__(1, "x7"),
        "column record_id: 'x7' is not an integer",
    ),
    "a record of a person not in the package": (
        "record",
        lambda rows: rows[2].__setitem__(5, "999999"),
        "person_id 999999 is not in",
    ),
    "a row given twice": ("event", lambda rows: rows.insert(4, rows[3]), "repeats an earlier row"),
    "a row cut short": ("person", lambda rows: rows[5].pop(), "cells, the header has"),
    "a unique column repeated": (
        "place",
        lambda rows: rows[2].__setitem__(1, rows[1][1]),
        "key repeat an earlier row",
    ),
    "a date that cannot be": (
        "event",
        lambda rows: rows[1].__setitem__(4, "1938-13-01"),
        "column date_lower: '1938-13-01' is not a date",
    ),
    "a name changed by hand": (
        "name",
        lambda rows: rows[1].__setitem__(6, "Someone Else"),
        "changed after export",
    ),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_package_is_refused_with_file_line_and_reason(demo, tmp_path, damage):
    resource, change, reason = DAMAGE[damage]
    export_archive(tmp_path, include_private=True)
    path = tmp_path / "data" / f"{resource}.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    empty_registry()
    with pytest.raises(ArchiveRefused) as refused:
        import_archive(tmp_path)
    lines = refused.value.lines()
    assert any(line.startswith(f"data/{resource}.csv") and reason in line for line in lines), lines
    if "changed after export" not in reason:
        assert any(", line " in line for line in lines), lines
    assert not Person.objects.exists() and not Source.objects.exists()


def test_a_broken_descriptor_is_refused(demo, tmp_path):
    export_archive(tmp_path, include_private=True)
    _edit(tmp_path / "datapackage.json", '"type": "boolean"', '"type": "string"')
    empty_registry()
    with pytest.raises(ArchiveRefused, match="nothing written") as refused:
        import_archive(tmp_path)
    assert "schema differs" in refused.value.lines()[0]
    _edit(tmp_path / "datapackage.json", "{", "[")
    with pytest.raises(ArchiveRefused) as refused:
        import_archive(tmp_path)
    assert refused.value.lines()[0].startswith("datapackage.json, line 2: Expecting")


def test_restore_only_into_an_empty_registry(demo, tmp_path):
    export_archive(tmp_path, include_private=True)
    with pytest.raises(ArchiveRefused, match="problem"):
        import_archive(tmp_path)
    assert Source.objects.count() == 1


@pytest.mark.slow
def test_real_list_round_trip_after_decisions(algir_registry, tmp_path):
    before = {
        "persons": _person_rows(),
        "events": list(exports.event_rows(include_private=True)),
    }
    export_archive(tmp_path / "first", include_private=True)
    empty_registry()
    import_archive(tmp_path / "first")
    assert _person_rows() == before["persons"]
    assert list(exports.event_rows(include_private=True)) == before["events"]
    export_archive(tmp_path / "second", include_private=True)
    assert package_files(tmp_path / "first") == package_files(tmp_path / "second")
    assert archive.FORMAT_VERSION == 1


@pytest.mark.sqlite_only
def test_a_restore_into_a_sqlite_file_leaves_it_whole_and_in_wal_mode(demo, tmp_path):
    # The CLI on a database file, as an archivist runs it: the restore writes through SQLite's
    # rollback journal when it has the file to itself, and with a reader holding the file open
    # it stays in WAL; either way every person comes back and the site's WAL mode with them.
    export_archive(tmp_path / "pkg", include_private=True)
    persons = Person.objects.count()
    alzhir = Path(sys.executable).with_name("alzhir")
    for name, reader in (("alone.sqlite3", False), ("shared.sqlite3", True)):
        env = dict(os.environ, ALZHIR_DATABASE_URL=f"sqlite:///{tmp_path / name}")
        subprocess.run([alzhir, "migrate"], env=env, check=True, capture_output=True)
        held = sqlite3.connect(tmp_path / name) if reader else None
        if held:
            held.execute("SELECT count(*) FROM registry_person").fetchone()
        done = subprocess.run(
            [alzhir, "import", "archive", tmp_path / "pkg"], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        with contextlib.closing(held or sqlite3.connect(tmp_path / name)) as check:
            assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert check.execute("SELECT count(*) FROM registry_person").fetchone() == (persons,)
