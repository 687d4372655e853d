"""`alzhir export relationships`: one row for each record of a with each record of b, so a
family link can be checked against any source's record ids (DESIGN.md)."""

from collections import defaultdict

from alzhir.registry.models import Record, Relationship

RELATIONSHIP_COLUMNS = [
    "type", "status", "score", "a_person_id", "a_source", "a_record_id",
    "b_person_id", "b_source", "b_record_id",
]  # fmt: skip


def relationship_rows(include_private=False):
    """`a` is the mother/father/spouse/sibling of `b`; score is a probability in [0, 1]."""
    links = Relationship.objects.order_by("type", "a_id", "b_id", "pk")
    if not include_private:
        links = links.filter(is_private=False, a__is_private=False, b__is_private=False)
    for chunk in _chunks(links.iterator(chunk_size=2000), 2000):
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
                        "reasons": link.reasons,
                    }


def _records_of(person_ids, include_private) -> dict[int, list[tuple[str, str]]]:
    records = Record.objects.filter(person__in=person_ids)
    if not include_private:
        records = records.filter(is_private=False)
    found = defaultdict(list)
    for person, source, record_id in records.order_by("source__name", "pk").values_list(
        "person", "source__name", "record_id"
    ):
        found[person].append((source, record_id))
    return found


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
