"""Index keys of a parsed name, and how alike two names are, with the reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein

from alzhir.names import typos
from alzhir.names.given import (
    given_count,
    given_name_groups,
    given_sex,
    key,
    patronymic_sex,
    patronymic_to_father,
    surname_sex,
)
from alzhir.names.parse import NameParts, parse_name
from alzhir.names.reasons import Reason
from alzhir.names.surnames import split_surname, surname_key, surname_keys
from alzhir.names.translit import canonical, detect_script, phonetic_fold

WEIGHTS = {"surname": 0.5, "given": 0.3, "patronymic": 0.2}
PART_THRESHOLD = 0.8  # every part present on both sides must reach this for "same"
SAME_THRESHOLD = 0.85
# A part with slips: (score for one letter, for two). Two still pass PART_THRESHOLD, so a long
# surname with two slips is the same woman when the given name and patronymic agree.
SLIP_SCORES = {"surname": (0.88, 0.82), "given": (0.85, 0.8), "patronymic": (0.85, 0.8)}
RARE_NAME_COUNT = 20
"""A known name rarer than this may be a slip for a common one: «Рахиь» reads as a case form of
the rare Рахия (4 bearers in russiannames), but is Рахиль misspelt; Марта (193) beside Мария is
a sister."""
SURNAME_FORM_PENALTY = 0.03
"""A masculine surname against a woman (or the reverse) when nothing else tells the sex: still a
match (relatives type «Плисецкий Рахиль»), but a woman's own form ranks first."""


@dataclass(frozen=True)
class Comparison:
    score: float
    same: bool
    why: list[str] = field(default_factory=list)


@lru_cache(maxsize=1 << 17)
def _surname_key_set(surname: str, tradition: str) -> frozenset[str]:
    """Keys of a surname and of each part of a double-barrelled one."""
    found = set(surname_keys(surname, tradition))
    for part in split_surname(surname):
        found.update(surname_keys(part, tradition))
    return frozenset(k for k in found if k)


def _surname_keys(parts: NameParts) -> frozenset[str]:
    return _surname_key_set(parts.surname, parts.tradition) if parts.surname else frozenset()


@lru_cache(maxsize=1 << 17)
def _phonetic_set(keys: frozenset[str]) -> frozenset[str]:
    return frozenset(phonetic_fold(k) for k in keys)


# An initial is the first sound, not the first folded letter: И. is Иосифовна (folded "esif"),
# Х. is not К. (both "k"), Ш. is not С.
_INITIAL = re.compile(r"shch|sh|ch|zh|kh|ts|y[au]|i")


def _initial_key(name: str, tradition: str = "") -> str:
    spelled = canonical(name, tradition).replace(" ", "")
    initial = _INITIAL.match(spelled)
    return initial.group() if initial else key(name, tradition)[:1]


def name_keys(parts: NameParts) -> dict[str, set[str]]:
    """Index keys by kind; each part of a double-barrelled surname gives keys too."""
    surnames = _surname_keys(parts)
    tradition = parts.tradition
    keys: dict[str, set[str]] = {
        "surname": set(surnames),
        "surname_phonetic": set(_phonetic_set(surnames)),
        "given": set(),
        "given_initial": set(),
        "father": set(),
        "patronymic_initial": set(),
    }
    if parts.given:
        keys["given_initial"].add(_initial_key(parts.given, tradition))
        if not parts.given_is_initial:
            keys["given"].update(given_name_groups(parts.given, tradition))
    if parts.patronymic:
        keys["patronymic_initial"].add(_initial_key(parts.patronymic, tradition))
        if not parts.patronymic_is_initial:
            keys["father"].add(patronymic_to_father(parts.patronymic, tradition))
    return keys


def _sex(parts: NameParts) -> str:
    tradition = parts.tradition
    if parts.patronymic and not parts.patronymic_is_initial:
        sex = patronymic_sex(parts.patronymic, tradition)
        if sex:
            return sex
    given = parts.given
    if given and not parts.given_is_initial and len(given_name_groups(given, tradition)) == 1:
        return given_sex(given, tradition)
    return ""


def _surname_forms_differ(a: NameParts, b: NameParts, sex_a: str, sex_b: str) -> bool:
    """One side's sex known only from its surname's form («Тухачевская»), and the other's
    differing: a woman searched by her surname ranks before her husband."""
    form_a = surname_sex(a.surname, a.tradition) if a.surname else ""
    form_b = surname_sex(b.surname, b.tradition) if b.surname else ""
    sex_a, sex_b = sex_a or form_a, sex_b or form_b
    return bool(sex_a and sex_b and sex_a != sex_b)


