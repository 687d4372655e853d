"""A large file's records are made in a worker process while the importing process writes them
(alzhir/ingest/worker.py). The registry and its search index must come out as the importing
process alone would write them, and a worker that fails or dies must leave nothing behind."""

import json
import os

import pytest
from django.db import connection

from alzhir.ingest import importer
from alzhir.ingest.importer import import_file
from alzhir.ingest.worker import WorkerFailed, can_fork
from alzhir.registry.models import Record
from tests.ingest import archival_list
from tests.ingest.installed import installed_alzhir
from tests.ingest.lists import person, write_list
from tests.ingest.test_atomic import trace

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")


@pytest.fixture(params=["archival list", "real list"])
def a_list(request, tmp_path):
    """(file, profile) of the memory book holding every date form, or of the real ALZHIR list."""
    if request.param == "real list":
        return request.getfixturevalue("algir_csv"), "memorial"
    data, profile = archival_list.write(tmp_path)
    return data, str(profile)


def registry_of(source: str) -> dict:
    """Everything an import wrote of a source, by record id: the record, its person's face, its
    names, events with their places, and the search index's terms and document."""
    found = {}
    records = Record.objects.filter(source__name=source).select_related("person")
    for r in records.prefetch_related("names", "events__place", "events__origin"):
        p = r.person
        found[r.record_id] = (
            (r.row_number, r.original, r.fields, r.sex, r.birth_edtf, r.birth_lower,
             r.birth_upper, r.is_private, r.role),
            (p.sort_name, p.display_name, p.birth_year, p.sex, p.role, p.has_public_records),
            sorted((n.type, n.surname, n.given_name, n.patronymic, n.full_text, n.lang)
                   for n in r.names.all()),
            sorted((e.type, e.date_edtf, str(e.date_lower), e.date_text, e.place_text,
                    e.place and e.place.key, e.origin and e.origin.key, e.institution, e.text)
                   for e in r.events.all()),
            _index_of(p.pk),
        )  # fmt: skip
    return found


def _index_of(person_id: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute("SELECT term FROM search_namekey WHERE person_id = %s", [person_id])
        terms = sorted(term for (term,) in cursor.fetchall())
        cursor.execute("SELECT body FROM search_textdocument WHERE person_id = %s", [person_id])
        return terms, sorted(body for (body,) in cursor.fetchall())


@pytest.mark.django_db
def test_the_worker_writes_what_the_importing_process_writes(a_list, monkeypatch):
    data, profile = a_list
    monkeypatch.setattr(importer, "WORKER_ROWS", 10**9)
    alone = import_file(data, source_name="synthetic-alone", profile=profile, progress=False)
    monkeypatch.setattr(importer, "WORKER_ROWS", 1)
    in_worker = import_file(data, source_name="synthetic-worker", profile=profile, progress=False)
    counts = ("imported", "rejected", "dates_unread", "dates_implausible", "sex_unread")
    assert [getattr(in_worker, c) for c in counts] == [getattr(alone, c) for c in counts]
    assert alone.imported > 0 and alone.dates_unread > 0
    written = registry_of("synthetic-worker")
    assert written == registry_of("synthetic-alone")
    # both imports wrote index rows (a person without terms would compare equal to another)
    assert all(terms for *_, (terms, _) in written.values())


@pytest.fixture
def memory_book_in_worker(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "WORKER_ROWS", 1)
    data, profile = archival_list.write(tmp_path)
    return data, str(profile)


def _raise_at_row_20():
    raise ValueError("a value no reader expected")


def _die_at_row_20():
    os._exit(9)  # as the kernel's OOM killer would end it: no word to the parent


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fault", "reported"),
    [(_raise_at_row_20, "a value no reader expected"), (_die_at_row_20, "died")],
)
def test_a_worker_that_fails_or_dies_mid_file_leaves_nothing(
    memory_book_in_worker, monkeypatch, fault, reported
):
    data, profile = memory_book_in_worker
    build_record = importer.build_record

    def faulty(values, original, number, *args):
        if number == 20:  # the child inherits this when it forks
            fault()
        return build_record(values, original, number, *args)

    monkeypatch.setattr(importer, "build_record", faulty)
    before = trace()
    with pytest.raises(WorkerFailed, match=reported):
        import_file(data, source_name="synthetic-faulty", profile=profile, progress=False)
    assert trace() == before


@pytest.mark.django_db(transaction=True)
def test_alzhir_import_of_a_large_list_writes_and_indexes_its_last_row(tmp_path):
    """The installed command on a list large enough for the worker (importer.WORKER_ROWS)."""
    rows = [person(n) for n in range(1, importer.WORKER_ROWS + 1)]
    rows[-1][1:3] = ["Плисецкая", "Рахиль"]
    data = write_list(tmp_path / "synthetic-large-list.csv", rows)
    alzhir = installed_alzhir(tmp_path)
    done = alzhir("import", data)
    assert done.returncode == 0, done.stderr
    assert f"imported {len(rows)} of {len(rows)} rows" in done.stdout
    found = alzhir("search", "Plissetskaïa Rakhil", "--json", "--limit", "1")
    assert found.returncode == 0, found.stderr
    [best] = json.loads(found.stdout)["results"]
    assert best["name"] == "Плисецкая Рахиль Ивановна"
    assert best["records"] == [{"source": "synthetic-large-list", "record_id": rows[-1][0]}]
