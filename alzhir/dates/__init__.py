"""EDTF dates from historical Russian, English and ISO date text, with sortable bounds.

Pure Python: imports nothing else from alzhir.
"""

from alzhir.dates.model import MAX_EDTF_LENGTH, DateParseError, ParsedDate
from alzhir.dates.parse import parse_date, read_date
from alzhir.dates.points import julian_to_gregorian

__all__ = [
    "MAX_EDTF_LENGTH",
    "DateParseError",
    "ParsedDate",
    "julian_to_gregorian",
    "parse_date",
    "read_date",
]
