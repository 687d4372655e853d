"""One end of a date: year, month, day or decade, with its EDTF qualifier and its bounds."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

_FUZZ_UNITS = {"": 0, "?": 1, "~": 1, "%": 2}
_PRECISION_ORDER = ("day", "month", "year", "decade")


class InvalidDate(ValueError):
    """The text has a date's form but names a day that does not exist. `part` says which part
    is at fault ("year", "month" or "day"; "" when it is not one part), so a lenient reader
    can keep the parts above it."""

    def __init__(self, reason: str, part: str = "") -> None:
        self.part = part
        super().__init__(reason)


def coarsest(precisions: list[str]) -> str:
    return max(precisions, key=_PRECISION_ORDER.index)


def days_in_month(year: int, month: int, julian: bool = False) -> int:
    if julian and month == 2:
        return 29 if year % 4 == 0 else 28
    return calendar.monthrange(year, month)[1]


def julian_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    """The Gregorian day of a Julian (Old Style) date, through the Julian day number."""
    shift = (14 - month) // 12
    years = year + 4800 - shift
    months = month + 12 * shift - 3
    julian_day = day + (153 * months + 2) // 5 + 365 * years + years // 4 - 32083
    return datetime.date.fromordinal(julian_day - 1721425)


def _clamp_year(year: int) -> int:
    return min(max(year, datetime.MINYEAR), datetime.MAXYEAR)


def _month_index(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return _clamp_year(index // 12), index % 12 + 1


@dataclass(frozen=True)
class DatePoint:
    year: int
    month: int | None = None
    day: int | None = None
    decade: bool = False
    qualifier: str = ""

    def validate(self, julian: bool = False) -> None:
        if self.year < 1:
            raise InvalidDate(f"year {self.year} does not exist", "year")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidDate(f"month {self.month} does not exist", "month")
        if self.day is not None and self.month is not None:
            last = days_in_month(self.year, self.month, julian)
            if not 1 <= self.day <= last:
                month_name = calendar.month_name[self.month]
                raise InvalidDate(
                    f"day {self.day} does not exist in {month_name} {self.year}", "day"
                )

    @property
    def precision(self) -> str:
        if self.decade:
            return "decade"
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def edtf(self) -> str:
        if self.decade:
            text = f"{self.year // 10:03d}X"
        elif self.month is None:
            text = f"{self.year:04d}"
        elif self.day is None:
            text = f"{self.year:04d}-{self.month:02d}"
        else:
            text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return text + self.qualifier

    def without(self, part: str) -> DatePoint:
        """This point with `part` ("day" or "month") and every finer part left out."""
        month = None if part == "month" else self.month
        return DatePoint(self.year, month, None, qualifier=self.qualifier)

    def to_gregorian(self) -> DatePoint:
        """This Julian day as the Gregorian day; partial dates stay as written."""
        if self.day is None or self.month is None:
            return self
        day = julian_to_gregorian(self.year, self.month, self.day)
        return DatePoint(day.year, day.month, day.day, qualifier=self.qualifier)

    def decade_as_years(self, first: bool) -> DatePoint:
        """A decade as its first or last year: EDTF intervals have no unspecified digits."""
        if not self.decade:
            return self
        year = self.year - self.year % 10 + (0 if first else 9)
        return DatePoint(year, qualifier=self.qualifier)

    def bounds(self, julian: bool = False) -> tuple[datetime.date, datetime.date]:
        """Earliest and latest day, widened by one unit of precision per qualifier."""
        fuzz = _FUZZ_UNITS[self.qualifier]
        if self.precision == "day":
            day = datetime.date(self.year, self.month, self.day)
            step = datetime.timedelta(days=fuzz)
            return max(day - step, datetime.date.min), min(day + step, datetime.date.max)
        if self.precision == "month":
            first = _month_index(self.year, self.month, -fuzz)
            last = _month_index(self.year, self.month, fuzz)
        elif self.precision == "year":
            first = (_clamp_year(self.year - fuzz), 1)
            last = (_clamp_year(self.year + fuzz), 12)
        else:
            start = self.year - self.year % 10
            first = (_clamp_year(start - 10 * fuzz), 1)
            last = (_clamp_year(start + 9 + 10 * fuzz), 12)
        lower = datetime.date(first[0], first[1], 1)
        upper = datetime.date(last[0], last[1], days_in_month(*last))
        if julian:
            # A partial Old Style date keeps its written EDTF; its span reaches the
            # Gregorian day on which its last Julian day fell.
            last_day = days_in_month(*last, julian=True)
            if upper.year < datetime.MAXYEAR:
                upper = max(upper, julian_to_gregorian(last[0], last[1], last_day))
        return lower, upper
