"""The /stats page, its drill-downs and CSV downloads."""

import csv
import io
import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def arrivals(camp):
    for i in range(30):
        camp.woman(f"Женщина {i}", born=1900 + i % 10, fields={"nationality": "русская"}, events=[
            {"type": "camp_arrival", "on": f"1938-{i % 12 + 1:02d}-02", "place": camp.alzhir,
             "origin": camp.butyrka, "text": f"Прибыла в Акмолинское ЛО {i}"},
            {"type": "sentence", "term": "к 8 годам ИТЛ"},
            {"type": "release", "on": "1945-10-24"},
        ])  # fmt: skip
    return camp


def test_stats_page_costs_a_fixed_number_of_queries(client, arrivals,
                                                    django_assert_max_num_queries):  # fmt: skip
    with django_assert_max_num_queries(8):
        response = client.get("/en/stats")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= 8
    assert "Arrivals by month" in html and "Бутырская тюрьма" in html
    assert 'href="/en/stats/arrivals.csv"' in html
    # nothing loaded from elsewhere: no address off the site, no src or href to another host
    # (a bare «cdn» was looked for once, and the page's random CSRF token held it)
    assert "https://" not in html and not re.search(r'(?:src|href)="(?:https?:)?//', html)


def test_a_number_links_to_exactly_its_records(client, arrivals, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/en/stats/arrivals/records", {"row": "1938-02", "col": "alzhir"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Женщина 1<" in html and "Женщина 13<" in html and "Женщина 2<" not in html
    assert "Прибыла в Акмолинское ЛО 13" in html


def test_table_csv_matches_the_page_and_ends_with_distinct_totals(client, arrivals):
    response = client.get("/en/stats/arrivals.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:2] == ["key", "month"]
    by_key = {r[0]: r for r in rows[1:-1]}
    assert by_key["1938-02"][2] == "3"
    assert rows[-1][1] == "total (distinct persons)" and rows[-1][2] == "30"


def test_cell_csv_lists_every_record_behind_the_number(client, arrivals):
    response = client.get("/en/stats/nationality/records.csv", {"row": "русская", "col": "persons"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["person_id", "name", "source", "record_id"]
    assert len(rows) == 31 and len({r[3] for r in rows[1:]}) == 30


def test_large_cells_are_paged(client, arrivals):
    html = client.get("/en/stats/overview/records", {"row": "persons", "col": "persons"})
    assert html.status_code == 200
    assert html.content.decode().count('<li><a href="/en/persons/') == 30


@pytest.mark.parametrize(
    "url, params",
    [("/en/stats/nothing/records", {"row": "x", "col": "persons"}),
     ("/en/stats/arrivals/records", {"row": "1801-01", "col": "alzhir"}),
     ("/en/stats/arrivals/records", {"row": "1938-02", "col": "nope"}),
     ("/en/stats/nothing.csv", {})],
)  # fmt: skip
def test_unknown_figures_are_not_found(client, arrivals, url, params):
    assert client.get(url, params).status_code == 404
