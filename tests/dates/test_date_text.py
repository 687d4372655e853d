"""Date text as the real lists and users write it."""

import datetime

import pytest

from alzhir.dates import DateParseError, parse_date, read_date

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


# The forms clerks write on purpose: every one read whole, by the strict reader too.
@pytest.mark.parametrize(
    ("text", "edtf", "lower", "upper", "note"),
    [
        ("1897 (1898)", "[1897,1898]", D(1897, 1, 1), D(1898, 12, 31), "one of 1897, 1898"),
        ("1890 (1896, 1898)", "[1890,1896,1898]", D(1890, 1, 1), D(1898, 12, 31), "disagree"),
        ("12.03.1897 (1898)", "[1897-03-12,1898]", D(1897, 3, 12), D(1898, 12, 31), "one of"),
        ("1897 (1897)", "1897", D(1897, 1, 1), D(1897, 12, 31), "repeats"),
        (
            "12.06.1938 г. или 9.08.1938 г.",
            "[1938-06-12,1938-08-09]",
            D(1938, 6, 12),
            D(1938, 8, 9),
            "one of 12.06.1938 г., 9.08.1938 г.",
        ),
        ("1930 (??)", "1930?", D(1929, 1, 1), D(1931, 12, 31), ""),
        ("1930 (?)", "1930?", D(1929, 1, 1), D(1931, 12, 31), ""),
        ("00.12.1937", "1937-12", D(1937, 12, 1), D(1937, 12, 31), "day written as «00»"),
        ("1937-12-00", "1937-12", D(1937, 12, 1), D(1937, 12, 31), "day written as «00»"),
        ("00.00.1937", "1937", D(1937, 1, 1), D(1937, 12, 31), "month written as «00»"),
        ("00.1937", "1937", D(1937, 1, 1), D(1937, 12, 31), "month written as «00»"),
        ("1938-04-", "1938-04", D(1938, 4, 1), D(1938, 4, 30), "day left blank"),
        ("1938--", "1938", D(1938, 1, 1), D(1938, 12, 31), "month left blank"),
        ("1937-12-3", "1937-12-03", D(1937, 12, 3), D(1937, 12, 3), ""),
        ("1937-2-3", "1937-02-03", D(1937, 2, 3), D(1937, 2, 3), ""),
    ],
)
def test_archival_forms_are_read_whole(text, edtf, lower, upper, note):
    for parsed in (parse_date(text), read_date(text)):
        assert (parsed.edtf, parsed.lower, parsed.upper) == (edtf, lower, upper)
        assert note in parsed.note and (note or not parsed.note)
        assert parsed.original == text and not parsed.problem


# Damaged text: read as far as it goes, and what was left out said in `problem`.
@pytest.mark.parametrize(
    ("text", "edtf", "problem"),
    [
        ("31.06.1938", "1938-06", "day 31 does not exist in June 1938"),
        ("31.11.1937", "1937-11", "day 31 does not exist in November 1937"),
        ("31 июня 1938 г.", "1938-06", "day 31 does not exist in June 1938"),
        ("29.02.1900", "1900-02", "day 29 does not exist in February 1900"),
        ("13.13.1938", "1938", "month 13 does not exist"),
        ("12.00.1937", "1937", "day 12 is given without a month"),
        ("25 аста 1885", "1885", "unknown month «аста»"),
        ("1937 (по другим данным 1938)", "1937", "«(по другим данным 1938)» not read"),
        ("31.06.1938 (1939)", "[1938-06,1939]", "day 31 does not exist in June 1938"),
        ("род. 1902, уточнить", "1902", "unreadable date text"),
        ("12.10.38", "", "two-digit year «38» could be any century"),
        ("1940-1938", "", "the range ends before it starts"),
        ("в прошлом году", "", "unreadable date text «в прошлом году»"),
    ],
)
def test_damaged_text_is_read_as_far_as_it_goes(text, edtf, problem):
    parsed = read_date(text)
    assert parsed.edtf == edtf and problem in parsed.problem and parsed.original == text
    assert (parsed.lower is None) == (edtf == "")
    with pytest.raises(DateParseError):
        parse_date(text)


def test_a_set_too_long_for_one_edtf_keeps_its_first_date():
    text = "01.01.1897 (02.02.1898, 03.03.1899, 04.04.1900, 05.05.1901)"
    parsed = read_date(text)
    assert parsed.edtf == "1897-01-01" and "not read" in parsed.problem


def test_every_date_in_the_real_list_is_read(algir_csv):
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
                assert read_date(row[field]).problem
    # The damaged dates of the list: 31 June, 31 November and a mangled «августа».
    assert 0 < len(refused) <= 10
