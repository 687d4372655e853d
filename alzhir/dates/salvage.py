"""Best-effort reading of damaged date text, for lists that must import whole.

Real lists hold dates such as «31.11.1937» (a day that does not exist) or «25 аста 1885»
(a mangled month). `parse_date` refuses them; `salvage_date` keeps what is certain: the
month of an impossible day, as uncertain (so its bounds reach the neighbouring months where
the slip of the pen may lie), or the year alone of an unknown month. The reason is kept in
`note`, and the original text, as always, in `original`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from alzhir.dates.model import DateParseError, ParsedDate
from alzhir.dates.parse import normalise, parse_date
from alzhir.dates.points import DatePoint

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_NUMERIC_MONTH = re.compile(r"(?<!\d)\d{1,2}\s*\.\s*(\d{1,2})\s*\.\s*\d{4}")


def salvage_date(text: str | None, *, field: str = "") -> ParsedDate | None:
    """`parse_date`, or for damaged text the part of it that is certain (see module doc).

    Raises DateParseError when not even a single year can be read.
    """
    try:
        return parse_date(text, field=field)
    except DateParseError as error:
        cleaned = normalise(text or "")
        years = set(_YEAR.findall(cleaned))
        if len(years) != 1:
            raise
        year = int(years.pop())
        month_match = _NUMERIC_MONTH.search(cleaned)
        month = int(month_match[1]) if month_match else None
        if month is not None and 1 <= month <= 12:
            edtf = DatePoint(year, month, qualifier="?").edtf
        else:
            edtf = DatePoint(year).edtf
        salvaged = parse_date(edtf)
        return replace(salvaged, original=text, note=f"salvaged from damaged text: {error.reason}")
