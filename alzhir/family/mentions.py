"""Relatives named on a record: the relative columns and relative text in lists.

Lists of the executed and orphanage registers name relatives inline, «Жена: Навроцкая
Екатерина Антоновна (1859); Дети: Иван (1925), Мария (1928)». No library reads these phrases,
so the role words and the item splitting are written here by hand.
"""

import re
from dataclasses import dataclass

# Role word (lower case, ru/en) → the role the named person plays for the record's subject.
ROLE_WORDS = {
    "мать": "mother", "мама": "mother", "mother": "mother",
    "отец": "father", "father": "father",
    "жена": "spouse", "муж": "spouse", "супруга": "spouse", "супруг": "spouse",
    "wife": "spouse", "husband": "spouse", "spouse": "spouse",
    "дети": "child", "сын": "child", "сыновья": "child", "дочь": "child", "дочери": "child",
    "children": "child", "son": "child", "daughter": "child", "sons": "child",
    "daughters": "child",
    "сестра": "sibling", "сестры": "sibling", "брат": "sibling", "братья": "sibling",
    "sister": "sibling", "brother": "sibling", "sisters": "sibling", "brothers": "sibling",
}  # fmt: skip
RELATIVE_COLUMNS = {"mother_name": "mother", "father_name": "father", "spouse_name": "spouse"}

_ROLE = re.compile(
    r"(?<!\w)(" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")\s*[:—–]\s*",
    re.IGNORECASE,
)
_YEAR = re.compile(r"[(,]?\s*\(?(1[89]\d\d)\s*(?:г\.?\s*р?\.?|г\.р\.)?\)?")
# An item ends at «;», at a comma or «и» before a capital, or at the next role word.
_ITEM_SPLIT = re.compile(r"\s*;\s*|\s*,\s*(?=[A-ZА-ЯЁ])|\s+и\s+(?=[A-ZА-ЯЁ])")


@dataclass(frozen=True)
class Mention:
    """One relative named on a record: the role they play for the record's subject."""

    role: str  # mother, father, spouse, child, sibling
    name: str
    year: int | None = None
    where: str = ""  # the column it was read from


def _items(text: str) -> list[tuple[str, int | None]]:
    found = []
    for item in _ITEM_SPLIT.split(text):
        year_match = _YEAR.search(item)
        year = int(year_match.group(1)) if year_match else None
        name = _YEAR.sub(" ", item) if year_match else item
        name = re.sub(r"[()\[\]]", " ", name)
        name = " ".join(name.split()).strip(" .,-")
        if name and any(ch.isalpha() for ch in name):
            found.append((name, year))
    return found


def mentions_in_text(text: str, where: str = "") -> list[Mention]:
    """Relatives named after role words in free text."""
    if not text or not _ROLE.search(text):
        return []
    parts = _ROLE.split(text)
    mentions = []
    # parts: [before, role, after, role, after, ...]
    for role_word, after in zip(parts[1::2], parts[2::2], strict=True):
        role = ROLE_WORDS[role_word.casefold()]
        segment = re.split(r"\.\s+(?=[A-ZА-ЯЁ][a-zа-яё]+\s*[:—–])", after)[0]
        for name, year in _items(segment):
            mentions.append(Mention(role, name, year, where))
    return mentions


def mentions_in_fields(fields: dict, original: dict | None = None) -> list[Mention]:
    """Relatives from the relative columns and from role phrases in any other text column."""
    found: list[Mention] = []
    for column, role in RELATIVE_COLUMNS.items():
        value = fields.get(column, "")
        if value:
            texts = mentions_in_text(value, column)
            found += texts or [Mention(role, n, y, column) for n, y in _items(value)]
    seen_texts = set()
    for column, value in [*fields.items(), *(original or {}).items()]:
        if column in RELATIVE_COLUMNS or not isinstance(value, str) or value in seen_texts:
            continue
        seen_texts.add(value)
        found += mentions_in_text(value, column)
    return list(dict.fromkeys(found))
