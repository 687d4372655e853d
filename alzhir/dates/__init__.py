"""EDTF dates from historical Russian, English and ISO date text, with sortable bounds.

Pure Python: imports nothing else from alzhir.
"""

from alzhir.dates.model import DateParseError, ParsedDate
from alzhir.dates.parse import parse_date
from alzhir.dates.points import julian_to_gregorian
from alzhir.dates.salvage import salvage_date

__all__ = ["DateParseError", "ParsedDate", "julian_to_gregorian", "parse_date", "salvage_date"]
