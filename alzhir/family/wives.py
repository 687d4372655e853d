"""A man with children on a family list has a wife on it, and she is nobody's daughter there.

Deportation lists took whole households: a son's wife went with his family, under its surname.
Each man proposed as a father needs a woman of his family name and village who could have
borne his children (in_laws.possible_wife). The men are matched to such women, one wife each,
using only women no father link claims as a daughter. A man left without a wife shows that one
of the women proposed as daughters is his wife, her patronymic her father-in-law's name by
chance; each proposed daughter who could be his wife is held for review, him named. Of the
daughters this holds, at most one per man is his wife; the others are true daughters held too,
which an archivist sees at a glance.

It replaces the rule that held a son's wife when she alone could be his (in_laws, before;
the same figures with or without it, that case included) and reaches the sons with two or
three such women. On bench.family_bench --structured without the text (seeds 21 / 5 / 33),
added alone it moved father precision against every true link 0.980 → 0.986, 0.959 → 0.970,
0.965 → 0.977 at recall 0.813 → 0.801, 0.790 → 0.771, 0.808 → 0.797, and siblings 0.953 →
0.970, 0.917 → 0.949, 0.919 → 0.955 at recall 0.702 → 0.678, 0.673 → 0.638, 0.670 → 0.649.
With in_laws' same-year rule before it, it holds 8 / 8 / 13 wrong fathers and 17 / 11 / 12
true daughters. Holding only the women of a man with at most two (three, four) such women was
measured and not kept: sibling precision 0.944 at seed 5 with two, no gain with four.
"""

from collections import defaultdict

from alzhir.family.consistency import hold
from alzhir.family.features import NAMED_LEVELS
from alzhir.family.in_laws import Family, possible_wife
from alzhir.family.naming import family_names


def _match(men: list, wives_of: dict, allowed: set) -> dict:
    """A maximum matching of men to allowed women (augmenting paths): man → woman.

    The path is searched with a stack of its own: on a registry whose records name no village
    every man of a common surname is in one search, deeper than Python's recursion limit."""
    husband_of = {}
    for man in men:
        seen, stack, path = set(), [(man, iter(wives_of[man]))], []
        while stack:
            suitor, women = stack[-1]
            woman = next((w for w in women if w in allowed and w not in seen), None)
            if woman is None:
                stack.pop()
                if path:
                    path.pop()
                continue
            seen.add(woman)
            path.append(woman)
            if woman not in husband_of:
                for (suitor, _), wife in zip(stack, path, strict=True):
                    husband_of[wife] = suitor
                break
            stack.append((husband_of[woman], iter(wives_of[husband_of[woman]])))
    return {man: woman for woman, man in husband_of.items()}


def hold_wives_taken_for_daughters(proposals: list, records, cut: float) -> list:
    """The proposals, father links to daughters held below `cut` when a man of the family has
    no other woman of the list who could be his children's mother."""
    family = Family(proposals, records, cut)
    daughter = {
        p.b.person: p
        for p in family.fathers
        if p.b.sex == "F" and p.levels.get("named") not in NAMED_LEVELS
    }
    father_of = {p.b.person: p.a.person for p in family.fathers}
    men = {person: man for by_person in family.men.values() for person, man in by_person.items()}
    wives_of = defaultdict(list)  # man person → women who could be his wife
    for person, man in men.items():
        for name in family_names(man.names):
            for woman in family.women[name]:
                fits = possible_wife(woman, man, family.children[person])
                if fits and woman.person not in wives_of[person]:
                    wives_of[person].append(woman.person)
    free = {w for women in wives_of.values() for w in women if w not in father_of}
    married = _match(list(men), wives_of, free)
    for person, man in men.items():
        if person in married:
            continue
        children = ", ".join(c.key for c in family.children[person][:3])
        for woman in wives_of[person]:
            link = daughter.get(woman)
            if link is None or link.a.person == person or link.score < cut:
                continue
            his = "his son " if father_of.get(person) == link.a.person else ""
            hold(link, cut, f"may be the wife of {his}{man.key}, father of {children}, whom no "
                  "woman of the list but those proposed as daughters could have borne: a "
                  "daughter-in-law's patronymic agrees with her father-in-law's name by "
                  "chance")  # fmt: skip
    return proposals
