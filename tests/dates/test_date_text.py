"""Date text as the real lists and users write it."""

import datetime

import pytest

from alzhir.dates import DateParseError, parse_date, salvage_date

D = datetime.date


@pytest.mark.parametrize(
    ("text", "edtf", "precision"),
    [
        ("9 декабря 1937\u00a0г.", "1937-12-09", "day"),
        ("9 декабря 1937 г.", "1937-12-09", "day"),
        ("02.02.1938", "1938-02-02", "day"),
        ("2.2.1938", "1938-02-02", "day"),
        ("_12.10.1938_", "1938-10-12", "day"),
        ("5.06.1940", "1940-06-05", "day"),
        ("5.06.1940.", "1940-06-05", "day"),
        ("9.XII.1937", "1937-12-09", "day"),
        ("1937-12-09", "1937-12-09", "day"),
        ("9 December 1937", "1937-12-09", "day"),
        ("December 9, 1937", "1937-12-09", "day"),
        ("9 дек. 1937", "1937-12-09", "day"),
        ("1902", "1902", "year"),
        ("1902?", "1902?", "year"),
        ("1902 г.", "1902", "year"),
        ("1902 г.р.", "1902", "year"),
        ("в 1902 году", "1902", "year"),
        ("около 1900", "1900~", "year"),
        ("ок. 1900", "1900~", "year"),
        ("c. 1900", "1900~", "year"),
        ("circa 1900", "1900~", "year"),
        ("около 1900?", "1900%", "year"),
        ("1930-е", "193X", "decade"),
        ("в 1930-х годах", "193X", "decade"),
        ("1930s", "193X", "decade"),
        ("1938-1940", "1938/1940", "year"),
        ("1938–1940 гг.", "1938/1940", "year"),
        ("с 1938 по 1940", "1938/1940", "year"),
        ("1930-е - 1940-е", "1930/1949", "year"),
        ("декабрь 1937 - январь 1938", "1937-12/1938-01", "month"),
        ("декабрь 1937", "1937-12", "month"),
        ("декабрь 1937\u00a0г.", "1937-12", "month"),
        ("в декабре 1937 г.", "1937-12", "month"),
        ("дек. 1937", "1937-12", "month"),
        ("май 1938", "1938-05", "month"),
        ("мая 1938", "1938-05", "month"),
        ("март 1938", "1938-03", "month"),
        ("Dec 1937", "1937-12", "month"),
        ("1937-12", "1937-12", "month"),
        ("12.1937", "1937-12", "month"),
    ],
)
def test_reads_date_text(text, edtf, precision):
    parsed = parse_date(text)
    assert (parsed.edtf, parsed.precision, parsed.calendar) == (edtf, precision, "gregorian")
    assert parsed.original == text


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("1902", D(1902, 1, 1), D(1902, 12, 31)),
        ("1902?", D(1901, 1, 1), D(1903, 12, 31)),
        ("около 1900", D(1899, 1, 1), D(1901, 12, 31)),
        ("1930-е", D(1930, 1, 1), D(1939, 12, 31)),
        ("февраль 1940", D(1940, 2, 1), D(1940, 2, 29)),
        ("1938-1940", D(1938, 1, 1), D(1940, 12, 31)),
        ("02.02.1938", D(1938, 2, 2), D(1938, 2, 2)),
    ],
)
def test_bounds_span_every_day_the_text_can_mean(text, lower, upper):
    parsed = parse_date(text)
    assert (parsed.lower, parsed.upper) == (lower, upper)


@pytest.mark.parametrize("text", ["", "   ", "-", "—", None])
def test_blank_text_is_no_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("13.13.1938", "month 13 does not exist"),
        ("31.11.1937", "day 31 does not exist in November 1937"),
        ("31 июня 1938 г.", "day 31 does not exist in June 1938"),
        ("29.02.1900", "day 29 does not exist in February 1900"),
        ("25 аста 1885", "unknown month «аста»"),
        ("12.10.38", "two-digit year «38» could be any century"),
        ("1940-1938", "ends before it starts"),
        ("в прошлом году", "unreadable date text «в прошлом году»"),
    ],
)
def test_bad_text_raises_with_the_reason(text, reason):
    with pytest.raises(DateParseError, match=reason):
        parse_date(text, field="birth_date")


def test_error_names_the_field():
    with pytest.raises(DateParseError) as caught:
        parse_date("32.01.1938", field="birth_date")
    assert str(caught.value).startswith("birth_date: day 32 does not exist")
    assert caught.value.field == "birth_date"
    assert caught.value.text == "32.01.1938"


def test_old_style_day_is_converted_and_marked_julian():
    parsed = parse_date("31 января 1918 (ст. ст.)")
    assert (parsed.edtf, parsed.calendar) == ("1918-02-13", "julian")


def test_old_style_leap_day_that_gregorian_lacks():
    assert parse_date("29 февраля 1900 ст. ст.").edtf == "1900-03-13"


def test_old_style_year_spans_both_readings():
    parsed = parse_date("1900 ст. ст.")
    assert (parsed.edtf, parsed.lower, parsed.upper) == ("1900", D(1900, 1, 1), D(1901, 1, 13))


def test_unmarked_pre_revolution_date_stays_gregorian():
    assert parse_date("12 января 1905").calendar == "gregorian"


def test_salvage_keeps_the_month_of_an_impossible_day():
    parsed = salvage_date("31.11.1937")
    expected = ("1937-11?", D(1937, 10, 1), D(1937, 12, 31))
    assert (parsed.edtf, parsed.lower, parsed.upper) == expected
    assert "day 31 does not exist" in parsed.note
    assert parsed.original == "31.11.1937"


def test_salvage_keeps_the_year_of_an_unknown_month():
    assert salvage_date("25 аста 1885").edtf == "1885"


def test_salvage_still_refuses_text_without_a_year():
    with pytest.raises(DateParseError):
        salvage_date("не помню")


def test_every_date_in_the_real_list_is_read_or_salvaged(algir_csv):
    import csv

    with algir_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    refused = []
    for row in rows:
        for field in ("bdate", "osujd_date"):
            try:
                parse_date(row[field], field=field)
            except DateParseError:
                refused.append(row[field])
                assert salvage_date(row[field]).note
    # The damaged dates of the list: 31 June, 31 November and a mangled «августа».
    assert 0 < len(refused) <= 10
