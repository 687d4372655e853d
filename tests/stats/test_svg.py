"""Server-side charts: self-contained SVG whose bars link to their records."""

import xml.etree.ElementTree as ET

from alzhir.stats.svg import Bar, bar_chart, chart_for, column_chart
from alzhir.stats.table import Member, Table, Tally

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_are_links_and_labels_are_escaped():
    svg = bar_chart([Bar("Бутырская <тюрьма> & «Таганка»", 3, "/stats/o/records?row=1&col=a")],
                    "Origins")  # fmt: skip
    root = ET.fromstring(svg)
    links = root.findall(f".//{SVG}a")
    assert [a.get("href") for a in links] == ["/stats/o/records?row=1&col=a"]
    assert "Бутырская <тюрьма> & «Таганка»" in "".join(root.itertext())
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_empty_bars_are_not_links():
    root = ET.fromstring(column_chart([Bar("1938-01", 0, "/x"), Bar("1938-02", 5, "/y")], "t"))
    assert [a.get("href") for a in root.findall(f".//{SVG}a")] == ["/y"]


def test_a_time_chart_shows_months_without_arrivals_as_empty_columns():
    tally = Tally()
    tally.add("1938-01", "1938-01", "alzhir", Member(1, 1, 1))
    tally.add("1938-04", "1938-04", "alzhir", Member(2, 2, 2))
    tally.add("unknown", "date not known", "alzhir", Member(3, 3, 3))
    table = Table("arrivals", "Arrivals", "", "month", [("alzhir", "ALZHIR")],
                  list(tally.rows.values()), chart="columns")  # fmt: skip
    root = ET.fromstring(chart_for(table, "alzhir", lambda r, c: f"/{r}/{c}"))
    titles = [t.text for t in root.iter(f"{SVG}title")][1:]
    assert titles == ["1938-01: 1", "1938-02: 0", "1938-03: 0", "1938-04: 1"]
