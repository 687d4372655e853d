"""Sentence text the extractor could not fully read, grouped by pattern for an archivist.

Nothing is dropped: every record that kept fragments in fields["sentence_unparsed"] is listed
under the pattern of each of its fragments. Private records are included: this is staff work."""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from alzhir.registry.models import Record

_DATE = re.compile(r"(?<!\w)[\d_]{1,3}[._][\d_]{1,2}[._][\d_]{2,4}(?!\w)")
_NUMBER = re.compile(r"\d+")
# A capitalised word (a name of a place, a person, a camp): patterns differ by wording, not by
# which town is named. Acronyms (ИТЛ, НКВД) stay, as they say what kind of phrase it is.
_PROPER = re.compile(r"(?<=[\s.«\"(])[A-ZА-ЯЁ][a-zа-яё][\w-]*")
_SPACE = re.compile(r"\s+")


@dataclass
class Fragment:
    source: str
    record_id: str
    person_id: int
    fragment: str
    sentence: str


@dataclass
class Pattern:
    pattern: str
    items: list[Fragment] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "pattern": self.pattern,
            "count": len(self.items),
            "items": [vars(item) for item in self.items],
        }


def pattern_of(fragment: str) -> str:
    text = _DATE.sub("ДД.ММ.ГГГГ", fragment.strip())
    text = _NUMBER.sub("N", text)
    text = _PROPER.sub("…", text)
    return _SPACE.sub(" ", text).strip(" .;,") or "(empty)"


def unparsed_fragments(sources: tuple[str, ...] = ()) -> tuple[list[Pattern], int]:
    """Patterns, biggest first, and the number of records with anything unread."""
    records = Record.objects.filter(fields__has_key="sentence_unparsed")
    if sources:
        records = records.filter(source__name__in=sources)
    rows = records.order_by("source__name", "pk").values_list(
        "source__name", "record_id", "person_id", "fields__sentence_unparsed", "fields__sentence"
    )
    groups: dict[str, Pattern] = defaultdict(lambda: Pattern(""))
    record_count = 0
    for source, record_id, person_id, fragments, sentence in rows:
        record_count += 1
        if isinstance(fragments, str):
            fragments = [fragments]
        for text in fragments or [sentence or ""]:
            key = pattern_of(text)
            groups[key].pattern = key
            groups[key].items.append(Fragment(source, record_id, person_id, text, sentence or ""))
    patterns = sorted(groups.values(), key=lambda p: (-len(p.items), p.pattern))
    return patterns, record_count
