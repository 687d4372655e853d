"""The statistics on hand-made records whose answers are known exactly."""

import pytest

from alzhir.registry.actions import do_merge_persons
from alzhir.stats.aggregates import _term
from alzhir.stats.report import build_report
from alzhir.stats.snapshot import Scope

pytestmark = pytest.mark.django_db


def arrival(camp, on, origin=None, **more):
    return {"type": "camp_arrival", "on": on, "place": camp.alzhir, "origin": origin, **more}


def counts(report, table, column):
    return {row.key: row.cell(column).count for row in report.tables[table].rows}


def test_a_woman_listed_twice_counts_once_once_her_records_are_merged(camp):
    first = camp.woman("Арватова-Тухачевская Елизавета Николаевна", born=1895,
                       events=[arrival(camp, "1938-02-02", camp.butyrka)])  # fmt: skip
    second = camp.woman("Арватова-Тухачевская Елизавета Николаевна", born=1895,
                        events=[arrival(camp, "1938-02-02", camp.butyrka)])  # fmt: skip
    camp.woman("Абдуллаева Мирнирия Ибрагимовна", born=1909,
               events=[arrival(camp, "1938-02-20")])  # fmt: skip

    before = build_report()
    assert counts(before, "arrivals", "alzhir")["1938-02"] == 3
    assert before.persons == 3 and "counted twice" in before.duplicates_note

    do_merge_persons(first.person, [second.person], "archivist", "same birth date and place")
    after = build_report()
    cell = after.tables["arrivals"].cell("1938-02", "alzhir")
    assert cell.count == 2
    assert {m.record_id for m in cell.members} >= {first.pk, second.pk}
    assert after.persons == 2 and after.records == 3
    assert counts(after, "origins", "alzhir")[f"place:{camp.butyrka.pk}"] == 1
    assert counts(after, "origin-cities", "alzhir")[f"place:{camp.moscow.pk}"] == 1


def test_private_and_synthetic_records_stay_out_of_the_real_figures(camp):
    camp.woman("Иванова Анна", events=[arrival(camp, "1938-03-01")])
    camp.woman("Скрытая Мария", private=True, events=[arrival(camp, "1938-03-02")])
    camp.woman("Synthetic Person", source="synthetic-bench", synthetic=True,
               events=[arrival(camp, "1938-03-03")])  # fmt: skip

    real = build_report()
    assert counts(real, "arrivals", "alzhir") == {"1938-03": 1}
    synthetic = build_report(Scope(synthetic=True))
    assert counts(synthetic, "arrivals", "alzhir") == {"1938-03": 1}
    assert synthetic.tables["arrivals"].cell("1938-03", "alzhir").members != (
        real.tables["arrivals"].cell("1938-03", "alzhir").members
    )


def test_arrivals_in_karlag_are_kept_apart_from_alzhir(camp):
    camp.woman("Петрова Ольга", events=[
        {"type": "camp_arrival", "on": "1941-08-20", "place": camp.karlag},
        {"type": "camp_transfer", "on": "1942-10-03", "place": camp.alzhir},
    ])  # fmt: skip
    report = build_report()
    assert counts(report, "arrivals", "elsewhere") == {"1941-08": 1, "1942-10": 0}
    assert counts(report, "arrivals", "alzhir") == {"1941-08": 0, "1942-10": 1}


def test_time_in_alzhir_runs_to_the_first_departure_after_arrival(camp):
    camp.woman("Абитова Нашхо", born=1896, events=[
        arrival(camp, "1938-02-02"),
        {"type": "camp_departure", "on": "1939-06-25", "origin": camp.alzhir},
        {"type": "release", "on": "1945-10-24"},
    ])  # fmt: skip
    camp.woman("Аболина Анна", born=1902, events=[arrival(camp, "1938-11-04")])
    table = build_report().tables["time-in-alzhir"]
    assert {r.key: r.cell("persons").count for r in table.rows} == {"1-2": 1, "no-end": 1}
    assert any("Median stay: 1.4" in str(n) for n in table.notes)


def test_age_at_arrival_from_a_birth_year(camp):
    camp.woman("Абланова Минесафа", born=1910, events=[arrival(camp, "1938-07-24")])
    camp.woman("Без даты", events=[arrival(camp, "1938-07-24")])
    camp.woman("Ошибка Вера", born=1950, events=[arrival(camp, "1938-07-24")])
    ages = counts(build_report(), "age-at-arrival", "persons")
    assert ages == {"25-29": 1, "unknown": 1, "implausible": 1}


def test_releases_and_deaths_by_year_say_whether_the_source_places_them_in_alzhir(camp):
    camp.woman("Первая", events=[{"type": "death", "on": "1940-06-05", "place": camp.karlag}])
    camp.woman("Вторая", events=[{"type": "death", "on": "1942-01-05", "place": camp.alzhir}])
    camp.woman("Третья", events=[{"type": "death", "place_text": "в лагере"}])
    camp.woman("Четвёртая", events=[
        {"type": "release", "on": "1943-07-05", "place_text": "из \"АЛЖИРа\""},
    ])  # fmt: skip
    report = build_report()
    assert counts(report, "deaths", "alzhir") == {"1940": 0, "1942": 1, "unknown": 0}
    assert counts(report, "deaths", "elsewhere") == {"1940": 1, "1942": 0, "unknown": 1}
    assert counts(report, "releases", "alzhir") == {"1943": 1}


def test_nationality_is_counted_as_written(camp):
    for text in ["русская", "Русская", "русский", ""]:
        camp.woman("Иванова", fields={"nationality": text} if text else {})
    rows = {r.key: (r.label, r.cell("persons").count) for r in build_report().tables[
        "nationality"].rows}  # fmt: skip
    assert rows == {"русская": ("русская", 2), "русский": ("русский", 1),
                    "unknown": ("not recorded", 1)}  # fmt: skip


@pytest.mark.parametrize(
    "text, key, label",
    [
        ("к 8 годам ИТЛ", "8y", "8 years"),
        ("ИТЛ, 5 лет", "5y", "5 years"),
        ("к 1 году и 6 месяцам ИТЛ", "1y6m", "1 year 6 months"),
        ("5 л. л/св", "5y", "5 years"),
        ("ИТК-3", "text:ИТК-3", "ИТК-3"),
        ("", "unknown", "term not recorded"),
    ],
)
def test_sentence_terms(text, key, label):
    row_key, row_label, _order = _term(text)
    assert row_key == key
    assert (row_label() if callable(row_label) else str(row_label)) == label


def test_terms_are_ordered_by_length(camp):
    for term in ["к 8 годам ИТЛ", "к 10 годам ИТЛ", "к 5 годам ИТЛ", "к 8 годам ИТЛ"]:
        camp.woman("Иванова", events=[{"type": "sentence", "term": term}])
    table = build_report().tables["terms"]
    assert [(r.key, r.cell("persons").count) for r in table.rows] == [
        ("5y", 1), ("8y", 2), ("10y", 1)
    ]  # fmt: skip


def test_every_cell_of_every_table_sums_to_no_less_than_its_distinct_total(camp):
    camp.woman("Двойная", born=1900, events=[
        arrival(camp, "1938-02-02"), arrival(camp, "1939-05-01"),
        {"type": "sentence", "term": "к 8 годам ИТЛ"},
    ])  # fmt: skip
    report = build_report()
    arrivals = report.tables["arrivals"]
    assert arrivals.total("alzhir") == 1
    assert sum(r.cell("alzhir").count for r in arrivals.rows) == 2
    for table in report.tables.values():
        for column, _label in table.columns:
            assert sum(r.cell(column).count for r in table.rows) >= table.total(column)
