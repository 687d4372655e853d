"""Read date text from Russian archival lists (and English or ISO/EDTF text) into EDTF.

Hand-written on purpose: general parsers (dateparser, dateutil) guess — month-first
numbers, relative dates, a missing day filled with today's — and an archive must say what it
could not read for sure. EDTF strings are built from parsed parts (valid by construction); the
`edtf` package (5.x) is the reference the tests check them and their bounds against. It is not
called here: its pyparsing grammar takes about 7 ms a string, which a million-row import cannot
afford, and its fuzzy bounds pad an uncertain day by a day, a month and a year at once.

Two readers share the grammar. `parse_date` is strict: it reads every form a clerk writes on
purpose — «00.12.1937» and a template's «1937-12-00» or «1938-04-» (the day unknown: `1937-12`,
`1938-04`), «1937-12-3», «1930 (??)» (`1930?`), «1897 (1898)» and «1890 (1896, 1898)» where
sources disagree (EDTF's one-of-a-set `[1897,1898]`, the first as written first; its bounds
span every member, as EDTF defines them) — and refuses anything else, saying why. `read_date`
never refuses: it keeps what is certain of a damaged text («31.06.1938», a day that does not
exist: the month `1938-06`; «25 аста 1885», a mangled month: the year) and says in `problem`
what it left out; a text with no reading at all keeps its text, with no EDTF.

Calendar rule: a date is Gregorian unless its text says Old Style («ст. ст.», «по старому
стилю», "O.S.", "Julian"); then `calendar` is "julian" and a day is converted to its
Gregorian day. Undated style is never guessed from the year: Soviet-era lists (nearly all
of ours) were written after the switch of 14 February 1918, and birth years alone are the
same on both calendars to within a fortnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from alzhir.dates.model import MAX_EDTF_LENGTH, DateParseError, ParsedDate
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
_UNCERTAIN = re.compile(r"\s*(?:\(\s*\?+\s*\)|\?+)$")
_ERA = re.compile(r"(?<=[\d\s.])\s*(?:г\.?\s*р\.?|гг\.?|г\.?|года|году|годах|годы|годов|год)$")
_TRAILING_DOT = re.compile(r"(?<=\d)[.,;]$")
_RANGE_OPEN = re.compile(r"^(?:с|from|between)\s+(.+?)\s+(?:по|до|to|and)\s+(.+)$")
_RANGE_SEPARATOR = re.compile(r"\s*(?:/|-|\.\.)\s*")
_ALTERNATIVES = re.compile(r"(?P<first>[^()]+?)\s*\((?P<others>[^()]+)\)")
_ALTERNATIVE_SEPARATOR = re.compile(r"\s*(?:[,;]|\s(?:или|or)\s)\s*")
_OR = re.compile(r"\s+(?:или|or)\s+")
_YEAR = re.compile(r"(?<!\d)([1-9]\d{3})(?!\d)")

# ISO, EDTF and what a "{year}-{month}-{day}" template makes of empty or unpadded columns:
# «1937-12-09», «1937-12-3», «1937-12-00», «1938-04-», «1938--».
_ISO = re.compile(r"(\d{4})(?:-(\d{0,2})(?:-(\d{0,2}))?)?")
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


@dataclass
class _Reading:
    """What one reading noted on its way: forms read by convention, and (lenient only) parts
    of the text it had to leave out."""

    lenient: bool
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def attempt(self) -> _Reading:
        return _Reading(self.lenient)

    def adopt(self, other: _Reading) -> None:
        self.notes += other.notes
        self.problems += other.problems

    def leave_out(self, error: InvalidDate) -> None:
        """Refuse (strict), or note what the reading leaves out (lenient)."""
        if not self.lenient:
            raise error
        self.problems.append(str(error))


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


def _month(word: str, reading: _Reading) -> int | None:
    number = month_number(word)
    if number is None:
        reading.leave_out(InvalidDate(f"unknown month «{word}»", "month"))
    return number


def _part(name: str, written: str | None, reading: _Reading) -> int | None:
    """A numeric month or day; «00», «0» or a template's empty column is the clerks' «unknown»."""
    if written is None:
        return None
    if written.strip("0"):
        return int(written)
    reading.notes.append(
        f"{name} written as «{written}»: unknown" if written else f"{name} left blank"
    )
    return None


def _numeric_point(
    year: str, month: str | None, day: str | None, qualifier: str, reading: _Reading
) -> DatePoint:
    month_number_, day_number = _part("month", month, reading), _part("day", day, reading)
    if day_number is not None and month_number_ is None:
        reading.leave_out(InvalidDate(f"day {day_number} is given without a month", "day"))
        day_number = None
    return DatePoint(int(year), month_number_, day_number, qualifier=qualifier)


def _checked(point: DatePoint, julian: bool, reading: _Reading) -> DatePoint:
    """The point if it exists; leniently, the point without the day or month that does not."""
    try:
        point.validate(julian)
    except InvalidDate as error:
        if error.part not in ("day", "month"):
            raise
        reading.leave_out(error)
        return _checked(point.without(error.part), julian, reading)
    return point


def _read_point(text: str, julian: bool, reading: _Reading) -> DatePoint:
    core, approximate, uncertain = _strip_qualifiers(text)
    point = _match_point(core, _qualifier(approximate, uncertain), reading)
    return _checked(point, julian, reading)


def _match_point(core: str, qualifier: str, reading: _Reading) -> DatePoint:
    if match := _ISO.fullmatch(core):
        return _numeric_point(match[1], match[2], match[3], qualifier, reading)
    if match := _EDTF_DECADE.fullmatch(core):
        return DatePoint(int(match[1]) * 10, decade=True, qualifier=qualifier)
    if match := _DECADE.fullmatch(core):
        return DatePoint(int(match[1]), decade=True, qualifier=qualifier)
    if match := _NUMERIC_DAY.fullmatch(core):
        if match[2].isdigit():
            return _numeric_point(match[3], match[2], match[1], qualifier, reading)
        month = _month(match[2], reading)
        return DatePoint(
            int(match[3]), month, int(match[1]) if month else None, qualifier=qualifier
        )
    if match := _NUMERIC_MONTH.fullmatch(core):
        return _numeric_point(match[2], match[1], None, qualifier, reading)
    if match := _SHORT_YEAR.fullmatch(core):
        raise InvalidDate(f"two-digit year «{match[1]}» could be any century")
    for pattern, day_group, month_group in ((_WORD_DAY, 1, 2), (_MONTH_FIRST_DAY, 2, 1)):
        if match := pattern.fullmatch(core):
            month = _month(match[month_group], reading)
            day = int(match[day_group]) if month else None
            return DatePoint(int(match[3]), month, day, qualifier=qualifier)
    if match := _WORD_MONTH.fullmatch(core):
        return DatePoint(int(match[2]), _month(match[1], reading), qualifier=qualifier)
    raise _Unreadable(core)


def _read_span(text: str, julian: bool, reading: _Reading) -> tuple[DatePoint, ...]:
    if match := _RANGE_OPEN.fullmatch(text):
        return _read_point(match[1], julian, reading), _read_point(match[2], julian, reading)
    try:
        return (_read_point(text, julian, reading),)
    except _Unreadable:
        pass
    for separator in _RANGE_SEPARATOR.finditer(text):
        attempt = reading.attempt()
        try:
            start = _read_point(text[: separator.start()], julian, attempt)
            end = _read_point(text[separator.end() :], julian, attempt)
        except (_Unreadable, InvalidDate):
            continue
        reading.adopt(attempt)
        return start, end
    raise _Unreadable(text)


def _read_alternatives(text: str, julian: bool, reading: _Reading) -> tuple[DatePoint, ...]:
    """«1897 (1898)», «1890 (1896, 1898)»: a date and, in parentheses, what other sources say;
    «12.06.1938 г. или 9.08.1938 г.»: two dates a clerk could not choose between."""
    if match := _ALTERNATIVES.fullmatch(text):
        items = [match["first"], *_ALTERNATIVE_SEPARATOR.split(match["others"].strip())]
        why = "sources disagree: "
    elif _OR.search(text):
        items, why = _OR.split(text), ""
    else:
        raise _Unreadable(text)
    points = tuple(dict.fromkeys(_read_point(item, julian, reading) for item in items))
    if len(points) == 1:
        reading.notes.append("the alternative repeats the date")
    else:
        reading.notes.append(f"{why}one of {', '.join(item.strip() for item in items)}")
    return points


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
def _parse(text: str, lenient: bool) -> ParsedDate | None:
    cleaned = normalise(text)
    if cleaned in _BLANK:
        return None
    reading = _Reading(lenient)
    try:
        calendar, cleaned = _calendar(cleaned)
        julian = calendar == "julian"
        try:
            return _build(_read_span(cleaned, julian, reading), text, julian, reading)
        except _Unreadable:
            points = _read_alternatives(cleaned, julian, reading)
            return _build_set(points, text, julian, reading)
    except InvalidDate as error:
        reason = f"{error} in «{text}»"
    except _Unreadable:
        reason = f"unreadable date text «{text}»"
    if not lenient:
        raise DateParseError(reason, text)
    return _best_effort(text, cleaned, reason)


def _best_effort(text: str, cleaned: str, reason: str) -> ParsedDate:
    """What is certain in text no form reads: the date before a parenthesis that does not
    read, or the one year the text names; else the text alone, with no reading."""
    if match := _ALTERNATIVES.fullmatch(cleaned):
        first = _parse(match["first"], True)
        if first is not None and first.edtf:
            aside = f"«({match['others']})» not read"
            return _with(first, text, first.problem, aside)
    years = set(_YEAR.findall(cleaned))
    if len(years) == 1:
        return _with(_parse(years.pop(), True), text, reason)
    return ParsedDate("", None, None, original=text, problem=reason)


def _with(date: ParsedDate, text: str, *problems: str) -> ParsedDate:
    problem = "; ".join(p for p in problems if p)
    return ParsedDate(date.edtf, date.lower, date.upper, text, date.calendar, date.precision,
                      date.note, problem)  # fmt: skip


def _build(points: tuple[DatePoint, ...], text: str, julian: bool, reading: _Reading) -> ParsedDate:
    lower = _bounds(points[0], julian)[0]
    upper = _bounds(points[-1], julian)[1]
    if julian:
        points = tuple(point.to_gregorian() for point in points)
    if len(points) == 2:
        points = (points[0].decade_as_years(first=True), points[1].decade_as_years(first=False))
    if len(points) == 2 and points[0].bounds()[0] > points[1].bounds()[1]:
        raise InvalidDate("the range ends before it starts")
    return _parsed("/".join(point.edtf for point in points), lower, upper, points, text,
                   julian, reading)  # fmt: skip


def _build_set(
    points: tuple[DatePoint, ...], text: str, julian: bool, reading: _Reading
) -> ParsedDate:
    """One of a set (EDTF level 2); bounds span every member, as EDTF's own do."""
    bounds = [_bounds(point, julian) for point in points]
    if julian:
        points = tuple(point.to_gregorian() for point in points)
    edtf = points[0].edtf if len(points) == 1 else f"[{','.join(p.edtf for p in points)}]"
    if len(edtf) > MAX_EDTF_LENGTH:
        raise InvalidDate(f"more alternatives than one EDTF date holds ({len(points)})")
    lower, upper = min(b[0] for b in bounds), max(b[1] for b in bounds)
    return _parsed(edtf, lower, upper, points, text, julian, reading)


def _parsed(edtf, lower, upper, points, text, julian, reading) -> ParsedDate:
    return ParsedDate(
        edtf=edtf,
        lower=lower,
        upper=upper,
        original=text,
        calendar="julian" if julian else "gregorian",
        precision=coarsest([point.precision for point in points]),
        note="; ".join(reading.notes),
        problem="; ".join(reading.problems),
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
        return _parse(text, False)
    except DateParseError as error:
        if not field:
            raise
        raise DateParseError(error.reason, text, field) from None


def read_date(text: str | None) -> ParsedDate | None:
    """The best reading of a date text; never raises. None when the text is empty or blank.

    A reading that leaves part of the text out says what in `problem`; a text with no reading
    at all comes back with an empty `edtf`, no bounds, and the reason in `problem`.
    """
    return None if text is None else _parse(text, True)
