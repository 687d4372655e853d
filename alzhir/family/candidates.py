"""Which pairs of records are worth scoring as relatives.

Two channels: a relative named on a record (looked up by the named surname, so a renamed child
still finds the mother its record names), and records sharing a gender-folded surname whose
ages and sexes allow the relation. A shared surname only nominates a pair; the model decides.
"""

from collections import defaultdict
from collections.abc import Iterable

from alzhir.family.features import (
    SIBLING_AGE_MAX,
    SPOUSE_AGE_MAX,
    Candidate,
    mention_readings,
)
from alzhir.family.mentions import LINKED_ROLES
from alzhir.family.naming import any_same_father, fathers_named, near_surnames, plausible
from alzhir.family.people import FamilyRecord
from alzhir.names import given_name_group, surname_key

# A surname shared by more records than this nominates no pairs on its own (Иванова in a
# national list): such pairs would rest on the surname alone, which never makes a link.
MAX_SURNAME_BLOCK = 400


def _sex_fits(type_: str, a: FamilyRecord, b: FamilyRecord) -> bool:
    if type_ == "mother":
        return a.sex != "M"
    if type_ == "father":
        return a.sex != "F"
    if type_ == "spouse":
        return not (a.sex == b.sex and a.sex != "U")
    return True


def one_person(a: FamilyRecord, b: FamilyRecord) -> bool:
    """Same given name and birth year: two records of one woman (the duplicate linker's
    business, «Клендо-Беляева» and «Беляева-Клендо» Варвара Леонидовна), not two sisters."""
    if a.birth_year is None or b.birth_year is None or abs(a.birth_year - b.birth_year) > 1:
        return False
    given_a = {given_name_group(n.given) for n in a.names if n.given and not n.given_is_initial}
    given_b = {given_name_group(n.given) for n in b.names if n.given and not n.given_is_initial}
    return bool(given_a & given_b)


def _oriented(role: str, holder: FamilyRecord, other: FamilyRecord):
    """(type, a, b, which side holds the phrase) for a phrase on `holder` naming `other`."""
    if role == "parent":
        role = "father" if other.sex == "M" else "mother"
    if role in ("mother", "father"):
        return role, other, holder, "b"
    if role == "child":
        return ("father" if holder.sex == "M" else "mother"), holder, other, "a"
    a, b = sorted((holder, other), key=lambda r: r.person)
    return role, a, b, "a" if a is holder else "b"


class CandidateSet:
    def __init__(self):
        self.by_key: dict[tuple[str, str, str], Candidate] = {}

    def add(self, type_, a, b, mention=None, holder=""):
        if a.person == b.person or not _sex_fits(type_, a, b):
            return
        if (type_ == "sibling" and one_person(a, b)) or not plausible(type_, a, b):
            return
        key = (type_, a.key, b.key)
        candidate = self.by_key.get(key)
        if candidate is None:
            candidate = self.by_key[key] = Candidate(type_, a, b)
        if mention is not None:
            candidate.mentions.append((mention, holder))


def candidates(records: Iterable[FamilyRecord]) -> list[Candidate]:
    records = list(records)
    by_surname: dict[str, list[FamilyRecord]] = defaultdict(list)
    for record in records:
        for surname in record.surname_keys:
            by_surname[surname].append(record)
    found = CandidateSet()
    for record in records:
        _named_relatives(record, by_surname, found)
    for block in by_surname.values():
        if len(block) <= MAX_SURNAME_BLOCK:
            _same_surname(block, found)
    return list(found.by_key.values())


def _named_relatives(record, by_surname, found: CandidateSet) -> None:
    context = record.names[0].surname if record.names else ""
    for mention in record.mentions:
        if mention.role not in LINKED_ROLES:
            continue
        surnames = {surname_key(r.surname) for r in mention_readings(mention.name, context)}
        for other in {id(o): o for s in surnames for o in by_surname.get(s, ())}.values():
            if other is record:
                continue
            type_, a, b, holder = _oriented(mention.role, record, other)
            found.add(type_, a, b, mention, holder)


def _same_surname(block: list[FamilyRecord], found: CandidateSet) -> None:
    for i, x in enumerate(block):
        for y in block[i + 1 :]:
            if x.person == y.person or x.birth_year is None or y.birth_year is None:
                continue
            if x.names and y.names and near_surnames(x.names[0], y.names[0]):
                continue
            older, younger = (x, y) if x.birth_year <= y.birth_year else (y, x)
            gap = younger.birth_year - older.birth_year
            parent_type = {"F": "mother", "M": "father"}.get(older.sex)
            if parent_type:
                found.add(parent_type, older, younger)
            if x.sex != y.sex and "U" not in (x.sex, y.sex) and gap <= SPOUSE_AGE_MAX:
                a, b = sorted((x, y), key=lambda r: r.person)
                found.add("spouse", a, b)
            if gap <= SIBLING_AGE_MAX and any_same_father(
                fathers_named(x.names), fathers_named(y.names)
            ):
                a, b = sorted((x, y), key=lambda r: r.person)
                found.add("sibling", a, b)
