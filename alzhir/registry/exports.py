"""Exports that other tools rely on (DESIGN.md): one row per record, named by source and id.
Without include_private they read through the visibility rule, like every public page."""

import csv
import json

from django.db.models import Prefetch

from alzhir.registry.models import Event, Name, Record

PERSON_COLUMNS = ["person_id", "source", "record_id", "name", "birth_date"]
# `date` is the EDTF reading; `date_text` the date as the source wrote it (kept even unread).
EVENT_COLUMNS = ["person_id", "source", "record_id", "type", "date", "place", "text", "date_text"]


def _first_name(record) -> str:
    """The name the record gives first (names are prefetched; sorted here, not re-queried)."""
    names = sorted(record.names.all(), key=lambda n: n.pk)
    return names[0].full_text if names else ""


def person_rows(include_private=False):
    if include_private:
        records = Record.objects.prefetch_related("names")
    else:
        records = Record.objects.public().prefetch_related(
            Prefetch("names", queryset=Name.objects.public())
        )
    records = records.select_related("source").order_by("source__name", "pk")
    for record in records.iterator(chunk_size=5000):
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
    events = Event.objects if include_private else Event.objects.public()
    events = events.select_related("record__source", "place")
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
