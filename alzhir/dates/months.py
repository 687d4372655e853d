"""Month words in Russian (every case, abbreviations), English, and Roman numerals.

Hand-written: dateparser knows these words but also guesses freely (relative dates,
"today", month-first numbers); archival text needs a reader that refuses what it cannot
read for sure, and a closed table of month words is the simplest such reader.
"""

from __future__ import annotations

_RUSSIAN_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_RUSSIAN_ABBREVIATIONS = (
    ("янв",),
    ("фев", "февр"),
    ("мар",),
    ("апр",),
    (),
    ("июн",),
    ("июл",),
    ("авг",),
    ("сен", "сент"),
    ("окт",),
    ("ноя", "нояб"),
    ("дек",),
)
_ENGLISH = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_ENGLISH_ABBREVIATIONS = (
    ("jan",),
    ("feb",),
    ("mar",),
    ("apr",),
    (),
    ("jun",),
    ("jul",),
    ("aug",),
    ("sep", "sept"),
    ("oct",),
    ("nov",),
    ("dec",),
)
ROMAN_MONTHS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _russian_case_forms(nominative: str) -> list[str]:
    """Genitive, dative, instrumental and prepositional forms of a month name."""
    if nominative[-1] in "ьй":
        stem = nominative[:-1]
        return [nominative, stem + "я", stem + "ю", stem + "е", stem + "ем"]
    return [nominative, nominative + "а", nominative + "у", nominative + "е", nominative + "ом"]


def _build_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number in range(1, 13):
        index = number - 1
        words = _russian_case_forms(_RUSSIAN_NOMINATIVE[index])
        words += list(_RUSSIAN_ABBREVIATIONS[index])
        words += [_ENGLISH[index], *_ENGLISH_ABBREVIATIONS[index]]
        for word in words:
            table[word] = number
    return table


MONTH_WORDS: dict[str, int] = _build_table()
ENGLISH_MONTHS = _ENGLISH
RUSSIAN_GENITIVE = tuple(_russian_case_forms(n)[1] for n in _RUSSIAN_NOMINATIVE)
RUSSIAN_NOMINATIVE = _RUSSIAN_NOMINATIVE


def month_number(word: str) -> int | None:
    """The month a word names («декабря», «дек.», "Dec", "XII"), or None."""
    key = word.lower().rstrip(".").replace("ё", "е") if word else ""
    if key in MONTH_WORDS:
        return MONTH_WORDS[key]
    if key in ROMAN_MONTHS:
        return ROMAN_MONTHS.index(key) + 1
    return None
