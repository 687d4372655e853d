"""Links that cannot all be right, held for an archivist with both sides in the reasons.

Each proposal is scored on its own pair; a family is more than pairs. A person is nobody's
parent and sibling at once, nobody her own ancestor; siblings share a parent; a child's mother
and father are each other's spouse when both have one. A link in such a contradiction is held
just below the proposal threshold (so it is written for review, never counted as found) and
says what it contradicts. One contradiction has a weaker side: a sibling link that would give
two children different parents yields to a parent the relatives' text names (a brother's
phrase fits a namesake of his sister in another family; both families' fathers are named).
"""

from collections import defaultdict

from alzhir.family.features import NAMED_LEVELS
from alzhir.family.naming import SIBLING_SPAN

CONTRADICTS = "contradicts"
HELD_BELOW = 0.01  # how far under the threshold a contradicted link is held
HELD = "held for review"  # ends the reason of a link held below the threshold: it is written


def _words(p) -> str:
    return f"{p.a.key} as {p.type} of {p.b.key} ({p.score:.2f})"


def _pair(p) -> frozenset:
    return frozenset((p.a.person, p.b.person))


def contradictions(proposals: list, cut: float) -> list[tuple[object, object]]:
    """(held, other): proposals at or above `cut` that cannot both be true, the first held
    because of the second. Most pairs come both ways round; a named parent is never held
    because of a sibling link."""
    links = [p for p in proposals if p.score >= cut]
    by_pair = defaultdict(list)
    parents = defaultdict(dict)  # child person → {"mother"/"father": proposal}
    spouses = defaultdict(list)
    for p in links:
        by_pair[_pair(p)].append(p)
        if p.type in ("mother", "father"):
            parents[p.b.person].setdefault(p.type, p)
        elif p.type == "spouse":
            spouses[p.a.person].append(p)
            spouses[p.b.person].append(p)
    found = []
    for same_pair in by_pair.values():
        kinds = {p.type for p in same_pair}
        if len(same_pair) > 1 and kinds & {"mother", "father"}:
            found += [(x, y) for i, x in enumerate(same_pair) for y in same_pair[i + 1 :]]
    found += _own_ancestors(links)
    found += _children_too_far_apart(links)
    yielding = []  # (held, other) one way round
    for p in links:
        if p.type != "sibling":
            continue
        for role in ("mother", "father"):
            x, y = parents[p.a.person].get(role), parents[p.b.person].get(role)
            if x and y and x.a.person != y.a.person and not _shares_other_parent(p, parents):
                yielding += [(p, x), (p, y)]
                yielding += [(parent, p) for parent in (x, y) if not _named(parent)]
    for known in parents.values():
        mother, father = known.get("mother"), known.get("father")
        if not (mother and father):
            continue
        wives = {_other(s, father.a.person) for s in spouses[father.a.person]}
        husbands = {_other(s, mother.a.person) for s in spouses[mother.a.person]}
        if wives and husbands and mother.a.person not in wives:
            found += [(mother, father)]
    return found + [(y, x) for x, y in found] + yielding


def _named(link) -> bool:
    return link.levels.get("named") in NAMED_LEVELS


def _other(spouse_link, person):
    return spouse_link.b.person if spouse_link.a.person == person else spouse_link.a.person


def _shares_other_parent(sibling, parents) -> bool:
    """Half-siblings share one parent: different fathers are no contradiction then."""
    a, b = parents[sibling.a.person], parents[sibling.b.person]
    return any(role in a and role in b and a[role].a.person == b[role].a.person for role in a)


def _children_too_far_apart(links) -> list[tuple[object, object]]:
    """A father's children are siblings: born more than 25 years apart, one of them is another
    man's child (a namesake's in the village, or his son's). Mothers are left out: named on
    the orphanage lists, they lost a found child to it (mother named recall 0.990 → 0.989)."""
    by_parent = defaultdict(list)
    for p in links:
        if p.type == "father" and p.b.birth_year is not None:
            by_parent[p.a.person].append(p)
    found = []
    for children in by_parent.values():
        for i, x in enumerate(children):
            for y in children[i + 1 :]:
                if abs(x.b.birth_year - y.b.birth_year) > SIBLING_SPAN:
                    found.append((x, y))
    return found


def _own_ancestors(links) -> list[tuple[object, object]]:
    children = defaultdict(list)
    for p in links:
        if p.type in ("mother", "father"):
            children[p.a.person].append(p)
    found = []
    for start in list(children):
        stack, seen = [(p, p) for p in children[start]], set()
        while stack:
            first, link = stack.pop()
            if link.b.person == start:
                found.append((first, link))
                break
            if link.b.person in seen:
                continue
            seen.add(link.b.person)
            stack += [(first, p) for p in children.get(link.b.person, ())]
    return found


def hold(link, cut: float, why: str) -> None:
    """Hold a link just below `cut`: written for review with `why`, never counted as found.
    Every rule that holds a link (contradictions, rivals' namesakes, in-laws, wives) does it
    here, so that registry.py can tell a held link by its reason's ending."""
    link.score = min(link.score, round(cut - HELD_BELOW, 4))
    link.reasons.append(f"{why}: {HELD}")


def hold_contradictions(proposals: list, cut: float) -> list:
    """The proposals, those in a contradiction held below `cut` with the other side named."""
    held, kept = defaultdict(list), defaultdict(list)
    for x, y in contradictions(proposals, cut):
        if x is y:
            continue
        held[id(x)].append(y)
        kept[id(y)].append(x)
    # every reason written before any score is lowered: each quotes the scores as proposed
    holding = []
    for p in proposals:
        holding += [(p, f"{CONTRADICTS} {_words(other)}") for other in held.get(id(p), ())]
        for other in kept.get(id(p), ()):
            if not any(o is other for o in held.get(id(p), ())):
                p.reasons.append(f"{CONTRADICTS} {_words(other)}, held instead: named here")
    for p, why in holding:
        hold(p, cut, why)
    return proposals
