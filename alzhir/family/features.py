"""The evidence for one candidate link, as discrete levels the scoring model weighs.

Every feature has a small set of named levels, so each weight can be read and each reason said
in words. `a` is the mother/father/spouse/sibling of `b`, as in the registry.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from alzhir.family.mentions import Mention
from alzhir.family.naming import (
    any_same_father,
    fathers_named,
    given_names,
    named_sex,
    one_family_name,
)
from alzhir.family.people import FamilyRecord
from alzhir.names import (
    NameParts,
    canonical,
    compare,
    parse_name,
)

SPOUSE_AGE_CLOSE, SPOUSE_AGE_MAX = 12, 30
SIBLING_AGE_CLOSE, SIBLING_AGE_MAX = 10, 25
SURNAME_AGREES = 0.85  # names engine score of a surname compared alone (gendered forms fold)
# A relative named with a year further than this from the record's birth is a namesake.
NAMESAKE_YEARS = 2
HUSBAND_FIRST_SPAN = 730  # days: wives were usually taken within two years of the husband

# A parent's age is a rule, not a weight: 15–50 or 15–60 years older (naming.GENERATION).
FEATURES = {
    "mother": ["named", "named_year", "surname", "place", "camp", "sentence"],
    "father": ["named", "named_year", "surname", "place", "patronymic", "sentence"],
    "spouse": ["named", "named_year", "surname", "age", "place", "sentence"],
    "sibling": ["named", "named_year", "surname", "age", "place", "patronymic", "sentence"],
}
# Levels that carry no weight and give no reason: the baseline each weight is measured from.
# A different surname is the baseline, so a renamed child loses nothing by it.
NEUTRAL = {"none", "unknown"}
# a relative the text names by these levels of the name is named, not guessed at
NAMED_LEVELS = {"full", "no_patronymic", "initials"}
BASELINE = {("surname", "different")}
# Evidence beyond a family name and a possible age; without any, a link stays below 0.5.
# A shared patronymic is part of the family name here: it nominates siblings and fathers.
CORROBORATING = {
    ("named", "full"), ("named", "no_patronymic"), ("named", "initials"),
    ("named_year", "agrees"), ("camp", "born_during_stay"), ("sentence", "same_day"),
    ("sentence", "husband_earlier"), ("place", "same"),
    ("via", "shared_parent"), ("via", "mother_and_husband"),
}  # fmt: skip


def weighed(name: str, level: str) -> bool:
    return level not in NEUTRAL and (name, level) not in BASELINE


@dataclass
class Candidate:
    type: str
    a: FamilyRecord
    b: FamilyRecord
    # Each relative phrase that may name the other side, and whose record holds it.
    mentions: list[tuple[Mention, str]] = field(default_factory=list)


@lru_cache(maxsize=200_000)
def mention_readings(name: str, context_surname: str) -> tuple[NameParts, ...]:
    """Ways to read a named relative. Lists often drop the surname a relative shares with the
    subject («Дети: Иван (1925)»), so a short name is also read with the subject's surname. A
    name that starts with that surname has it already: «Касымов Жумабай» read as «Касымов
    Касымов Жумабай» also named his brother Касым, a rival for his own father (bench.family_bench
    --structured with the text, seed 33: father recall 0.967 → 0.976)."""
    readings = list(parse_name(name))
    words = name.split()
    if context_surname and len(words) <= 2 and not one_family_name(words[0], context_surname):
        readings += parse_name(f"{context_surname} {name}", order="surname_first")[:1]
    return tuple(r for r in readings if r.surname)


def name_level(readings, names: list[NameParts]) -> str:
    """How a named relative agrees with a candidate's recorded names."""
    rank = ["other", "surname_only", "initials", "no_patronymic", "full"]
    levels = [_level(reading, name) for reading in readings for name in names]
    return max(levels, key=rank.index, default="other")


def _initial_agrees(initial: str, word: str) -> bool:
    if not initial or not word:
        return False
    if initial[:1].casefold() == word[:1].casefold():
        return True
    return canonical(word).startswith(canonical(initial)[:1])


def _level(reading: NameParts, name: NameParts) -> str:
    """Part by part, so a phrase that gives fewer parts is compared on those parts only."""
    same_family = one_family_name(reading.surname, name.surname)
    if same_family is None:
        surnames = compare(NameParts(surname=reading.surname), NameParts(surname=name.surname))
        same_family = surnames.score >= SURNAME_AGREES
    if not same_family:
        return "other"
    if not reading.given:
        return "surname_only"
    if reading.given_is_initial:
        if not _initial_agrees(reading.given, name.given):
            return "other"
    elif not compare(
        NameParts(surname=reading.surname, given=reading.given),
        NameParts(surname=name.surname, given=name.given),
    ).same:
        return "other"
    if not reading.patronymic or not name.patronymic:
        return "initials" if reading.given_is_initial else "no_patronymic"
    if reading.patronymic_is_initial:
        agrees = _initial_agrees(reading.patronymic, name.patronymic)
    else:
        agrees = compare(reading, name).same
    if not agrees:
        return "other"
    return "initials" if reading.given_is_initial or reading.patronymic_is_initial else "full"


