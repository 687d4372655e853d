"""A son's wife is not her father-in-law's daughter, though her patronymic may say so.

A woman takes her husband's surname; her patronymic is her own father's, and in a village where
ten given names serve every family it is her father-in-law's given name about one time in ten.
Then every rule of naming calls her his daughter. Without a relatives' text only the list's
shape tells the two apart, and a father link is held for review (just below the proposal
threshold, the rival reading named) when she could have borne the listed children of a man of
the family other than the father proposed (his son most often: her age, his village) and

* she bears the name of another of his daughters (a family gives two living children two
  names): of the two, the one who could be a son's wife is held, or both when that does not
  tell them apart; or
* she was born the year another of his proposed children was: a mother bears two children in
  one year only as twins, about one birth in eighty. On bench.family_bench --structured
  without the text this holds 6 / 7 / 6 wrong fathers and 3 / 3 / 3 true daughters (seeds 21 /
  5 / 33), sibling precision (against every true link) 0.970 → 0.972, 0.949 → 0.951, 0.955 →
  0.962, sibling recall 0.678 → 0.678, 0.638 → 0.654, 0.649 → 0.649 (a woman it holds is free
  to be a son's wife in alzhir.family.wives, which then holds fewer true daughters).

A son's wife whom no other woman of the list could replace is held by alzhir.family.wives.
"""

from collections import defaultdict

from alzhir.family.consistency import hold
from alzhir.family.features import NAMED_LEVELS
from alzhir.family.naming import GENERATION, family_names, given_names
from alzhir.family.people import FamilyRecord

# A wife is born at most this many years before or after her husband. 6, 10 and 12 gave the
# same figures within 0.003 on bench.family_bench --structured.
SPOUSE_SPAN = 10


def possible_wife(woman: FamilyRecord, husband: FamilyRecord, children) -> bool:
    low, high = GENERATION["mother"]
    return (
        woman.person != husband.person
        and woman.sex == "F"
        and woman.birth_year is not None
        and abs(woman.birth_year - husband.birth_year) <= SPOUSE_SPAN
        and bool(family_names(woman.names) & family_names(husband.names))
        and bool(woman.places & husband.places or not (woman.places and husband.places))
        and all(low <= c.birth_year - woman.birth_year <= high for c in children)
    )


class Family:
    """Proposed fathers' children and the list's women by family name."""

    def __init__(self, proposals: list, records: list[FamilyRecord], cut: float):
        self.fathers = [p for p in proposals if p.type == "father" and p.score >= cut]
        self.children = defaultdict(list)  # father person → his proposed children's records
        self.men = defaultdict(dict)  # family name → {person: record} of fathers proposed
        for p in self.fathers:
            if p.b.birth_year is not None and p.a.birth_year is not None:
                self.children[p.a.person].append(p.b)
                for name in family_names(p.a.names):
                    self.men[name][p.a.person] = p.a
        self.women = defaultdict(list)
        for r in records:
            if r.sex == "F" and r.birth_year is not None:
                for name in family_names(r.names):
                    self.women[name].append(r)

    def husbands(self, link) -> list:
        """Men of her family name, other than the father proposed, whose children she could
        have borne: his sons most often."""
        woman, found = link.b, []
        men = {p: m for name in family_names(woman.names) for p, m in self.men[name].items()}
        for person, man in men.items():
            children = self.children[person]
            if person != link.a.person and possible_wife(woman, man, children):
                found.append((man, children))
        return found


def hold_daughters_in_law(proposals: list, records: list[FamilyRecord], cut: float) -> list:
    """The proposals, father links to women who may be his sons' wives held below `cut`."""
    family = Family(proposals, records, cut)
    unnamed = [
        p
        for p in family.fathers
        if p.b.sex == "F"
        and p.b.birth_year is not None
        and p.levels.get("named") not in NAMED_LEVELS
    ]
    by_name = defaultdict(list)  # (father, given name) → his daughters of that name
    for p in unnamed:
        for name in given_names(p.b.names):
            by_name[(p.a.person, name)].append(p)
    held = set()
    for namesakes in by_name.values():
        if len(namesakes) < 2:
            continue
        in_laws = [p for p in namesakes if family.husbands(p)]
        for p in in_laws if len(in_laws) == 1 else namesakes:
            others = ", ".join(o.b.key for o in namesakes if o is not p)
            hold(p, cut, f"his daughter {others} bears the same name; this one may be his "
                  "son's wife, whose patronymic agrees with his name by chance")  # fmt: skip
            held.add(id(p))
    for p in unnamed:
        born = [c for c in family.children[p.a.person] if c.person != p.b.person]
        twin = [c for c in born if c.birth_year == p.b.birth_year]
        if id(p) not in held and twin and family.husbands(p):
            hold(p, cut, f"born the year his child {twin[0].key} was (twins are one birth in "
                  "eighty), and may be his son's wife, whose patronymic agrees with his name "
                  "by chance")  # fmt: skip
    return proposals


def hold_children_no_wife_could_bear(proposals: list, records, cut: float) -> list:
    """The proposals, a father link held below `cut` when the list has women who could be his
    wife and every one of them was past fifty at the child's birth: the child is most often his
    grandchild, whose father of the same name is not on the list (bench.family_bench
    --structured: 5 and 4 links at seeds 5 and 33, none of them true)."""
    family = Family(proposals, records, cut)
    for p in family.fathers:
        man, child = p.a, p.b
        if p.levels.get("named") in NAMED_LEVELS or None in (man.birth_year, child.birth_year):
            continue
        wives = [
            w
            for name in family_names(man.names)
            for w in family.women[name]
            if possible_wife(w, man, [])
        ]
        if wives and not any(possible_wife(w, man, [child]) for w in wives):
            named = ", ".join(w.key for w in wives[:3])
            hold(p, cut, f"none of the women who could be his wife ({named}) could have borne "
                  "this child: another generation's")  # fmt: skip
    return proposals
