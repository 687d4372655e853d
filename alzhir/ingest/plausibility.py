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
    """The facts whose dates cannot be right, each with the reason in words. (One pass over a
    row's few dates: it runs for every row of every import.)"""
    birth = next((f for f in facts if f.event == "birth" and f.date.edtf), None)
    born = birth.date.lower if birth is not None else None
    found, releases, detentions = [], [], []
    for fact in facts:
        date = fact.date
        if not date.edtf:
            continue
        if date.lower > today:
            found.append((fact, f"{_said(fact)} is in the future"))
        if born is not None and date.upper < born and fact.event in _OWN_LIFE:
            found.append(
                (fact, f"{_said(fact)} is before the birth ({birth.date.original.strip()})")
            )
        if fact.event == "release":
            releases.append(fact)
        elif fact.event in _DETENTION:
            detentions.append(fact)
    for release in releases:
        found += [
            (release, f"{_said(release)} is before the {_said(fact)}")
            for fact in detentions
            if release.date.upper < fact.date.lower
        ]
    return found
