"""Read date text from Russian archival lists (and English or ISO/EDTF text) into EDTF.

Hand-written on purpose: general parsers (dateparser, dateutil) guess — month-first
numbers, relative dates, a missing day filled with today's — and an archive must refuse
what it cannot read for sure, saying why. EDTF strings are built from parsed parts
(valid by construction); the `edtf` package (5.x) is the reference the tests check them and
their bounds against. It is not called here: its pyparsing grammar takes about 7 ms a
string, which a million-row import cannot afford, and its fuzzy bounds pad an uncertain day
by a day, a month and a year at once.

Calendar rule: a date is Gregorian unless its text says Old Style («ст. ст.», «по старому
стилю», "O.S.", "Julian"); then `calendar` is "julian" and a day is converted to its
Gregorian day. Undated style is never guessed from the year: Soviet-era lists (nearly all
of ours) were written after the switch of 14 February 1918, and birth years alone are the
same on both calendars to within a fortnight.
"""

from __future__ import annotations

import re
from functools import lru_cache

from alzhir.dates.model import DateParseError, ParsedDate
from alzhir.dates.months import month_number
from alzhir.dates.points import DatePoint, InvalidDate, coarsest

_BLANK = {"", "-", "?", "н/д", "n/a", "unknown", "неизв.", "неизвестно"}

_JULIAN = re.compile(
    r"\(?\s*(?:по\s+)?(?:ст\.\s*ст\.?|ст\.\s*стиля|старому\s+стилю|старого\s+стиля|"
    r"o\.\s*s\.|old\s+style|julian)\s*\)?"
)
_GREGORIAN = re.compile(
    r"\(?\s*(?:по\s+)?(?:н\.\s*ст\.?|новому\s+стилю|нового\s+стиля|n\.\s*s\.|new\s+style|"
    r"gregorian)\s*\)?"
)
_APPROXIMATE = re.compile(
    r"^(?:(?:около|приблизительно|примерно|circa|about|approximately|around)\s+"
    r"|(?:ок|прибл|ca|c|approx)(?:\.\s*|\s+)|~\s*)"
)
_PREPOSITION = re.compile(r"^(?:в|во|in)\s+")
_UNCERTAIN = re.compile(r"\s*(?:\(\?\)|\?)$")
_ERA = re.compile(r"(?<=[\d\s.])\s*(?:г\.?\s*р\.?|гг\.?|г\.?|года|году|годах|годы|годов|год)$")
_TRAILING_DOT = re.compile(r"(?<=\d)[.,;]$")
_RANGE_OPEN = re.compile(r"^(?:с|from|between)\s+(.+?)\s+(?:по|до|to|and)\s+(.+)$")
_RANGE_SEPARATOR = re.compile(r"\s*(?:/|-|\.\.)\s*")

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_EDTF_DECADE = re.compile(r"(\d{3})x")
_DECADE = re.compile(r"(\d{3}0)\s*-?\s*(?:е|х|ые|ых|s|'s)")
_NUMERIC_DAY = re.compile(r"(\d{1,2})\s*\.\s*(\d{1,2}|[ivx]+)\s*\.\s*(\d{4})")
_NUMERIC_MONTH = re.compile(r"(\d{1,2})\s*\.\s*(\d{4})")
_SHORT_YEAR = re.compile(r"\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*(\d{2})")
_WORD_DAY = re.compile(r"(\d{1,2})\s*-?(?:го)?\s*([^\W\d_]+)\.?\s*(\d{4})")
_MONTH_FIRST_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
_WORD_MONTH = re.compile(r"([^\W\d_]+)\.?\s*(\d{4})")


class _Unreadable(ValueError):
    """No date form fits the text."""


def normalise(text: str) -> str:
    """Lower-case, one space, no decoration (underscores, asterisks), one kind of dash."""
    cleaned = re.sub(r"[\s\u00a0\u202f]+", " ", text).strip().strip("_*«»\"' ").lower()
    return re.sub(r"[–—−]", "-", cleaned).replace("ё", "е")


def _strip_qualifiers(text: str) -> tuple[str, bool, bool]:
    approximate = uncertain = False
    previous = None
    while previous != text:
        previous = text
        text = text.strip()
        if match := _APPROXIMATE.match(text):
            approximate, text = True, text[match.end() :]
        text = _PREPOSITION.sub("", text)
        if match := _UNCERTAIN.search(text):
            uncertain, text = True, text[: match.start()]
        for marker, kind in (("%", "both"), ("~", "approximate")):
            if text.endswith(marker):
                text = text[:-1]
                approximate = True
                uncertain = uncertain or kind == "both"
        text = _ERA.sub("", text)
        text = _TRAILING_DOT.sub("", text)
    return text.strip(), approximate, uncertain


def _qualifier(approximate: bool, uncertain: bool) -> str:
    if approximate and uncertain:
        return "%"
    return "~" if approximate else ("?" if uncertain else "")


