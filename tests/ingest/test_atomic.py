"""An import is one transaction with its source: a failed or killed import leaves no trace, not
even an empty source; imports running at once on PostgreSQL neither collide on the places they
both create nor on record ids."""

import contextlib
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from alzhir.ingest.importer import import_file
from alzhir.registry import bulk
from alzhir.registry.models import AuditEntry, ImportBatch, Person, Place, Record, Source
from tests.ingest.installed import ALZHIR, installed_alzhir
from tests.ingest.lists import person, write_list


def trace() -> tuple:
    models = (Source, ImportBatch, Record, Person, AuditEntry)
    return tuple(model.objects.count() for model in models)


@pytest.mark.django_db
def test_an_import_failing_mid_write_leaves_no_source(tmp_path, monkeypatch):
    data = write_list(tmp_path / "synthetic-list.csv", [person(n) for n in range(1, 101)])
    before = trace()
    insert_rows = bulk.insert_rows

    def failing(model, fields, rows):
        if model.__name__ == "Event":
            raise RuntimeError("the disk is full")
        insert_rows(model, fields, rows)

    monkeypatch.setattr(bulk, "insert_rows", failing)
    with pytest.raises(RuntimeError):
        import_file(data, progress=False)
    assert trace() == before


def _writing(db_file) -> bool:
    """Another process holds the registry's write transaction (the import is writing)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'registry_record' AND l.mode = 'ShareRowExclusiveLock' "
                "AND l.granted AND l.pid <> pg_backend_pid() AND l.database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database())"
            )
            return cursor.fetchone()[0] > 0
    probe = sqlite3.connect(db_file, timeout=0)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def _counts(tmp_path) -> tuple:
    if connection.vendor == "postgresql":
        return (Source.objects.count(), Record.objects.count(), Person.objects.count())
    with sqlite3.connect(tmp_path / "registry.sqlite3") as db:
        tables = ("registry_source", "registry_record", "registry_person")
        return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


@pytest.mark.django_db(transaction=True)
def test_a_killed_import_leaves_no_trace(tmp_path):
    alzhir = installed_alzhir(tmp_path)
    data = write_list(tmp_path / "synthetic-big.csv", [person(n) for n in range(1, 40_001)])
    running = subprocess.Popen([ALZHIR, "import", data], env=alzhir.env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not _writing(tmp_path / "registry.sqlite3"):
        assert running.poll() is None, "the import ended before it was seen writing"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)  # well into its rows
    assert running.poll() is None, "the import finished before it could be killed"
    running.send_signal(signal.SIGKILL)
    running.wait()
    # Its worker process (a list this long is read in one) goes with it: left running, it
    # would hold the PostgreSQL session, its transaction and its locks.
    deadline = time.monotonic() + 15
    while _importing(data) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _importing(data) == []
    assert _counts(tmp_path) == (0, 0, 0)


def _importing(data) -> list[int]:
    """The processes still running `alzhir import` of this file."""
    found = []
    for process in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if process.name.isdigit() and str(data).encode() in (process / "cmdline").read_bytes():
                found.append(int(process.name))
    return found


@pytest.mark.django_db(transaction=True)
def test_imports_at_once_share_new_places_and_sources_on_postgresql(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    alzhir = installed_alzhir(tmp_path)
    # Two lists naming the same two places, which no registry holds yet, and two overlapping
    # parts of a third list imported into one new source at the same moment.
    both_places = [person(n, "Баку" if n % 2 else "Харьков") for n in range(1, 3001)]
    lists = [
        (write_list(tmp_path / "synthetic-a.csv", both_places), "synthetic-a"),
        (write_list(tmp_path / "synthetic-b.csv", both_places[::-1]), "synthetic-b"),
        (write_list(tmp_path / "synthetic-c1.csv", both_places[:2000]), "synthetic-c"),
        (write_list(tmp_path / "synthetic-c2.csv", both_places[1000:]), "synthetic-c"),
    ]
    runs = [
        subprocess.Popen([ALZHIR, "import", path, "--source", source], env=alzhir.env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for path, source in lists
    ]  # fmt: skip
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    assert [(code, err) for code, _, err in results] == [(0, "")] * len(runs)
    places = Place.objects.filter(key__in=["baku", "kharkiv"]).values_list("key", flat=True)
    assert sorted(places) == ["baku", "kharkiv"]
    for source in ("synthetic-a", "synthetic-b", "synthetic-c"):
        assert Record.objects.filter(source__name=source).count() == 3000
    assert Record.objects.count() == Person.objects.count() == 9000
    assert "1000 already in synthetic-c as written, skipped" in " ".join(r[1] for r in results)
