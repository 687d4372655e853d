"""Whatever a clerk wrote in a date column and whatever else the row holds, the file is never
refused for a date, the row is kept exactly as written, every date keeps its text on its event,
and the exports give it all back."""

import csv
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alzhir.dates import read_date
from alzhir.ingest.importer import import_file
from alzhir.ingest.profiles import Profile
from alzhir.registry import exports
from alzhir.registry.models import Record
from tests.ingest.lists import GIVEN, SURNAMES

HEADER = ["record_id", "surname", "given_name", "birth_date", "arrest_date", "release_date",
          "notes"]  # fmt: skip
DATE_EVENTS = {"birth_date": "birth", "arrest_date": "arrest", "release_date": "release"}
GENERIC = Profile("generic", map_by_header=True, delimiter=",", encoding="utf-8")

any_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                   max_size=30)  # fmt: skip
archival = st.sampled_from([
    "1897 (1898)", "1890 (1896, 1898)", "1930 (??)", "00.12.1937", "1937-12-00", "31.06.1938",
    "31.11.1937", "1938-04-", "1938--", "1937-12-3", "12.10.38", "25 аста 1885", "около 1900",
    "1930-е", "дата не установлена", "12.06.1938 г. или 9.08.1938 г.", "  02.02.1938 ",
])  # fmt: skip
numeric = st.builds(
    lambda d, m, y, sep: f"{d}{sep}{m}{sep}{y}",
    st.integers(0, 40),
    st.integers(0, 14),
    st.integers(1, 3000),
    st.sampled_from([".", "-", "/"]),
)
date_text = archival | numeric | any_text
rows = st.lists(
    st.tuples(
        st.sampled_from(SURNAMES), st.sampled_from(GIVEN), date_text, date_text, date_text, any_text
    ),  # fmt: skip
    min_size=1,
    max_size=6,
)
_sources = itertools.count()


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=rows)
def test_random_rows_and_dates_import_whole_and_come_back_as_written(rows, tmp_path):
    source = f"synthetic-random-{next(_sources)}"
    written = [[str(n), *row] for n, row in enumerate(rows, start=1)]
    path = tmp_path / f"{source}.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([HEADER, *written])
    report = import_file(path, source_name=source, profile=GENERIC, progress=False)
    assert (report.imported, report.rejected) == (len(rows), 0)

    persons = [p for p in exports.person_rows(include_private=True) if p["source"] == source]
    assert [p["original"] for p in persons] == [
        dict(zip(HEADER, row, strict=True)) for row in written
    ]
    events = {
        (e["record_id"], e["type"]): e["date_text"]
        for e in exports.event_rows(include_private=True)
        if e["source"] == source
    }
    records = {r.record_id: r for r in Record.objects.filter(source__name=source)}
    for row in written:
        for column, event in DATE_EVENTS.items():
            text = row[HEADER.index(column)].strip()
            if read_date(text) is not None:  # not blank: kept on its event, whatever it says
                assert events[(row[0], event)] == text
                problems = records[row[0]].fields.get("date_problems", [])
                if not read_date(text).edtf:
                    assert {"column": column, "text": text, "reading": ""}.items() <= next(
                        p for p in problems if p["column"] == column
                    ).items()
