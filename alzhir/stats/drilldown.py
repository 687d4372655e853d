"""The records behind one number: the persons a table cell counts, each with the records and
the phrases (events) that put her there."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Prefetch

from alzhir.registry.models import Event, Name, Person, Record
from alzhir.stats.table import Cell

CHUNK = 500
CSV_COLUMNS = [
    "person_id", "name", "source", "record_id", "event_type", "date", "place", "text",
]  # fmt: skip


def person_page(cell: Cell, page: int, per_page: int = 100) -> tuple[list[dict], int]:
    """One page of the cell's persons (in id order, i.e. import order) and the page count."""
    person_ids = sorted(cell.person_ids)
    pages = max(1, -(-len(person_ids) // per_page))
    page = min(max(page, 1), pages)
    return _persons(cell, person_ids[(page - 1) * per_page : page * per_page]), pages


def _persons(cell: Cell, person_ids: list[int]) -> list[dict]:
    wanted = [m for m in cell.members if m.person_id in set(person_ids)]
    records = {
        r.pk: r
        for r in Record.objects.public()
        .filter(pk__in={m.record_id for m in wanted})
        .select_related("source")
        .prefetch_related(Prefetch("names", queryset=Name.objects.public()))
    }
    events = {
        e.pk: e
        for e in Event.objects.public()
        .filter(pk__in={m.event_id for m in wanted if m.event_id})
        .select_related("place", "origin")
    }
    persons = Person.objects.public().in_bulk(person_ids)
    by_person = defaultdict(lambda: defaultdict(list))
    for m in sorted(wanted, key=lambda m: (m.record_id, m.event_id or 0)):
        evidence = by_person[m.person_id][m.record_id]
        if m.event_id in events:
            evidence.append(events[m.event_id])
    return [
        {
            "person": persons[pid],
            "records": [
                {"record": records[rid], "events": evs} for rid, evs in by_person[pid].items()
            ],
        }
        for pid in person_ids
        if pid in persons
    ]


def csv_rows(cell: Cell) -> Iterator[list]:
    """Every member of the cell, one line per record and event, fetched in chunks."""
    yield CSV_COLUMNS
    person_ids = sorted(cell.person_ids)
    for start in range(0, len(person_ids), CHUNK):
        for entry in _persons(cell, person_ids[start : start + CHUNK]):
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
