"""Relatives named on a record: the relative columns and relative text in lists.

Lists name relatives inline: the executed and orphanage registers as «Жена: Навроцкая Екатерина
Антоновна (1859); Дети: Иван (1925), Мария (1928)», Open List as a block «Отец/мать: Петров Иван
Николаевич (1870), Петрова Анна Семёновна (1875); Братья/сестры: …; Дети: …Источники данных: …»,
Latin-script lists as "wife: …, children: …". No library reads these phrases, so the role words
and the item splitting are written here by hand.
"""

import re
from dataclasses import dataclass, field

from alzhir.family.naming import named_sex

# Role word (lower case, ru/en) → the role the named person plays for the record's subject.
# Roles without a family link of the registry (grandparent, grandchild, nephew, uncle) are kept
# as named relatives only; "parent" is decided by the named person's sex.
ROLE_WORDS = {
    "мать": "mother", "мама": "mother", "mother": "mother",
    "отец": "father", "father": "father",
    "отец/мать": "parent", "родители": "parent", "father/mother": "parent",
    "parents": "parent",
    "жена": "spouse", "муж": "spouse", "супруга": "spouse", "супруг": "spouse",
    "wife": "spouse", "husband": "spouse", "spouse": "spouse",
    "дети": "child", "сын": "child", "сыновья": "child", "дочь": "child", "дочери": "child",
    "children": "child", "son": "child", "daughter": "child", "sons": "child",
    "daughters": "child",
    "сестра": "sibling", "сестры": "sibling", "брат": "sibling", "братья": "sibling",
    "братья/сестры": "sibling", "sister": "sibling", "brother": "sibling", "sisters": "sibling",
    "brothers": "sibling", "brothers/sisters": "sibling", "siblings": "sibling",
    "дедушки/бабушки": "grandparent", "grandparents": "grandparent",
    "внуки/внучки": "grandchild", "grandchildren": "grandchild",
    "племянники/племянницы": "nephew", "nephews/nieces": "nephew",
    "дяди/тети": "uncle", "дяди/тёти": "uncle", "uncles/aunts": "uncle",
}  # fmt: skip
RELATIVE_COLUMNS = {"mother_name": "mother", "father_name": "father", "spouse_name": "spouse"}
LINKED_ROLES = {"mother", "father", "parent", "spouse", "child", "sibling"}

_ROLE = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True))
    + r")\s*[:—–]\s*",
    re.IGNORECASE,
)
# Open List closes the block with its sources; nothing after it names a relative.
_BLOCK_END = re.compile(r"источники данных\s*:|sources\s*:", re.IGNORECASE)
_YEAR = re.compile(r"[(,]?\s*\(?(1[89]\d\d)\s*(?:г\.?\s*р?\.?|г\.р\.)?\)?")
# An item ends at «;», at a comma or «и» before a capital, or at the next role word.
_ITEM_SPLIT = re.compile(r"\s*;\s*|\s*,\s*(?=[A-ZА-ЯЁ])|\s+(?:и|and)\s+(?=[A-ZА-ЯЁ])")


@dataclass(frozen=True)
class Mention:
    """One relative named on a record: the role they play for the record's subject."""

    role: str  # mother, father, parent, spouse, child, sibling, grandparent, grandchild, ...
    name: str
    year: int | None = None
    where: str = ""  # the column it was read from
    # the words as the record wrote them («Отец/мать: Петров Иван Николаевич (1870)»): evidence
    phrase: str = field(default="", compare=False)


def _items(text: str) -> list[tuple[str, int | None, str]]:
    found = []
    for item in _ITEM_SPLIT.split(text):
        year_match = _YEAR.search(item)
        year = int(year_match.group(1)) if year_match else None
        name = _YEAR.sub(" ", item) if year_match else item
        name = re.sub(r"[()\[\]]", " ", name)
        name = " ".join(name.split()).strip(" .,-")
        if name and any(ch.isalpha() for ch in name):
            found.append((name, year, " ".join(item.split()).strip(" ,;")))
    return found


def _parent_role(name: str) -> str:
    """Father or mother from the way the parent is named, else "parent" (decided later by the
    sex of the record the name is found on)."""
    return {"M": "father", "F": "mother"}.get(named_sex(name), "parent")


def mentions_in_text(text: str, where: str = "") -> list[Mention]:
    """Relatives named after role words in free text."""
    if not text or not _ROLE.search(text):
        return []
    text = _BLOCK_END.split(text)[0]
    parts = _ROLE.split(text)
    mentions = []
    # parts: [before, role, after, role, after, ...]
    for role_word, after in zip(parts[1::2], parts[2::2], strict=True):
        role = ROLE_WORDS[role_word.casefold()]
        segment = re.split(r"\.\s+(?=[A-ZА-ЯЁ][a-zа-яё]+\s*[:—–])", after)[0]
        for name, year, item in _items(segment):
            kin = _parent_role(name) if role == "parent" else role
            mentions.append(Mention(kin, name, year, where, f"{role_word}: {item}"))
    return mentions


def mentions_in_fields(fields: dict, original: dict | None = None) -> list[Mention]:
    """Relatives from the relative columns and from role phrases in any other text column."""
    found: list[Mention] = []
    for column, role in RELATIVE_COLUMNS.items():
        value = fields.get(column, "")
        if value:
            texts = mentions_in_text(value, column)
            found += texts or [Mention(role, n, y, column, i) for n, y, i in _items(value)]
    seen_texts = set()
    for column, value in [*fields.items(), *(original or {}).items()]:
        if column in RELATIVE_COLUMNS or not isinstance(value, str) or value in seen_texts:
            continue
        seen_texts.add(value)
        found += mentions_in_text(value, column)
    return list(dict.fromkeys(found))
