"""Dates that read well but cannot all be right: a birth in the future, an arrest before the
birth, a release before the arrest. They are kept as written and flagged for an archivist: a
clerk's slip of the pen or a record that mixes two women, it is for a person to decide."""

import datetime
from typing import NamedTuple

from alzhir.dates import ParsedDate

# Events of the woman's own life: her child's birth in the camp, or its transfer to an
# orphanage, may well come before a date of hers and are the child's.
_OWN_LIFE = {
    "arrest", "sentence", "transport", "camp_arrival", "camp_transfer", "camp_departure",
    "release", "exile", "death", "execution", "rehabilitation",
}  # fmt: skip
_DETENTION = ("arrest", "sentence")


class DatedFact(NamedTuple):
    """One date of a row: the registry field (or "sentence" for a date inside the sentence
    text), the file's column it came from, the event it dates, and its reading. (A tuple: an
    import makes a few for every row, and a dataclass costs three times as much to make.)"""

    field: str
    column: str
    event: str
    date: ParsedDate


def _said(fact: DatedFact) -> str:
    return f"{fact.event.replace('_', ' ')} {fact.date.original.strip()}"


def implausible(facts: list[DatedFact], today: datetime.date) -> list[tuple[DatedFact, str]]:
    """The facts whose dates cannot be right, each with the reason in words."""
    read = [fact for fact in facts if fact.date.edtf]
    if not read:
        return []
    found = [(f, f"{_said(f)} is in the future") for f in read if f.date.lower > today]
    birth = next((fact for fact in read if fact.event == "birth"), None)
    if birth is not None and len(read) > 1:
        found += [
            (fact, f"{_said(fact)} is before the birth ({birth.date.original.strip()})")
            for fact in read
            if fact.date.upper < birth.date.lower and fact.event in _OWN_LIFE
        ]
    for release in (fact for fact in read if fact.event == "release"):
        found += [
            (release, f"{_said(release)} is before the {_said(fact)}")
            for fact in read
            if fact.event in _DETENTION and release.date.upper < fact.date.lower
        ]
    return found
