"""The camp-path extractor on real phrasing from the ALZHIR list («prigovor» column)."""

import csv

import pytest

from alzhir.ingest.sentence_text import extract_events


def only(extraction, event_type):
    events = [event for event in extraction.events if event.type == event_type]
    assert len(events) == 1, extraction.events
    return events[0]


def test_sentence_arrival_from_a_named_prison_and_release():
    text = (
        "к 8 годам ИТЛ. Прибыла в Акмолинское ЛО 02.02.1938 из Баиловской тюрьмы г.Баку. "
        "Освобождена 24.10.1945"
    )
    extraction = extract_events(text)
    assert extraction.fully_parsed
    assert [event.type for event in extraction.events] == ["sentence", "camp_arrival", "release"]
    assert only(extraction, "sentence").term_years == 8
    arrival = only(extraction, "camp_arrival")
    assert (arrival.place_key, arrival.date.edtf) == ("alzhir", "1938-02-02")
    assert (arrival.from_place_key, arrival.from_place_text) == (
        "bailov_prison",
        "Баиловской тюрьмы г.Баку",
    )
    assert arrival.phrase == "Прибыла в Акмолинское ЛО 02.02.1938 из Баиловской тюрьмы г.Баку"
    assert only(extraction, "release").date.edtf == "1945-10-24"


def test_arrival_from_an_unnamed_prison_points_to_the_city_by_its_name_of_today():
    arrival = only(
        extract_events("Прибыла в Акмолинское ЛО 20.08.1938 из тюрьмы г.Ежово-Черкесска."),
        "camp_arrival",
    )
    assert arrival.from_place_key == "cherkessk"


def test_stay_in_alzhir_and_transfer_out_of_karlag():
    extraction = extract_events(
        "В АЛЖИРе находилась до 25.06.1939. Убыла из Карлага 04.10.1939 в Соликамбумстрой"
    )
    assert extraction.fully_parsed
    departure = only(extraction, "camp_departure")
    assert (departure.from_place_key, departure.date.edtf) == ("alzhir", "1939-06-25")
    transfer = only(extraction, "camp_transfer")
    assert (transfer.from_place_key, transfer.to_place_key) == ("karlag", "solikambumstroy")
    assert transfer.date.edtf == "1939-10-04"


def test_a_later_second_stay_gives_arrival_and_departure():
    extraction = extract_events("В АЛЖИРе находилась с 05.04.1951 до 03.06.1953.")
    assert [(e.type, e.date.edtf) for e in extraction.events] == [
        ("camp_arrival", "1951-04-05"),
        ("camp_departure", "1953-06-03"),
    ]


def test_stay_repeating_the_arrival_date_adds_no_second_arrival():
    extraction = extract_events(
        "Прибыла в Акмолинское ЛО 02.02.1938 из тюрьмы г.Баку. "
        "В АЛЖИРе находилась с 02.02.1938 до 25.06.1939."
    )
    assert [e.type for e in extraction.events] == ["camp_arrival", "camp_departure"]


def test_two_stays_in_one_phrase():
    extraction = extract_events(
        "В АЛЖИРе находилась до 15.01.1945 г. и с 20.03.1945 г. по 17.11.1945."
    )
    assert extraction.fully_parsed
    assert [e.date.edtf for e in extraction.events] == ["1945-01-15", "1945-03-20", "1945-11-17"]


@pytest.mark.parametrize(
    ("text", "place_key", "edtf"),
    [
        ("Умерла в Карлаге 5.06.1940.", "karlag", "1940-06-05"),
        ("Умерла в Акмолинском отделении 11.12.1941.", "alzhir", "1941-12-11"),
        ("Умерла 8.08.1942.", None, "1942-08-08"),
    ],
)
def test_death_with_and_without_place(text, place_key, edtf):
    death = only(extract_events(text), "death")
    assert (death.place_key, death.date.edtf) == (place_key, edtf)


@pytest.mark.parametrize(
    ("text", "place_key"),
    [
        ("Освобождена из Карлага 28.01.1943", "karlag"),
        ('Освобождена из "АЛЖИРа" 23.09.1945', "alzhir"),
        ("Освобождена из карлага 23.09.1945", "karlag"),
        ("Освобождена 24.10.1945", None),
    ],
)
def test_release_from_where_it_says(text, place_key):
    release = only(extract_events(text), "release")
    assert release.place_key == place_key and release.date is not None


def test_arrival_by_named_transport():
    arrival = only(extract_events("Прибыла в Карлаг 06.07.1938 Сызранским этапом."), "camp_arrival")
    assert (arrival.place_key, arrival.transport) == ("karlag", "Сызранским этапом")


