"""The records behind one number: the persons a table cell counts, each with the records and
the phrases (events) that put her there.

The cell's members are grouped by person once (one pass, one sort); a page or a chunk of the
CSV then fetches only its own persons' records and events, so the whole CSV costs time linear
in the cell's rows (it rebuilt a set per member and scanned every member per chunk before:
minutes of CPU for 200,000 persons; bench/drilldown_bench.py)."""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch

from alzhir.registry.models import Event, Name, Person, Record
from alzhir.stats.table import Cell, Member

CHUNK = 500
CSV_COLUMNS = [
    "person_id", "name", "source", "record_id", "event_type", "date", "place", "text",
]  # fmt: skip


def members_by_person(members: Iterable[Member]) -> dict[int, list[Member]]:
    """The members of each person, persons in id order (import order), members in record then
    event order."""
    grouped = defaultdict(list)
    for member in sorted(members, key=lambda m: (m.person_id, m.record_id, m.event_id or 0)):
        grouped[member.person_id].append(member)
    return grouped


def person_page(cell: Cell, page: int, per_page: int = 100) -> tuple[list[dict], int]:
    """One page of the cell's persons and the page count."""
    person_ids = sorted(cell.person_ids)
    pages = max(1, -(-len(person_ids) // per_page))
    page = min(max(page, 1), pages)
    wanted = set(person_ids[(page - 1) * per_page : page * per_page])
    return _persons(members_by_person(m for m in cell.members if m.person_id in wanted)), pages


def _persons(grouped: dict[int, list[Member]]) -> list[dict]:
    """The persons of `grouped`, each with her records and the events that count her."""
    members = [m for group in grouped.values() for m in group]
    records = (
        Record.objects.public()
        .filter(pk__in={m.record_id for m in members})
        .select_related("source")
        .prefetch_related(Prefetch("names", queryset=Name.objects.public()))
        .in_bulk()
    )
    events = (
        Event.objects.public()
        .filter(pk__in={m.event_id for m in members if m.event_id})
        .select_related("place", "origin")
        .in_bulk()
    )
    persons = Person.objects.public().in_bulk(list(grouped))
    result = []
    for person_id, group in grouped.items():
        if person_id not in persons:
            continue
        evidence = defaultdict(list)
        for member in group:
            found = evidence[member.record_id]
            if member.event_id in events:
                found.append(events[member.event_id])
        result.append(
            {
                "person": persons[person_id],
                "records": [
                    {"record": records[record_id], "events": found}
                    for record_id, found in evidence.items()
                    if record_id in records
                ],
            }
        )
    return result


def csv_rows(cell: Cell) -> Iterator[list]:
    """Every member of the cell, one line per record and event, fetched in chunks of persons."""
    yield CSV_COLUMNS
    grouped = members_by_person(cell.members)
    person_ids = list(grouped)
    for start in range(0, len(person_ids), CHUNK):
        chunk = {pid: grouped[pid] for pid in person_ids[start : start + CHUNK]}
        for entry in _persons(chunk):
            person = entry["person"]
            for item in entry["records"]:
                record = item["record"]
                names = list(record.names.all())
                base = [person.pk, person.display_name or (names[0].full_text if names else ""),
                        record.source.name, record.record_id]  # fmt: skip
                if not item["events"]:
                    yield base + ["", "", "", ""]
                for event in item["events"]:
                    place = event.place.name if event.place else event.place_text
                    yield base + [event.type, event.date_edtf, place, event.text]
