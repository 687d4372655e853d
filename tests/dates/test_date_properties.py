"""Properties of date parsing, checked against the `edtf` package as the reference."""

import datetime

from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from alzhir.dates import DateParseError, parse_date, read_date
from alzhir.dates.months import ENGLISH_MONTHS, RUSSIAN_GENITIVE, RUSSIAN_NOMINATIVE
from alzhir.dates.points import DatePoint

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

real_days = st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2030, 12, 31))


def day_spellings(day: datetime.date) -> list[str]:
    d, m, y = day.day, day.month, day.year
    return [
        f"{d:02d}.{m:02d}.{y}",
        f"{d}.{m}.{y}",
        f"{d}.{m:02d}.{y}",
        f"_{d:02d}.{m:02d}.{y}_",
        f"{d} {RUSSIAN_GENITIVE[m - 1]} {y} г.",
        f"{d} {RUSSIAN_GENITIVE[m - 1]} {y}\u00a0г.",
        f"{d} {RUSSIAN_GENITIVE[m - 1][:3]}. {y}",
        f"{d}.{ROMAN[m - 1]}.{y}",
        day.isoformat(),
        f"{d} {ENGLISH_MONTHS[m - 1].title()} {y}",
        f"{ENGLISH_MONTHS[m - 1].title()} {d}, {y}",
    ]


@given(real_days)
def test_a_real_day_parses_back_in_every_spelling(day):
    for spelling in day_spellings(day):
        parsed = parse_date(spelling)
        assert (parsed.edtf, parsed.lower, parsed.upper) == (day.isoformat(), day, day), spelling


@given(real_days)
def test_a_real_month_parses_back_in_every_spelling(day):
    expected = f"{day.year}-{day.month:02d}"
    spellings = [
        f"{RUSSIAN_NOMINATIVE[day.month - 1]} {day.year}",
        f"{RUSSIAN_NOMINATIVE[day.month - 1].title()} {day.year} г.",
        f"{ENGLISH_MONTHS[day.month - 1][:3].title()} {day.year}",
        f"{day.month:02d}.{day.year}",
        expected,
    ]
    for spelling in spellings:
        assert parse_date(spelling).edtf == expected, spelling


points = st.builds(
    lambda day, precision, qualifier: DatePoint(
        day.year - (day.year % 10 if precision == "decade" else 0),
        day.month if precision in ("day", "month") else None,
        day.day if precision == "day" else None,
        decade=precision == "decade",
        qualifier=qualifier,
    ),
    real_days,
    st.sampled_from(["day", "month", "year", "decade"]),
    st.sampled_from(["", "?", "~", "%"]),
)


@st.composite
def edtf_strings(draw):
    first = draw(points)
    if draw(st.booleans()):
        return first.edtf
    second = draw(points)
    start, end = sorted([first, second], key=lambda p: p.bounds()[0])
    start, end = start.decade_as_years(first=True), end.decade_as_years(first=False)
    if start.bounds()[0] > end.bounds()[1]:
        return start.edtf
    return f"{start.edtf}/{end.edtf}"


def as_date(struct) -> datetime.date:
    return datetime.date(struct.tm_year, struct.tm_mon, struct.tm_mday)


@settings(deadline=None)
@given(edtf_strings())
def test_edtf_round_trips_and_agrees_with_the_edtf_package(text):
    """parse(edtf) gives back the same EDTF, with bounds no narrower than edtf's own."""
    parsed = parse_date(text)
    assert parsed.edtf == text
    assert parse_date(parsed.edtf) == parsed
    reference = parse_edtf(text)
    assert parsed.lower <= as_date(reference.lower_strict())
    assert parsed.upper >= as_date(reference.upper_strict())
    if not any(mark in text for mark in "?~%"):
        assert (parsed.lower, parsed.upper) == (
            as_date(reference.lower_strict()),
            as_date(reference.upper_strict()),
        )


@given(st.text(alphabet="0123456789.-/ ?~_годекабряDecXIс", max_size=24))
def test_any_text_is_read_with_ordered_bounds_or_refused_with_a_reason(text):
    try:
        parsed = parse_date(text)
    except DateParseError as error:
        assert error.reason
        return
    if parsed is not None:
        assert parsed.lower <= parsed.upper


@given(st.text(max_size=40) | st.text(alphabet="0123456789.-() ?,;гдекабряаста", max_size=30))
def test_read_date_never_refuses_and_keeps_the_text(text):
    """The lenient reader agrees with the strict one wherever that reads, and otherwise says
    why; a reading always has ordered bounds, and the text is kept exactly."""
    parsed = read_date(text)
    try:
        strict = parse_date(text)
    except DateParseError:
        assert parsed.problem and parsed.original == text
        assert (parsed.lower is None) == (parsed.edtf == "")
        if parsed.edtf:
            assert parsed.lower <= parsed.upper
        return
    assert parsed == strict


alternatives = st.lists(points.filter(lambda p: not p.decade), min_size=2, max_size=4)


def written(point: DatePoint) -> str:
    mark = {"": "", "?": "?", "~": "", "%": ""}[point.qualifier]
    if point.day is not None:
        return f"{point.day:02d}.{point.month:02d}.{point.year}{mark}"
    if point.month is not None:
        return f"{point.month:02d}.{point.year}{mark}"
    return f"{point.year}{mark}"


@settings(deadline=None)
@given(alternatives)
def test_alternatives_are_one_of_a_set_with_the_edtf_packages_bounds(members):
    members = [DatePoint(p.year, p.month, p.day, qualifier="?" if p.qualifier else "")
               for p in members]  # fmt: skip
    text = f"{written(members[0])} ({', '.join(written(m) for m in members[1:])})"
    parsed = parse_date(text)
    unique = list(dict.fromkeys(m.edtf for m in members))
    assert parsed.edtf == (unique[0] if len(unique) == 1 else f"[{','.join(unique)}]")
    assert parsed.edtf.lstrip("[").startswith(members[0].edtf)
    reference = parse_edtf(parsed.edtf)
    assert parsed.lower <= as_date(reference.lower_strict())
    assert parsed.upper >= as_date(reference.upper_strict())
    if not any(m.qualifier for m in members):
        assert (parsed.lower, parsed.upper) == (
            as_date(reference.lower_strict()),
            as_date(reference.upper_strict()),
        )
