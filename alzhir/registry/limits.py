"""What the registry's bounded text columns hold, for checks made before an import writes:
PostgreSQL refuses a longer value mid-write while SQLite stores it silently, and a file must be
refused alike on both, before anything is written. (EDTF readings are bounded by
alzhir.dates.MAX_EDTF_LENGTH; NUL characters, which PostgreSQL cannot store in any text, are
refused by the importer cell by cell.)"""

from alzhir.registry.drafts import RecordDraft
from alzhir.registry.models import ImportBatch, Name, Record, Source


def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


RECORD_ID = _limit(Record, "record_id")
NAME_PARTS = {part: _limit(Name, part) for part in ("surname", "given_name", "patronymic")}
SOURCE_NAME = _limit(Source, "name")
FILE_NAME = _limit(ImportBatch, "file_name")
PROFILE_NAME = _limit(ImportBatch, "profile")
SHORTEST = min(RECORD_ID, *NAME_PARTS.values())


def overlong(draft: RecordDraft) -> list[tuple[str, int, int]]:
    """The draft's values longer than their columns: (field, length, limit)."""
    found = []
    if len(draft.record_id) > RECORD_ID:
        found.append(("record_id", len(draft.record_id), RECORD_ID))
    for name in draft.names:
        for part, limit in NAME_PARTS.items():
            if len(getattr(name, part)) > limit:
                found.append((part, len(getattr(name, part)), limit))
    return found