def _named(c: Candidate) -> tuple[str, str, Mention | None]:
    """Best agreement of any phrase naming the other side: (level, year level, the phrase)."""
    best = ("none", "unknown", None)
    rank = ["none", "other", "surname_only", "initials", "no_patronymic", "full"]
    for mention, holder in c.mentions:
        subject, named = (c.b, c.a) if holder == "b" else (c.a, c.b)
        context = subject.names[0].surname if subject.names else ""
        level = name_level(mention_readings(mention.name, context), named.names)
        sex = named_sex(mention.name)
        another_sex = "U" not in (sex, named.sex) and sex != named.sex
        if another_sex or _years_apart(mention.year, named) > NAMESAKE_YEARS:
            level = "other"  # the same name, another person
        if rank.index(level) > rank.index(best[0]):
            best = (level, _year_level(mention.year, named), mention)
    return best


def _years_apart(year: int | None, named: FamilyRecord) -> int:
    if year is None or named.birth is None:
        return 0
    low, high = named.birth
    return max(low - year, year - high, 0)


def _year_level(year: int | None, named: FamilyRecord) -> str:
    if year is None or named.birth is None:
        return "unknown"
    low, high = named.birth
    return "agrees" if low - 1 <= year <= high + 1 else "conflicts"


def _surname(c: Candidate) -> str:
    keys_a, keys_b = c.a.surname_keys, c.b.surname_keys
    if not keys_a or not keys_b:
        return "unknown"
    return "same" if keys_a & keys_b else "different"


def _age(c: Candidate) -> str:
    if c.a.birth_year is None or c.b.birth_year is None:
        return "unknown"
    gap = c.b.birth_year - c.a.birth_year
    close, far = (
        (SPOUSE_AGE_CLOSE, SPOUSE_AGE_MAX)
        if c.type == "spouse"
        else (SIBLING_AGE_CLOSE, SIBLING_AGE_MAX)
    )
    gap = abs(gap)
    return "close" if gap <= close else "far" if gap <= far else "implausible"


def _place(c: Candidate) -> str:
    if not c.a.places or not c.b.places:
        return "unknown"
    return "same" if c.a.places & c.b.places else "different"


def _camp(c: Candidate) -> str:
    mother, child = c.a, c.b
    if child.born_in_camp and child.birth_lower:
        born = child.birth_lower
        for arrival, leaving in mother.camp_stays:
            if arrival <= born and (leaving is None or born <= leaving):
                return "born_during_stay"
        return "born_in_camp_mother_away" if mother.camp_stays else "unknown"
    if child.sent_to_orphanage and mother.persecuted_at and child.birth_lower:
        return "orphaned_after_arrest" if child.birth_lower <= mother.persecuted_at else "unknown"
    return "none"


def patronymic_agreement(c: Candidate) -> str:
    """The child's (or sibling's) patronymic against the father's given name or the sibling's."""
    fathers = fathers_named(c.b.names)
    if not fathers:
        return "unknown"
    given = given_names(c.a.names) if c.type == "father" else fathers_named(c.a.names)
    if not given:
        return "unknown"
    return "agrees" if any_same_father(fathers, given) else "conflicts"


def _sentence(c: Candidate) -> str:
    da, db = c.a.sentence_date, c.b.sentence_date
    if not da or not db:
        return "unknown"
    if da == db:
        bodies = {c.a.sentencing_body, c.b.sentencing_body}
        return "same_day" if len(bodies - {""}) <= 1 else "different"
    if c.type == "spouse":
        husband, wife = (c.a, c.b) if c.a.sex == "M" else (c.b, c.a)
        if husband.sex == "M" and wife.sex != "M":
            lag = (wife.sentence_date - husband.sentence_date).days
            if 0 < lag <= HUSBAND_FIRST_SPAN:
                return "husband_earlier"
    return "different"


def features(c: Candidate) -> tuple[dict[str, str], Mention | None]:
    """Each feature's level for the candidate, and the phrase that named the relative."""
    named, named_year, mention = _named(c)
    compute = {
        "named": lambda: named,
        "named_year": lambda: named_year,
        "surname": lambda: _surname(c),
        "age": lambda: _age(c),
        "place": lambda: _place(c),
        "camp": lambda: _camp(c),
        "patronymic": lambda: patronymic_agreement(c),
        "sentence": lambda: _sentence(c),
    }
    return {name: compute[name]() for name in FEATURES[c.type]}, mention


def surname_alone(levels: dict[str, str], type_: str = "") -> bool:
    """True when nothing but a family name (and an age that fits) speaks for the link. Sisters
    and brothers are nominated by surname and patronymic, so for them a shared town is not
    enough either: they need a relative named, a shared sentencing or a shared parent. Nor is
    it for a father whose given name is not known to be the child's patronymic: every man of a
    village's surname would be a Kazakh or Latvian child's father."""
    town_alone = type_ == "sibling" or (type_ == "father" and levels.get("patronymic") != "agrees")
    enough = CORROBORATING - ({("place", "same")} if town_alone else set())
    return not any((name, level) in enough for name, level in levels.items())
