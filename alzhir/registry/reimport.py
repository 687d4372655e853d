"""A file imported again into its source, corrected: which rows are new, which are there
already exactly as written, and which are there with other content. A record is never written
over (a correction is a new assertion, made by an archivist), so the last are reported, not
written. Read-only: the import action calls it under its table locks, a dry run without."""

from dataclasses import dataclass, field

from alzhir.registry.drafts import RecordDraft
from alzhir.registry.models import Record, Source

_CHUNK = 5000  # record ids per query (SQLite allows 32,766 parameters)


@dataclass
class Partition:
    new: list[RecordDraft] = field(default_factory=list)
    unchanged: list[RecordDraft] = field(default_factory=list)
    changed: list[RecordDraft] = field(default_factory=list)


def partition(source: Source | None, drafts: list[RecordDraft]) -> Partition:
    if source is None:
        return Partition(new=list(drafts))
    existing = set(Record.objects.filter(source=source).values_list("record_id", flat=True))
    overlap = [d.record_id for d in drafts if d.record_id in existing]
    stored = {}
    for start in range(0, len(overlap), _CHUNK):
        ids = overlap[start : start + _CHUNK]
        rows = Record.objects.filter(source=source, record_id__in=ids)
        stored.update(rows.values_list("record_id", "original"))
    split = Partition()
    for draft in drafts:
        if draft.record_id not in stored:
            split.new.append(draft)
        elif stored[draft.record_id] == draft.original:
            split.unchanged.append(draft)
        else:
            split.changed.append(draft)
    return split


def stored_columns(source_name: str) -> set[str] | None:
    """The columns the source's records were imported with (None for a source with none)."""
    original = (
        Record.objects.filter(source__name=source_name).values_list("original", flat=True).first()
    )
    return set(original) if original is not None else None