def _parts_disagree(a: NameParts, b: NameParts) -> bool:
    """Both surnames double and only one half shared: «Бао-Цой» is not «Гон-Цой»."""
    if len(a.surname_parts) < 2 or len(b.surname_parts) < 2:
        return False
    halves_a = {surname_key(p, a.tradition) for p in a.surname_parts}
    halves_b = {surname_key(p, b.tradition) for p in b.surname_parts}
    return bool(halves_a - halves_b) and bool(halves_b - halves_a)


def _surname_score(a: NameParts, b: NameParts, why: list[str]) -> float:
    keys_a, keys_b = _surname_keys(a), _surname_keys(b)
    if keys_a & keys_b:
        if _parts_disagree(a, b):
            why.append(Reason("double_half_only"))
            return 0.6
        full_a, full_b = surname_key(a.surname, a.tradition), surname_key(b.surname, b.tradition)
        if full_a != full_b:
            why.append(Reason("double_part"))
        if detect_script(a.surname) != detect_script(b.surname):
            why.append(Reason("transliteration"))
        elif canonical(a.surname, a.tradition) != canonical(b.surname, b.tradition):
            why.append(Reason("declined_form" if full_a == full_b else "surname_spelling"))
        return 1.0
    if _phonetic_set(keys_a) & _phonetic_set(keys_b) and not _parts_disagree(a, b):
        why.append(Reason("sounds_alike"))
        return 0.92
    # a typo can shift a fold (оу → u), so the plain canonical spelling is measured too
    spellings_a = keys_a | _spellings(a.surname, a.tradition)
    spellings_b = keys_b | _spellings(b.surname, b.tradition)
    slip = _closest(spellings_a, spellings_b)
    if slip is not None:
        count, key_a, key_b = slip
        part_a, part_b = _part_with(a, key_a), _part_with(b, key_b)
        why.append(_slip_reason("surname", part_a, part_b, count, key_a, key_b))
        return SLIP_SCORES["surname"][count - 1]
    return max(
        JaroWinkler.normalized_similarity(ka, kb) * 0.8 for ka in spellings_a for kb in spellings_b
    )


def _part_with(parts: NameParts, spelling: str) -> str:
    """The half of a double surname a spelling belongs to (the whole surname otherwise)."""
    for part in parts.surname_parts if len(parts.surname_parts) > 1 else ():
        if spelling in _surname_key_set(part, parts.tradition) | _spellings(part, parts.tradition):
            return part
    return parts.surname


def _closest(spellings_a, spellings_b) -> tuple[int, str, str] | None:
    """(slips, a, b) of the closest pair of spellings within the slip budget, if any."""
    found = [
        (count, ka, kb)
        for ka in spellings_a
        for kb in spellings_b
        if ka and kb and (count := typos.slips(ka, kb))
    ]
    return min(found) if found else None


def _slip_reason(part: str, a: str, b: str, count: int, key_a: str, key_b: str) -> Reason:
    """«typo in the surname: Плесецкая for Плисецкая («е» for «и»)», read on the names as
    written when they share a script and are as close, else on their Latin keys."""
    written, meant = a.lower().replace("ё", "е"), b.lower().replace("ё", "е")
    if detect_script(a) != detect_script(b) or typos.slips(written, meant) != count:
        written, meant = key_a, key_b
    return Reason("typo", part=part, written=a, meant=b, slips=typos.slip_list(written, meant))


def _given_score(a: NameParts, b: NameParts, why: list[str]) -> float:
    if a.given_is_initial or b.given_is_initial:
        if _initial_key(a.given, a.tradition) == _initial_key(b.given, b.tradition):
            why.append(Reason("initial_agrees"))
            return 0.85
        return 0.0
    groups_a = given_name_groups(a.given, a.tradition)
    groups_b = given_name_groups(b.given, b.tradition)
    ka, kb = key(a.given, a.tradition), key(b.given, b.tradition)
    if set(groups_a) & set(groups_b):
        if ka != kb:
            why.append(Reason("equivalent_given", a=a.given, b=b.given))
        return 1.0
    known_a = given_count(a.given, a.tradition)
    known_b = given_count(b.given, b.tradition)
    if min(known_a, known_b) >= RARE_NAME_COUNT:
        return 0.0  # Марта is not a misspelt Мария, nor Марьям a longer one
    if _syllables_agree(a, b):
        why.append(Reason("syllables_alike"))
        return 0.85
    if not (known_a and known_b) and min(len(ka), len(kb)) >= 2:
        if ka.startswith(kb) or kb.startswith(ka):
            why.append(Reason("shortened_given"))
            return 0.8
    slip = _closest(_spellings(a.given, a.tradition), _spellings(b.given, b.tradition))
    if slip is not None:
        why.append(_slip_reason("given name", a.given, b.given, *slip))
        return SLIP_SCORES["given"][slip[0] - 1]
    return 0.0


