"""Of two namesake men who fit as a child's father, one may be the other's father.

Russian families repeat a name down the line (Иван Иванович, son of Иван), so a child whose
patronymic is Иванович fits both the young man and his father, and the model shares the
probability between them (each below one half). A father's children are born at most 25
years apart (naming.SIBLING_SPAN): a candidate whose own proposed children were born more than
that before or after this child belongs to another generation, and is left out of the
competition, which the other candidate then wins on his own evidence. On bench.family_bench
--structured (seed 21) 67 stated fathers were lost to a split; this recovers about 25 of them,
and of the 98 men it leaves out none was the father (at seed 5, 2 of 93 were).
"""

from collections import defaultdict

from alzhir.family.naming import SIBLING_SPAN


def other_generation(proposals, cut: float) -> dict[tuple, str]:
    """(man, child) person pairs to leave out of the father competition, each with its reason."""
    children = defaultdict(list)  # man person → his proposed children's records
    offered = defaultdict(list)  # child person → the father links offered for her
    for p in proposals:
        if p.type != "father":
            continue
        offered[p.b.person].append(p)
        if p.score >= cut and p.b.birth_year is not None:
            children[p.a.person].append(p.b)
    left_out = {}
    for child, links in offered.items():
        if len(links) < 2 or links[0].b.birth_year is None:
            continue
        born = links[0].b.birth_year
        out = {}
        for link in links:
            far = [c for c in children[link.a.person] if abs(c.birth_year - born) > SIBLING_SPAN]
            if far:
                out[(link.a.person, child)] = (
                    f"his children {', '.join(c.key for c in far[:3])} were born more than "
                    f"{SIBLING_SPAN} years apart from this child: another generation"
                )
        if len(out) < len(links):  # someone is left to be the father
            left_out |= out
    return left_out
