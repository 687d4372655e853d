"""A file imported again into its source, corrected: which rows are new, which are there
already exactly as written, and which are there with other content. A record is never written
over (a correction is a new assertion, made by an archivist), so the last are reported, not
written. Read-only: the import action calls it under its table locks, a dry run without."""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from alzhir.registry.bulk import batched
from alzhir.registry.models import Record, Source
from alzhir.registry.ready import ReadyRecord

_CHUNK = 5000  # record ids per query (SQLite allows 32,766 parameters)


@dataclass
class Partition:
    new: int = 0  # how many: new rows are written as they come, not kept
    unchanged: list[ReadyRecord] = field(default_factory=list)
    changed: list[ReadyRecord] = field(default_factory=list)


class Partitioner:
    """Splits a file's drafts, chunk by chunk, against what the source holds (read once)."""

    def __init__(self, source: Source | None):
        self.source = source
        self.existing = (
            set(Record.objects.filter(source=source).values_list("record_id", flat=True))
            if source
            else set()
        )
        self.rows = Partition()

    def new_chunks(self, records: Iterable[ReadyRecord], size: int = _CHUNK):
        """The new records, chunk by chunk of `size` records read (a stream stays one)."""
        for chunk in batched(records, size):
            yield self.new(chunk)

    def new(self, records: list[ReadyRecord]) -> list[ReadyRecord]:
        """The records of the chunk that are new; the others are kept in `rows`."""
        overlap = [r.record_id for r in records if r.record_id in self.existing]
        stored = {}
        for start in range(0, len(overlap), _CHUNK):
            ids = overlap[start : start + _CHUNK]
            rows = Record.objects.filter(source=self.source, record_id__in=ids)
            stored.update(rows.values_list("record_id", "original"))
        new = []
        for record in records:
            if record.record_id not in stored:
                new.append(record)
            elif stored[record.record_id] == json.loads(record.original):
                self.rows.unchanged.append(record)
            else:
                self.rows.changed.append(record)
        self.rows.new += len(new)
        return new


def stored_columns(source_name: str) -> set[str] | None:
    """The columns the source's records were imported with (None for a source with none)."""
    original = (
        Record.objects.filter(source__name=source_name).values_list("original", flat=True).first()
    )
    return set(original) if original is not None else None