def test_arrival_without_date_is_read_and_undated():
    extraction = extract_events("к 5 годам ИТЛ. Прибыла в Карлаг.")
    assert extraction.fully_parsed
    assert only(extraction, "camp_arrival").date is None


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("к 10 годам ИТЛ с поражением в правах на 5 лет", 10),
        ("к 1 году и 6 месяцам ИТЛ", 1.5),
        ("ИТЛ, 5 лет", 5),
        ("8 лет ИТЛ", 8),
        ("приговорена к 5 годам ИТЛ.", 5),
    ],
)
def test_sentence_terms(text, years):
    extraction = extract_events(text)
    assert extraction.fully_parsed
    assert only(extraction, "sentence").term_years == years


def test_rights_deprivation_after_a_semicolon_completes_the_sentence():
    extraction = extract_events("ИТЛ, 10 лет; поражение в правах, 5 лет")
    assert extraction.fully_parsed
    assert "поражение в правах" in only(extraction, "sentence").term_text


def test_transfer_via_another_camp_and_order_of_a_department():
    transfer = only(extract_events("Убыла 08.10.1939 в Воркутлаг через Кулойлаг"), "camp_transfer")
    assert (transfer.to_place_key, transfer.note) == ("vorkutlag", "через Кулойлаг")
    departure = only(
        extract_events(
            "Убыла 09.11.1939 в г.Алма-Ату в распоряжение 1-го спецотдела НКВД Казахской ССР"
        ),
        "camp_departure",
    )
    assert departure.to_place_key == "almaty"
    assert departure.note == "в распоряжение 1-го спецотдела НКВД Казахской ССР"


def test_phrase_glued_to_a_year_without_a_space_is_split():
    extraction = extract_events("Прибыла в Карлаг 8.08.1938 г.Освобождена 24.10.1945")
    assert [e.type for e in extraction.events] == ["camp_arrival", "release"]


def test_dates_without_leading_zeros_and_with_underscores():
    extraction = extract_events("Прибыла в Карлаг _2.7.1938_ из Сегежлага. Умерла 5.6.1940.")
    assert [e.date.edtf for e in extraction.events] == ["1938-07-02", "1940-06-05"]


def test_day_without_year_keeps_the_event_and_lists_the_phrase():
    phrase = "Прибыла в Карлаг 10 марта (год не указан) из тюрьмы г.Нальчика"
    extraction = extract_events(f"к 8 годам ИТЛ. {phrase}.")
    assert extraction.unparsed == [phrase]
    arrival = only(extraction, "camp_arrival")
    assert (arrival.date.edtf, arrival.from_place_key) == ("", "nalchik")
    assert arrival.date.original == "10 марта (год не указан)"  # kept as the event's date text


def test_impossible_day_is_read_to_its_month_and_listed():
    phrase = "Прибыла в Акмолинское ЛО 29.02.1938 из тюрьмы г.Ворошиловграда"
    extraction = extract_events(phrase)
    assert extraction.unparsed == [phrase]
    date = only(extraction, "camp_arrival").date
    assert (date.edtf, date.problem) == ("1938-02", "day 29 does not exist in February 1938")


def test_unknown_wording_is_listed_never_dropped():
    extraction = extract_events("к 8 годам ИТЛ. Какой-то пасьянс")
    assert extraction.unparsed == ["Какой-то пасьянс"]
    assert not extraction.fully_parsed


def test_sentence_completed_from_the_other_columns():
    extraction = extract_events(
        "к 8 годам ИТЛ.",
        sentence_date="9 декабря 1937\u00a0г.",
        sentencing_body="ОСО при НКВД СССР",
        charge="как ЧСИР",
    )
    sentence = only(extraction, "sentence")
    assert (sentence.date.edtf, sentence.institution, sentence.charge) == (
        "1937-12-09",
        "ОСО при НКВД СССР",
        "как ЧСИР",
    )


def test_sentence_built_from_columns_when_the_text_has_none():
    sentence = only(extract_events("", sentence_date="10 июня 1938 г."), "sentence")
    assert (sentence.phrase, sentence.date.edtf) == ("", "1938-06-10")


def test_impossible_sentence_date_is_listed():
    extraction = extract_events("к 8 годам ИТЛ.", sentence_date="31 июня 1938 г.")
    assert extraction.unparsed == ["31 июня 1938 г."]


def test_the_whole_real_list(algir_csv):
    with algir_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fully = 0
    for row in rows:
        extraction = extract_events(row["prigovor"])
        fully += extraction.fully_parsed
        for event in extraction.events:
            assert event.phrase in row["prigovor"]
        for fragment in extraction.unparsed:
            assert fragment in row["prigovor"]
    assert fully / len(rows) >= 0.98