def _month(word: str) -> int:
    number = month_number(word)
    if number is None:
        raise InvalidDate(f"unknown month «{word}»")
    return number


def _read_point(text: str, julian: bool) -> DatePoint:
    core, approximate, uncertain = _strip_qualifiers(text)
    qualifier = _qualifier(approximate, uncertain)
    point = _match_point(core, qualifier)
    point.validate(julian)
    return point


def _match_point(core: str, qualifier: str) -> DatePoint:
    if match := _ISO.fullmatch(core):
        year, month, day = (int(g) if g else None for g in match.groups())
        return DatePoint(year, month, day, qualifier=qualifier)
    if match := _EDTF_DECADE.fullmatch(core):
        return DatePoint(int(match[1]) * 10, decade=True, qualifier=qualifier)
    if match := _DECADE.fullmatch(core):
        return DatePoint(int(match[1]), decade=True, qualifier=qualifier)
    if match := _NUMERIC_DAY.fullmatch(core):
        month = int(match[2]) if match[2].isdigit() else _month(match[2])
        return DatePoint(int(match[3]), month, int(match[1]), qualifier=qualifier)
    if match := _NUMERIC_MONTH.fullmatch(core):
        return DatePoint(int(match[2]), int(match[1]), qualifier=qualifier)
    if match := _SHORT_YEAR.fullmatch(core):
        raise InvalidDate(f"two-digit year «{match[1]}» could be any century")
    if match := _WORD_DAY.fullmatch(core):
        return DatePoint(int(match[3]), _month(match[2]), int(match[1]), qualifier=qualifier)
    if match := _MONTH_FIRST_DAY.fullmatch(core):
        return DatePoint(int(match[3]), _month(match[1]), int(match[2]), qualifier=qualifier)
    if match := _WORD_MONTH.fullmatch(core):
        return DatePoint(int(match[2]), _month(match[1]), qualifier=qualifier)
    raise _Unreadable(core)


def _read_span(text: str, julian: bool) -> tuple[DatePoint, ...]:
    if match := _RANGE_OPEN.fullmatch(text):
        return _read_point(match[1], julian), _read_point(match[2], julian)
    try:
        return (_read_point(text, julian),)
    except _Unreadable:
        pass
    for separator in _RANGE_SEPARATOR.finditer(text):
        try:
            start = _read_point(text[: separator.start()], julian)
            end = _read_point(text[separator.end() :], julian)
        except (_Unreadable, InvalidDate):
            continue
        return start, end
    raise _Unreadable(text)


def _calendar(text: str) -> tuple[str, str]:
    julian = _JULIAN.search(text)
    gregorian = _GREGORIAN.search(text)
    if julian and gregorian:
        raise InvalidDate("the text names both Old and New Style")
    if julian:
        return "julian", (text[: julian.start()] + " " + text[julian.end() :]).strip()
    if gregorian:
        return "gregorian", (text[: gregorian.start()] + " " + text[gregorian.end() :]).strip()
    return "gregorian", text


@lru_cache(maxsize=65536)
def _parse(text: str) -> ParsedDate | None:
    cleaned = normalise(text)
    if cleaned in _BLANK:
        return None
    try:
        calendar, cleaned = _calendar(cleaned)
        julian = calendar == "julian"
        points = _read_span(cleaned, julian)
    except InvalidDate as error:
        raise DateParseError(f"{error} in «{text}»", text) from None
    except _Unreadable:
        raise DateParseError(f"unreadable date text «{text}»", text) from None
    return _build(points, text, julian)


def _build(points: tuple[DatePoint, ...], text: str, julian: bool) -> ParsedDate:
    lower = _bounds(points[0], julian)[0]
    upper = _bounds(points[-1], julian)[1]
    if julian:
        points = tuple(point.to_gregorian() for point in points)
    if len(points) == 2:
        points = (points[0].decade_as_years(first=True), points[1].decade_as_years(first=False))
    if len(points) == 2 and points[0].bounds()[0] > points[1].bounds()[1]:
        raise DateParseError(f"the range in «{text}» ends before it starts", text)
    return ParsedDate(
        edtf="/".join(point.edtf for point in points),
        lower=lower,
        upper=upper,
        original=text,
        calendar="julian" if julian else "gregorian",
        precision=coarsest([point.precision for point in points]),
    )


def _bounds(point: DatePoint, julian: bool) -> tuple:
    if julian and point.precision == "day":
        return point.to_gregorian().bounds()
    return point.bounds(julian)


def parse_date(text: str | None, *, field: str = "") -> ParsedDate | None:
    """The date a text means, or None when the text is empty, blank or «-».

    Raises DateParseError saying why the text cannot be read.
    """
    if text is None:
        return None
    try:
        return _parse(text)
    except DateParseError as error:
        if not field:
            raise
        raise DateParseError(error.reason, text, field) from None
