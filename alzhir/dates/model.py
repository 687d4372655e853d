"""The parsed-date value and its error."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

PRECISIONS = ("day", "month", "year", "decade")
# The longest EDTF a reading makes: the registry's EDTF columns hold this many characters, and
# no real date needs more (four full dates in a one-of-a-set take 45).
MAX_EDTF_LENGTH = 50


class DateParseError(ValueError):
    """Date text that cannot be read; the message says why and quotes the text."""

    def __init__(self, reason: str, text: str = "", field: str = "") -> None:
        self.reason = reason
        self.text = text
        self.field = field
        where = f"{field}: " if field else ""
        super().__init__(f"{where}{reason}")


@dataclass(frozen=True)
class ParsedDate:
    """A date as a source wrote it, with its EDTF reading and the days it can mean.

    `edtf` and the bounds are on the Gregorian calendar. `calendar` is the calendar the
    source wrote in: "julian" only when the text says so («ст. ст.», "O.S."); a Julian
    day-precision date is converted, so `edtf` is its Gregorian day.
    `lower`/`upper` are the earliest and latest day the text can mean: the whole span of
    a partial date (of every member of a one-of-a-set), widened by one unit of its precision
    when it is uncertain («?») or approximate («около»), by two when both.
    `note` says how a clerk's convention was read («00» for an unknown day, alternatives in
    parentheses); `problem` says what the reading had to leave out or could not read
    (`read_date` only). A text with no reading at all has an empty `edtf` and no bounds.
    """

    edtf: str
    lower: datetime.date | None
    upper: datetime.date | None
    original: str
    calendar: str = "gregorian"
    precision: str = ""
    note: str = ""
    problem: str = ""