@lru_cache(maxsize=1 << 17)
def _spellings(word: str, tradition: str) -> frozenset[str]:
    """Forms a slip is counted on: the lookup key, the canonical spelling (the key collapses
    doubled letters, so «Ттьяна» is two letters from Татьяна by key, one as spelt), and the
    word as written with a Cyrillic word's Latin renderings (one Cyrillic letter is two Latin
    ones in «Райиль» against Рахиль)."""
    return frozenset(
        {key(word, tradition), canonical(word, tradition).replace(" ", "").replace("-", "")}
        | typos.written_forms(word)
    )


def _syllables(parts: NameParts) -> list[str]:
    syllables = parts.given.split("-")
    if len(syllables) < 2 or any(len(s) > 4 for s in syllables):
        return []
    return [phonetic_fold(key(s, parts.tradition)) for s in syllables]


def _syllables_agree(a: NameParts, b: NameParts) -> bool:
    """Each syllable of «Сю-Кин» and «Сю-Ким» within one sound: one name in two spellings;
    «Бао-Цой» and «Гон-Цой» differ in a whole syllable and are two names."""
    syllables_a, syllables_b = _syllables(a), _syllables(b)
    return (
        bool(syllables_a)
        and len(syllables_a) == len(syllables_b)
        and all(
            Levenshtein.distance(x, y) <= 1 for x, y in zip(syllables_a, syllables_b, strict=True)
        )
    )


def _patronymic_score(a: NameParts, b: NameParts, why: list[str]) -> float:
    pa, pb = a.patronymic, b.patronymic
    if a.patronymic_is_initial or b.patronymic_is_initial:
        if _initial_key(pa, a.tradition) == _initial_key(pb, b.tradition):
            why.append(Reason("patronymic_initial"))
            return 0.85
        return 0.0
    father_a = patronymic_to_father(pa, a.tradition)
    father_b = patronymic_to_father(pb, b.tradition)
    if father_a == father_b:
        return 1.0
    slip = _closest(_spellings(pa, a.tradition), _spellings(pb, b.tradition))
    if slip is None:
        return 0.0
    if slip[0] > 1 and min(given_count(father_a), given_count(father_b)) >= RARE_NAME_COUNT:
        return 0.0  # Ивановна and Ионовна: two fathers, cousins, not two slips
    why.append(_slip_reason("patronymic", pa, pb, *slip))
    return SLIP_SCORES["patronymic"][slip[0] - 1]


def compare_parts(a: NameParts, b: NameParts) -> Comparison:
    why: list[str] = []
    scores: dict[str, float] = {}
    if a.surname and b.surname:
        scores["surname"] = _surname_score(a, b, why)
    if a.given and b.given:
        scores["given"] = _given_score(a, b, why)
    if a.patronymic and b.patronymic:
        scores["patronymic"] = _patronymic_score(a, b, why)
    if not scores:
        return Comparison(0.0, False, [Reason("nothing_to_compare")])
    weight = sum(WEIGHTS[p] for p in scores)
    score = sum(WEIGHTS[p] * s for p, s in scores.items()) / weight
    # fewer parts compared, less certainty: a surname alone never proves identity
    score *= 0.75 + 0.25 * weight
    sex_a, sex_b = _sex(a), _sex(b)
    if sex_a and sex_b and sex_a != sex_b:
        why.append(Reason("different_sex"))
        score = min(score, 0.5)
    elif _surname_forms_differ(a, b, sex_a, sex_b):
        why.append(Reason("other_sex_form"))
        score -= SURNAME_FORM_PENALTY
    for part, part_score in scores.items():
        if part_score < PART_THRESHOLD:
            why.append(Reason("part_differs", part=part))
    same = (
        score >= SAME_THRESHOLD
        and "surname" in scores
        and all(s >= PART_THRESHOLD for s in scores.values())
    )
    return Comparison(round(score, 4), same, why)


def compare(a: str | NameParts, b: str | NameParts) -> Comparison:
    """How alike two names are: score in [0, 1], a verdict and the reasons."""
    readings_a = parse_name(a) if isinstance(a, str) else [a]
    readings_b = parse_name(b) if isinstance(b, str) else [b]
    return max(
        (compare_parts(ra, rb) for ra in readings_a for rb in readings_b),
        key=lambda c: (c.same, c.score),
    )
