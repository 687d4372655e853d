"""Records in, person-to-person link proposals out; nothing here touches the database."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from alzhir.family.candidates import candidates, one_person
from alzhir.family.consistency import hold_contradictions
from alzhir.family.features import (
    Candidate,
    mention_readings,
    name_level,
    patronymic_agreement,
)
from alzhir.family.generations import other_generation
from alzhir.family.in_laws import hold_children_no_wife_could_bear, hold_daughters_in_law
from alzhir.family.mentions import LINKED_ROLES
from alzhir.family.model import CAPPED_REASON, Proposal, Weights, score_candidates, thresholds
from alzhir.family.naming import plausible
from alzhir.family.people import EventFact, FamilyRecord, build_record
from alzhir.family.wives import hold_wives_taken_for_daughters

SYMMETRIC = {"spouse", "sibling"}


def propose_links(
    records: Iterable[FamilyRecord],
    weights: Weights | None = None,
    say: Callable[[str], None] | None = None,
    progress: Callable | None = None,
) -> list[Proposal]:
    """The best-scored proposal for each (type, person a, person b), strongest first.

    Records of one person are pooled: a link between two persons takes the score of their
    best-evidenced pair of records, and a person is never proposed as their own relative.
    Links that follow from others (a father through the mother's husband, siblings through a
    shared parent) are added with the product of the probabilities they rest on.
    `progress(iterable, total)` may wrap the scoring loop in a progress bar.
    """
    say = say or (lambda _message: None)
    records = list(records)
    found = candidates(records)
    say(f"{len(found)} candidate pairs")
    best: dict[tuple, Proposal] = {}
    for proposal in score_candidates(found, weights, progress=progress):
        _keep_best(best, proposal)
    _rescore_without_other_generation(found, best, weights)
    cut, scored = thresholds()["propose"], list(best.values())
    # Held before links are derived from them: no siblings through a father held for review.
    hold_daughters_in_law(scored, records, cut)
    hold_children_no_wife_could_bear(scored, records, cut)
    # last: the women held above are free to be wives, the grandchildren held are nobody's
    hold_wives_taken_for_daughters(scored, records, cut)
    for proposal in _derived(scored, cut):
        direct = best.get(person_key(proposal))
        if direct is None or direct.levels.get("named") != "other":
            # a record naming the pair's siblings or parents, and not this one, outweighs a
            # shared parent inferred elsewhere
            _keep_best(best, proposal)
    held = hold_contradictions(list(best.values()), cut)
    return sorted(held, key=lambda p: (-p.score, p.type, str(p.a.person)))


def _rescore_without_other_generation(found: list[Candidate], best: dict, weights) -> None:
    """Fathers competed for again, without the men of another generation."""
    left_out = other_generation(best.values(), thresholds()["propose"])
    if not left_out:
        return
    children = {child for _, child in left_out}
    again = [
        c
        for c in found
        if c.type == "father"
        and c.b.person in children
        and (c.a.person, c.b.person) not in left_out
    ]
    for proposal in score_candidates(again, weights):
        _keep_best(best, proposal)
    for (man, child), reason in left_out.items():
        best[("father", man, child)].reasons.append(reason)


def person_key(proposal: Proposal) -> tuple:
    a, b = proposal.a.person, proposal.b.person
    if proposal.type in SYMMETRIC and b < a:
        a, b = b, a
    return (proposal.type, a, b)


def _keep_best(best: dict, proposal: Proposal) -> None:
    key = person_key(proposal)
    known = best.get(key)
    if known is None:
        best[key] = proposal
    elif proposal.score > known.score:
        # the weaker line of evidence is kept as reasons, without its verdict
        earlier = [r for r in known.reasons if not r.startswith(CAPPED_REASON)]
        # a father found as the mother's husband is still the one the text names
        named = {"named": known.levels["named"]} if "named" in known.levels else {}
        best[key] = replace(
            proposal, levels=named | proposal.levels, reasons=proposal.reasons + earlier
        )


def _derived(proposals: list[Proposal], cut: float) -> list[Proposal]:
    children = defaultdict(list)  # parent person → [(type, proposal)]
    husbands = defaultdict(list)  # wife person → [(husband record, proposal)]
    for p in proposals:
        if p.score < cut:
            continue
        if p.type in ("mother", "father"):
            children[p.a.person].append(p)
        elif p.type == "spouse":
            for wife, husband in ((p.a, p.b), (p.b, p.a)):
                if husband.sex == "M" and wife.sex != "M":
                    husbands[wife.person].append((husband, p))
    derived = []
    for parent, links in children.items():
        for i, x in enumerate(links):
            for y in links[i + 1 :]:
                a, b = sorted((x.b, y.b), key=lambda r: r.person)
                if (
                    a.person == b.person
                    or one_person(a, b)
                    or not plausible("sibling", a, b, shared_mother=x.type == "mother")
                ):
                    continue
                derived.append(
                    Proposal(
                        "sibling",
                        a,
                        b,
                        round(x.score * y.score, 4),
                        {"via": "shared_parent"},
                        [
                            f"both proposed as children of the same {x.type} "
                            f"({x.score:.2f}, {y.score:.2f})"
                        ],
                        x.private or y.private,
                    )
                )
        for child_link in links:
            if child_link.type != "mother":
                continue
            for husband, marriage in husbands.get(parent, ()):
                candidate = Candidate("father", husband, child_link.b)
                if (
                    husband.person == child_link.b.person
                    or patronymic_agreement(candidate) != "agrees"
                    or not plausible("father", husband, child_link.b)
                ):
                    continue
                derived.append(
                    Proposal(
                        "father",
                        husband,
                        child_link.b,
                        round(child_link.score * marriage.score, 4),
                        {"via": "mother_and_husband"},
                        [
                            f"child of the mother ({child_link.score:.2f}) whose "
                            f"husband he is ({marriage.score:.2f}); the child's "
                            "patronymic agrees with his given name"
                        ],
                        child_link.private or marriage.private,
                    )
                )
    return derived


FOUND_LEVELS = {"full", "no_patronymic", "initials"}


def unfound_mentions(records: list[FamilyRecord], links: list[Proposal]):
    """(record, mention) for each relative a record names who is none of the persons linked to
    the record's person: kept as a named relative until a list that has her is imported. A
    relative of a kind the registry does not link (a grandparent, a nephew) is always kept."""
    linked = defaultdict(set)  # person → persons linked to her
    for p in links:
        linked[p.a.person].add(p.b.person)
        linked[p.b.person].add(p.a.person)
    names = defaultdict(list)
    for record in records:
        names[record.person] += record.names
    for record in records:
        if record.pk is None:
            continue
        context = record.names[0].surname if record.names else ""
        for mention in record.mentions:
            readings = mention_readings(mention.name, context)
            if mention.role in LINKED_ROLES and any(
                name_level(readings, names[other]) in FOUND_LEVELS
                for other in linked[record.person]
            ):
                continue
            yield record, mention


def events_from_text(fields: dict) -> list[EventFact]:
    """Events the registry would read from a list's sentence text, for runs without a database
    (benchmarks): the same extractor the importer uses, when it is installed."""
    try:
        from alzhir.ingest.sentence_text import extract_events
    except ImportError:
        return []
    if not (fields.get("sentence") or fields.get("sentence_date")):
        return []
    extraction = extract_events(
        fields.get("sentence", ""),
        sentence_date=fields.get("sentence_date", ""),
        sentencing_body=fields.get("sentencing_body", ""),
        charge=fields.get("charge", ""),
    )
    return [
        EventFact(
            e.type,
            e.date.lower if e.date else None,
            e.date.upper if e.date else None,
            " ".join(
                filter(None, [e.to_place_key or e.place_key, e.to_place_text or e.place_text])
            ),
            e.from_place_text or "",
        )
        for e in extraction.events
    ]


SEX_CODES = {"женщина": "F", "ж": "F", "f": "F", "мужчина": "M", "м": "M", "m": "M"}


def record_from_fields(source: str, fields: dict, person=None) -> FamilyRecord:
    """A FamilyRecord straight from a list row's registry fields (no database)."""
    key = f"{source}:{fields['record_id']}"
    sex = SEX_CODES.get(fields.get("sex", "").strip().casefold(), "U")
    return build_record(key, person or key, fields, sex=sex, events=events_from_text(fields))
