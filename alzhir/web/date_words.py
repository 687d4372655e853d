"""EDTF dates (as alzhir.dates reads them) in the words of the page's language: standing alone
("about 1938", «1897 или 1898», «12.02.1938») for a heading, a fact or the timeline, and inside
a sentence ("in 1937", «в 1937 году», «1937 жылы») for a biography, where Russian needs a case
that a bare placeholder would break; each form is a message of its own for that reason."""

import re
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

POINT = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?(?:-(?P<day>\d{2}))?(?P<mark>[~?%]?)$")
ALTERNATIVES = re.compile(r"^[\[{](?P<items>[^\]}]+)[\]}]$")

MONTHS = {
    1: pgettext_lazy("month", "January"), 2: pgettext_lazy("month", "February"),
    3: pgettext_lazy("month", "March"), 4: pgettext_lazy("month", "April"),
    5: pgettext_lazy("month", "May"), 6: pgettext_lazy("month", "June"),
    7: pgettext_lazy("month", "July"), 8: pgettext_lazy("month", "August"),
    9: pgettext_lazy("month", "September"), 10: pgettext_lazy("month", "October"),
    11: pgettext_lazy("month", "November"), 12: pgettext_lazy("month", "December"),
}  # fmt: skip
# "in February 1938": Russian puts the month in the prepositional and the year in the genitive,
# Kazakh the month in the locative after the year: one message per month.
IN_MONTH = {
    1: pgettext_lazy("in month", "in January %(year)s"),
    2: pgettext_lazy("in month", "in February %(year)s"),
    3: pgettext_lazy("in month", "in March %(year)s"),
    4: pgettext_lazy("in month", "in April %(year)s"),
    5: pgettext_lazy("in month", "in May %(year)s"),
    6: pgettext_lazy("in month", "in June %(year)s"),
    7: pgettext_lazy("in month", "in July %(year)s"),
    8: pgettext_lazy("in month", "in August %(year)s"),
    9: pgettext_lazy("in month", "in September %(year)s"),
    10: pgettext_lazy("in month", "in October %(year)s"),
    11: pgettext_lazy("in month", "in November %(year)s"),
    12: pgettext_lazy("in month", "in December %(year)s"),
}


def _point(text: str):
    found = POINT.match(text.strip())
    if not found:
        return None
    year = int(found["year"])
    month = int(found["month"]) if found["month"] and found["month"] != "00" else None
    day = int(found["day"]) if found["day"] and found["day"] != "00" and month else None
    return year, month, day, found["mark"]


def _day(year: int, month: int, day: int) -> str:
    try:
        return date_format(date(year, month, day), "SHORT_DATE_FORMAT")
    except ValueError:
        return f"{day:02d}.{month:02d}.{year}"


def _point_alone(point) -> str:
    year, month, day, mark = point
    if day:
        text = _day(year, month, day)
    elif month:
        text = pgettext("month and year", "%(month)s %(year)s") % {
            "month": MONTHS[month], "year": year
        }  # fmt: skip
    else:
        text = str(year)
    if mark == "~":
        return pgettext("date", "about %(date)s") % {"date": text}
    if mark in "?%" and mark:
        return pgettext("date", "%(date)s (uncertain)") % {"date": text}
    return text


def _point_in_sentence(point) -> str:
    year, month, day, mark = point
    if day:
        text = pgettext("in sentence", "on %(date)s") % {"date": _day(year, month, day)}
    elif month:
        text = str(IN_MONTH[month]) % {"year": year}
    elif mark == "~":
        return pgettext("in sentence", "about %(year)s") % {"year": year}
    else:
        text = pgettext("in sentence", "in %(year)s") % {"year": year}
    if mark:
        return pgettext("in sentence", "%(date)s (uncertain)") % {"date": text}
    return text


def _or(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def date_alone(edtf: str) -> str:
    """A date standing alone: «1937», «февраль 1938», «12.02.1938», «около 1938», «1897 или
    1898», «1990–2007»; "" when there is none, the EDTF itself when it is of no known form."""
    edtf = (edtf or "").strip()
    if not edtf:
        return ""
    alternatives = ALTERNATIVES.match(edtf)
    if alternatives:
        points = [_point(p) for p in alternatives["items"].split(",")]
        if all(points):
            return _or([_point_alone(p) for p in points])
    if "/" in edtf:
        start, _sep, end = edtf.partition("/")
        first, last = _point(start), _point(end)
        if first and last:
            return pgettext("date", "%(start)s–%(end)s") % {
                "start": _point_alone(first), "end": _point_alone(last)
            }  # fmt: skip
        if first:
            return pgettext("date", "from %(date)s") % {"date": _point_alone(first)}
        if last:
            return pgettext("date", "until %(date)s") % {"date": _point_alone(last)}
    point = _point(edtf)
    return _point_alone(point) if point else edtf


def date_in_sentence(edtf: str) -> str:
    """The same date inside a sentence: "in 1937" («в 1937 году», «1937 жылы»)."""
    edtf = (edtf or "").strip()
    alternatives = ALTERNATIVES.match(edtf)
    if alternatives:
        points = [_point(p) for p in alternatives["items"].split(",")]
        if all(points) and all(p[1] is None for p in points):
            years = [str(p[0]) for p in points]
            return pgettext("in sentence", "in %(years)s") % {"years": _or(years)}
    if "/" in edtf:
        first, last = (_point(p) for p in edtf.split("/", 1))
        if first and last and first[1] is None and last[1] is None:
            return pgettext("in sentence", "between %(start)s and %(end)s") % {
                "start": first[0], "end": last[0]
            }  # fmt: skip
    point = _point(edtf)
    if point:
        return _point_in_sentence(point)
    alone = date_alone(edtf)
    return pgettext("in sentence", "(%(date)s)") % {"date": alone} if alone else ""


def year_of(edtf: str) -> str:
    """The year(s) of a date, for a heading's years of life: «1906», «1897 или 1898»."""
    edtf = (edtf or "").strip()
    alternatives = ALTERNATIVES.match(edtf)
    if alternatives:
        points = [_point(p) for p in alternatives["items"].split(",")]
        if all(points):
            return _or(sorted({str(p[0]) for p in points}))
    point = _point(edtf.split("/")[0]) if edtf else None
    if not point:
        return ""
    year = str(point[0])
    return pgettext("date", "about %(date)s") % {"date": year} if point[3] == "~" else year
