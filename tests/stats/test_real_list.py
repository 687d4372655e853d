"""The statistics of the real ALZHIR list (../shared/data/alzhir/algir.csv), checked against
what its own text says. Each test imports the list (about 20 s)."""

import csv
import io
import json
import re
from argparse import Namespace

import pytest

from alzhir.ingest.importer import import_file
from alzhir.registry.models import Record
from alzhir.stats.cli import run_events, run_stats
from alzhir.stats.report import build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def algir(algir_csv, tmp_path):
    import_file(algir_csv, source_name="algir", profile="memorial", skip_invalid=True,
                rejects_path=tmp_path / "rejects.csv")  # fmt: skip
    with open(algir_csv, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _arrived_in_alzhir(rows, month: str) -> int:
    phrase = re.compile(rf"Прибыла в Акмолинское ЛО \d{{1,2}}\.{month}")
    return sum(bool(phrase.search(r["prigovor"])) for r in rows)


def test_figures_agree_with_the_list_text_and_every_number_drills_down(
    client, algir, django_assert_max_num_queries
):
    imported = Record.objects.filter(source__name="algir").count()
    with django_assert_max_num_queries(8):
        page = client.get("/en/stats")
    assert page.status_code == 200

    report = build_report()
    arrivals = report.tables["arrivals"]
    for month in ("01", "02", "08"):
        said = _arrived_in_alzhir(algir, f"{month}.1938")
        # Stays that begin in ALZHIR after a Karlag arrival («В АЛЖИРе находилась с …») add a few.
        assert said <= arrivals.cell(f"1938-{month}", "alzhir").count <= said * 1.05
    assert report.persons == report.records == imported

    died = sum(bool(re.search(r"умерла|погибла|расстрел", r["prigovor"], re.I)) for r in algir)
    deaths = report.tables["deaths"]
    dead = {p for row in deaths.rows for c in row.cells.values() for p in c.person_ids}
    assert died * 0.95 <= len(dead) <= died

    # The first row: «Прибыла в Акмолинское ЛО 02.02.1938 из Баиловской тюрьмы г.Баку».
    first = Record.objects.get(source__name="algir", record_id="1")
    cell = arrivals.cell("1938-02", "alzhir")
    assert first.pk in {m.record_id for m in cell.members}
    origins = report.tables["origin-cities"]
    baku = next(r for r in origins.rows if r.label.startswith("Баку"))
    assert first.pk in {m.record_id for m in baku.cell("alzhir").members}

    with django_assert_max_num_queries(10):
        drill = client.get("/en/stats/arrivals/records", {"row": "1938-02", "col": "alzhir"})
    assert "Баиловской тюрьмы" in drill.content.decode()


def test_cli_reports_and_lists_every_unread_sentence(algir):
    out = io.StringIO()
    run_stats(Namespace(json=True, source=["algir"], synthetic=False), out)
    result = json.loads(out.getvalue())
    assert set(result["tables"]) >= {"arrivals", "deaths", "origins", "terms", "nationality"}
    terms = {r["key"]: r["persons"] for r in result["tables"]["terms"]["rows"]}
    said_8 = sum(bool(re.search(r"к 8 годам", r["prigovor"])) for r in algir)
    assert said_8 * 0.98 <= terms["8y"] <= said_8 * 1.02

    unread = Record.objects.filter(fields__has_key="sentence_unparsed")
    out = io.StringIO()
    run_events(Namespace(events_command="unparsed", json=True, source=["algir"]), out)
    listed = json.loads(out.getvalue())
    assert listed["records"] == unread.count()
    ids = {i["record_id"] for p in listed["patterns"] for i in p["items"]}
    assert ids == set(unread.values_list("record_id", flat=True))
