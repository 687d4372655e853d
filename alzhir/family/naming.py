"""What Russian naming says of family: one family name in its feminine and masculine forms, a
father's given name in his children's patronymic, and the spans generations allow.

alzhir.names folds spellings loosely to find one person under many spellings (Лоос and Лось
share the key "los"); a family is stricter: the same surname up to its gendered ending. The
endings are the grammar of Russian surnames, written here because no library folds them alone.
"""

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from alzhir.names import (
    NameParts,
    canonical,
    detect_script,
    given_name_group,
    patronymic_to_father,
)

# Feminine ending → masculine, on the canonical Latin spelling (Петрова → petrova → petrov).
_GENDERED = [
    ("skaya", "skiy"), ("tskaya", "tskiy"), ("skaja", "skiy"), ("aya", "yy"), ("yaya", "iy"),
    ("ova", "ov"), ("eva", "ev"), ("yova", "yov"), ("ina", "in"), ("yna", "yn"),
]  # fmt: skip
_MASCULINE = [
    ("skiy", "skiy"), ("skii", "skiy"), ("skij", "skiy"), ("sky", "skiy"), ("ski", "skiy"),
    ("iy", "yy"),
]  # fmt: skip
# A child is born to a mother 15–50 years old and a father 15–60: the real families
# (a man of 1869 and one of 1907 are father and son, not brothers) and demography agree.
GENERATION = {"mother": (15, 50), "father": (15, 60)}
# Siblings of one father are rarely born more than 25 years apart.
SIBLING_SPAN = 25


@lru_cache(maxsize=200_000)
def family_name(surname: str) -> str:
    """The surname with its gendered ending folded: Петрова, Петров → petrov; Лоос → loos,
    Лось → los (two families)."""
    word = canonical(surname).replace(" ", "")
    for feminine, masculine in _GENDERED + _MASCULINE:
        if word.endswith(feminine) and len(word) > len(feminine) + 1:
            return word[: -len(feminine)] + masculine
    return word


MALE_PATRONYMIC = re.compile(r"(вич|ич|оглы|улы|uly|ogly|vich)\.?$", re.IGNORECASE)
FEMALE_PATRONYMIC = re.compile(r"(вна|чна|кызы|qyzy|kyzy|vna|chna)\.?$", re.IGNORECASE)
_FEMININE_SURNAME = re.compile(r"(ova|eva|yova|ina|yna|skaya|tskaya|aya)$")
_MASCULINE_SURNAME = re.compile(r"(ov|ev|yov|in|yn|skiy|skii|skij|sky|tskiy|yy|iy)$")


@lru_cache(maxsize=100_000)
def named_sex(name: str) -> str:
    """F, M or U from the way a relative is named: a patronymic's ending, else a surname's
    gendered ending («Домбровский А. И.» is a man, «Kuznetsova Olga» a woman)."""
    words = [w for w in name.replace(".", ". ").split() if len(w.strip(".")) > 1]
    for word in words[1:]:
        if MALE_PATRONYMIC.search(word):
            return "M"
        if FEMALE_PATRONYMIC.search(word):
            return "F"
    surname = canonical(words[0]) if words else ""
    if len(surname) > 4 and _FEMININE_SURNAME.search(surname):
        return "F"
    if len(surname) > 4 and _MASCULINE_SURNAME.search(surname):
        return "M"
    return "U"


def family_names(names: list[NameParts]) -> set[str]:
    return {family_name(s) for n in names for s in (n.surname, *n.surname_parts) if s} - {""}


def near_surnames(a: NameParts, b: NameParts) -> bool:
    """Two surnames in one script that alzhir.names folds together but a family does not
    (Лоос and Лось): never one family."""
    return one_family_name(a.surname, b.surname) is False


def one_family_name(a: str, b: str) -> bool | None:
    """True or False for two surnames written in one script (Лоос and Лось: two families);
    None across scripts, where transliteration differs and alzhir.names has to judge."""
    if detect_script(a) != detect_script(b):
        return None
    return family_name(a) == family_name(b)


def fathers_named(names: list[NameParts]) -> set[str]:
    """The father's given name (its group: Иван, Ivan, Johann alike) a patronymic says."""
    return {
        patronymic_to_father(n.patronymic)
        for n in names
        if n.patronymic and not n.patronymic_is_initial
    } - {""}


# German and Polish given names under the Russian name their children's patronymics were made
# from (Иоганн's son is Иванович, Юзеф's Иосифович); alzhir.names groups spellings of one
# name, not one name's Russian counterpart.
RUSSIFIED = {
    "Иоганн": "Иван", "Иоганнес": "Иван", "Ганс": "Иван", "Юзеф": "Иосиф", "Józef": "Иосиф",
    "Фридрих": "Фёдор", "Вильгельм": "Василий", "Кароль": "Карл", "Михаэль": "Михаил",
    "Готфрид": "Богдан", "Людвиг": "Леонид", "Войцех": "Адальберт", "Ежи": "Георгий",
}  # fmt: skip
_RUSSIFIED = {given_name_group(k): given_name_group(v) for k, v in RUSSIFIED.items()}


def given_names(names: list[NameParts]) -> set[str]:
    """The given names' groups and, for a German or Polish name, its Russian counterpart's."""
    groups = {given_name_group(n.given) for n in names if n.given and not n.given_is_initial}
    return (groups | {_RUSSIFIED[g] for g in groups if g in _RUSSIFIED}) - {""}


def same_father(a: str, b: str) -> bool:
    """Whether two father's names (from a given name or a patronymic) are one name: Яков is
    Якович's father as well as Яковлевич's, Генрих is Гейнрихович's (a clerk's spelling)."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 2:
        return True
    return len(short) >= 5 and Levenshtein.distance(a, b) <= 1


def any_same_father(a: set[str], b: set[str]) -> bool:
    return any(same_father(x, y) for x in a for y in b)


def plausible(type_: str, a, b, shared_mother: bool = False) -> bool:
    """Whether Russian naming and generations allow `a` to be the `type_` of `b` (records with
    names and birth years): a father's given name is his child's patronymic, siblings share
    one (unless a shared mother makes them siblings under another surname: a renamed orphan,
    a half-brother), a
    parent is 15–50/60 years older, siblings are born at most 25 years apart. Precision
    comes first: a link these rules forbid is not proposed, whatever else speaks for it."""
    gap = None
    if a.birth_year is not None and b.birth_year is not None:
        gap = b.birth_year - a.birth_year
    if type_ in GENERATION:
        low, high = GENERATION[type_]
        if gap is not None and not low <= gap <= high:
            return False
        if type_ == "father":
            fathers, given = fathers_named(b.names), given_names(a.names)
            return not (fathers and given) or any_same_father(fathers, given)
        return True
    if type_ == "sibling":
        if gap is not None and abs(gap) > SIBLING_SPAN:
            return False
        if given_names(a.names) & given_names(b.names):
            return False  # a family gives two living children two names
        fathers_a, fathers_b = fathers_named(a.names), fathers_named(b.names)
        renamed = not family_names(a.names) & family_names(b.names)
        if (shared_mother and renamed) or not (fathers_a and fathers_b):
            return True
        return any_same_father(fathers_a, fathers_b)
    return True
