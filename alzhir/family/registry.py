"""Run the family linker over the registry and write its proposals through the actions.

Archivists' decisions rule: a confirmed or rejected link (in either order, for spouses and
siblings) is never rewritten, and links are relationships between persons, never merges.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from alzhir.family.consistency import HELD
from alzhir.family.linker import SYMMETRIC, person_key, propose_links, unfound_mentions
from alzhir.family.model import Proposal, Weights, thresholds
from alzhir.family.people import EventFact, FamilyRecord, build_record
from alzhir.names import parse_name
from alzhir.progress import bar
from alzhir.registry.actions import do_add_relationship, do_set_named_relatives
from alzhir.registry.models import Event, Person, ProposalStatus, Record, Relationship

ACTOR = "family-linker"


@dataclass
class FamilyRunSummary:
    records: int = 0
    scored: int = 0
    proposed: dict[str, int] = field(default_factory=dict)
    updated: int = 0
    unchanged: int = 0
    kept_decided: int = 0
    named_added: int = 0
    named_removed: int = 0

    def text(self) -> str:
        by_type = ", ".join(f"{n} {t}" for t, n in sorted(self.proposed.items())) or "none"
        return (
            f"{self.records} records, {self.scored} person pairs scored; newly proposed or "
            f"rescored: {by_type} ({self.updated} of them rescored); {self.unchanged} proposals "
            f"unchanged; {self.kept_decided} decided by an archivist, left as they are; "
            f"relatives named but not found: {self.named_added} added, {self.named_removed} "
            "found or gone"
        )


def _name_parts(name):
    """The name as its parts were recorded; a name kept only as text is read in its likelier
    order (a Latin-script list writes the given name first)."""
    parts = " ".join(p for p in (name.surname, name.given_name, name.patronymic) if p)
    if name.surname and parts:
        return parse_name(parts, order="surname_first")[0]
    return parse_name(name.full_text)[0]


def load_records() -> list[FamilyRecord]:
    """Every record of the registry as the linker sees it: names, fields and events."""
    events: dict[int, list[EventFact]] = {}
    for event in Event.objects.select_related("place", "origin").iterator(chunk_size=5000):
        place = " ".join(
            filter(
                None,
                [
                    event.place.key if event.place else "",
                    event.place.name if event.place else "",
                    event.place_text,
                ],
            )
        )
        origin = event.origin.name if event.origin else event.origin_text
        events.setdefault(event.record_id, []).append(
            EventFact(event.type, event.date_lower, event.date_upper, place, origin)
        )
    public = set(Record.objects.public().values_list("pk", flat=True))
    records = []
    query = Record.objects.select_related("source").prefetch_related("names").order_by("pk")
    for record in query.iterator(chunk_size=2000):
        names = [_name_parts(n) for n in record.names.all()]
        records.append(
            build_record(
                f"{record.source.name}:{record.record_id}",
                record.person_id,
                record.fields,
                names=[n for n in names if n.surname or n.given],
                sex=record.sex,
                events=events.get(record.pk, []),
                original=record.original,
                birth_bounds=(record.birth_lower, record.birth_upper),
                private=record.pk not in public,
                pk=record.pk,
            )
        )
    return records


def _decided_pairs() -> set[tuple[str, int, int]]:
    decided = set()
    for type_, a, b in Relationship.objects.exclude(status=ProposalStatus.PROPOSED).values_list(
        "type", "a_id", "b_id"
    ):
        decided.add((type_, a, b))
        if type_ in SYMMETRIC:
            decided.add((type_, b, a))
    return decided


def run_family(
    actor: str = ACTOR,
    weights: Weights | None = None,
    progress: bool | None = None,
    say: Callable[[str], None] | None = None,
) -> FamilyRunSummary:
    """Propose family links between persons; returns what was written."""
    say = say or (lambda _message: None)
    records = load_records()
    say(f"{len(records)} records read")
    proposals = propose_links(records, weights, say, _bar("scoring", "pairs", progress))
    cut = thresholds()["propose"]
    decided = _decided_pairs()
    already = {
        (type_, a, b): (score, reasons)
        for type_, a, b, score, reasons in Relationship.objects.filter(
            status=ProposalStatus.PROPOSED
        ).values_list("type", "a", "b", "score", "reasons")
    }
    summary = FamilyRunSummary(records=len(records), scored=len(proposals))
    wanted = [p for p in proposals if p.score >= cut or person_key(p) in already or _held(p)]
    persons = Person.objects.in_bulk({p.a.person for p in wanted} | {p.b.person for p in wanted})
    for proposal in _bar("writing", "links", progress)(wanted, len(wanted)):
        key = person_key(proposal)
        if key in decided:
            summary.kept_decided += 1
            continue
        if already.get(key) == (proposal.score, proposal.reasons):
            summary.unchanged += 1
            continue
        do_add_relationship(
            proposal.type,
            persons[key[1]],
            persons[key[2]],
            actor,
            score=proposal.score,
            reasons=proposal.reasons,
            private=proposal.private,
        )
        summary.updated += key in already
        if proposal.score >= cut:
            summary.proposed[proposal.type] = summary.proposed.get(proposal.type, 0) + 1
    linked = [p for p in proposals if p.score >= cut] + list(_decided_links(records))
    summary.named_added, summary.named_removed = do_set_named_relatives(
        [
            {"record_id": r.pk, "kin": m.role, "name": m.name, "year": m.year, "phrase": m.phrase}
            for r, m in unfound_mentions(records, linked)
        ],
        actor,
    )
    return summary


def _held(proposal) -> bool:
    """A link held below the threshold (a contradiction, a rival who fits as well, a possible
    daughter-in-law): written, so staff see both sides."""
    return any(reason.endswith(HELD) for reason in proposal.reasons)


def _decided_links(records: list[FamilyRecord]):
    """Confirmed links, as proposals: a relative an archivist linked is found."""
    by_person: dict[int, FamilyRecord] = {}
    for record in records:
        by_person.setdefault(record.person, record)
    for type_, a, b in Relationship.objects.filter(status=ProposalStatus.CONFIRMED).values_list(
        "type", "a_id", "b_id"
    ):
        if a in by_person and b in by_person:
            yield Proposal(type_, by_person[a], by_person[b], 1.0, {}, [])


def _bar(stage: str, unit: str, progress: bool | None):
    return lambda items, total: bar(items, total=total, desc=stage, unit=unit, shown=progress)


def relative_record_pairs() -> list[tuple[str, str]]:
    """Record pairs ("source:record_id") of persons linked as parent and child, for the duplicate
    linker's known-different list: a child is never merged into its mother."""
    links = Relationship.objects.filter(type__in=["mother", "father"]).exclude(
        status=ProposalStatus.REJECTED
    )
    person_ids = set(links.values_list("a", flat=True)) | set(links.values_list("b", flat=True))
    keys: dict[int, list[str]] = {}
    for person, source, record_id in Record.objects.filter(person__in=person_ids).values_list(
        "person", "source__name", "record_id"
    ):
        keys.setdefault(person, []).append(f"{source}:{record_id}")
    return [
        (x, y)
        for a, b in links.values_list("a", "b")
        for x in keys.get(a, ())
        for y in keys.get(b, ())
    ]
