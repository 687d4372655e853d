"""Exports that other tools rely on (DESIGN.md): one row per record, named by source and id."""

import csv
import json

from alzhir.registry.models import Event, Record

PERSON_COLUMNS = ["person_id", "source", "record_id", "name", "birth_date"]
# `date` is the EDTF reading; `date_text` the date as the source wrote it (kept even unread).
EVENT_COLUMNS = ["person_id", "source", "record_id", "type", "date", "place", "text", "date_text"]


def _first_name(record) -> str:
    """The name the record gives first (names are prefetched; sorted here, not re-queried)."""
    names = sorted(record.names.all(), key=lambda n: n.pk)
    return names[0].full_text if names else ""


def person_rows(include_private=False):
    records = Record.objects.select_related("source").prefetch_related("names")
    if not include_private:
        records = records.filter(is_private=False, person__is_private=False)
    for record in records.order_by("source__name", "pk").iterator(chunk_size=5000):
        yield {
            "person_id": str(record.person_id),
            "source": record.source.name,
            "record_id": record.record_id,
            "name": _first_name(record),
            "birth_date": record.birth_edtf,
            "original": record.original,
            "fields": record.fields,
        }


def event_rows(include_private=False):
    events = Event.objects.select_related("record__source", "place")
    if not include_private:
        events = events.filter(
            is_private=False, record__is_private=False, record__person__is_private=False
        )
    for event in events.order_by("record__source__name", "record_id", "pk").iterator(5000):
        yield {
            "person_id": str(event.record.person_id),
            "source": event.record.source.name,
            "record_id": event.record.record_id,
            "type": event.type,
            "date": event.date_edtf,
            "place": event.place.name if event.place else event.place_text,
            "text": event.text,
            "date_text": event.date_text,
        }


def write(rows, columns, fmt, stream) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns])
            count += 1
    else:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count
