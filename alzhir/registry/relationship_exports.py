"""`alzhir export relationships`: one row for each record of a with each record of b, so a
family link can be checked against any source's record ids (DESIGN.md)."""

from collections import defaultdict

from alzhir.registry.bulk import batched
from alzhir.registry.models import Record, Relationship

RELATIONSHIP_COLUMNS = [
    "type", "status", "score", "a_person_id", "a_source", "a_record_id",
    "b_person_id", "b_source", "b_record_id",
]  # fmt: skip


def relationship_rows(include_private=False):
    """`a` is the mother/father/spouse/sibling of `b`; score is a probability in [0, 1].
    Without include_private: the public links (proposed and confirmed, between public persons)
    and their public records' rows only, without the linker's reasons, which may quote a
    private record."""
    links = Relationship.objects if include_private else Relationship.objects.public()
    links = links.order_by("type", "a_id", "b_id", "pk")
    for chunk in batched(links.iterator(chunk_size=2000), 2000):
        records = _records_of(
            {p for link in chunk for p in (link.a_id, link.b_id)}, include_private
        )
        for link in chunk:
            for a_source, a_record_id in records[link.a_id]:
                for b_source, b_record_id in records[link.b_id]:
                    yield {
                        "type": link.type,
                        "status": link.status,
                        "score": link.score,
                        "a_person_id": str(link.a_id),
                        "a_source": a_source,
                        "a_record_id": a_record_id,
                        "b_person_id": str(link.b_id),
                        "b_source": b_source,
                        "b_record_id": b_record_id,
                    } | ({"reasons": link.reasons} if include_private else {})


def _records_of(person_ids, include_private) -> dict[int, list[tuple[str, str]]]:
    records = (Record.objects if include_private else Record.objects.public()).filter(
        person__in=person_ids
    )
    found = defaultdict(list)
    for person, source, record_id in records.order_by("source__name", "pk").values_list(
        "person", "source__name", "record_id"
    ):
        found[person].append((source, record_id))
    return found
