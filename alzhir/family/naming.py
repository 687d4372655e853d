"""What Russian naming says of family: one family name in its feminine and masculine forms, a
father's given name in his children's patronymic, and the spans generations allow.

alzhir.names folds spellings loosely to find one person under many spellings (Лоос and Лось
share the key "los"); a family is stricter: the same surname up to its gendered ending. The
endings are the grammar of Russian surnames, written here because no library folds them alone.
"""

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from alzhir.names import NameParts, canonical, given_name_group, patronymic_to_father

# Feminine ending → masculine, on the canonical Latin spelling (Петрова → petrova → petrov).
_GENDERED = [
    ("skaya", "skiy"), ("tskaya", "tskiy"), ("skaja", "skiy"), ("aya", "yy"), ("yaya", "iy"),
    ("ova", "ov"), ("eva", "ev"), ("yova", "yov"), ("ina", "in"), ("yna", "yn"),
]  # fmt: skip
_MASCULINE = [
    ("skiy", "skiy"), ("skii", "skiy"), ("skij", "skiy"), ("sky", "skiy"), ("ski", "skiy"),
    ("iy", "yy"),
]  # fmt: skip
# A child is born to a mother 15–50 years old and a father 15–60 (lists hold fathers of 60).
GENERATION = (15, 60)
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


def family_names(names: list[NameParts]) -> set[str]:
    return {family_name(s) for n in names for s in (n.surname, *n.surname_parts) if s} - {""}


def fathers_named(names: list[NameParts]) -> set[str]:
    """The father's given name (its group: Иван, Ivan, Johann alike) a patronymic says."""
    return {
        patronymic_to_father(n.patronymic)
        for n in names
        if n.patronymic and not n.patronymic_is_initial
    } - {""}


def given_names(names: list[NameParts]) -> set[str]:
    return {given_name_group(n.given) for n in names if n.given and not n.given_is_initial} - {""}


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
