"""Given-name equivalence groups, sex of a name, and patronymic → father's name.

Data: data/given_names.tsv and data/patronymics.tsv, built by tools/build_names_data.py from rigour
1.8.2 (MIT) and russiannames 2.0.0 (BSD-3) plus the hand-checked data/additions.tsv; and the
hand-checked data/peoples.tsv (Kazakh, Tatar, Central Asian and Caucasian names the tables miss
or read with the wrong sex), read as it stands. Lookups go
through the light-folded canonical form, so Cyrillic and every Latin spelling meet. English
nicknames (data/english_nicknames.tsv, from nicknames 1.0.1, Apache-2.0) are read by their
exact Latin spelling: "Will" is William, while «Виль», which folds alike, stays itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache, lru_cache
from pathlib import Path

from alzhir.names.translit import WORD_SPLIT, canonical, canonical_readings, light_fold

DATA = Path(__file__).parent / "data"
TURKIC_PATRONYMIC_WORDS = frozenset(
    {"kyzy", "kizi", "kyzi", "kizy", "gyzy", "qizi", "ogly", "ogli", "oglu", "uly", "uli", "uulu"}
)
FEMININE_PATRONYMIC = re.compile(r"(vna|chna|kizi|gizi|qizi)$")
MASCULINE_PATRONYMIC = re.compile(r"(vich|ich|ogli|oglu|uli|uulu)$")
# Fallback when the table does not know a patronymic: strip the suffix, restore й.
_PATRONYMIC_SUFFIXES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        (r"(?<=[aeiou])evna$|(?<=[aeiou])evich$", "i"),
        (r"(?:ovna|evna|ovich|evich)$", ""),
        (r"inichna$|inich$", "a"),
        (r"ichna$|ich$", "a"),
    ]
]
_OBLIQUE_PATRONYMIC = re.compile(r"(vn|chn)(?:i|oi|e|u|oiu)$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
COMMON_NAME_COUNT = 100  # a name this frequent in russiannames owns its spelling


@lru_cache(maxsize=1 << 18)
def key(name: str, tradition: str = "") -> str:
    """The lookup form of a name: light-folded canonical words run together."""
    return "".join(light_fold(w) for w in canonical(name, tradition).replace("-", " ").split())


@lru_cache(maxsize=1 << 17)
def keys(name: str, tradition: str = "") -> tuple[str, ...]:
    """Lookup forms of every reading of a name (two where a Latin "j" may be ж or й/я)."""
    found = [""]
    for word in WORD_SPLIT.split(name.replace("-", " ")):
        readings = canonical_readings(word, tradition) if word else ()
        if readings and readings[0]:
            found = [k + light_fold(r) for k in found for r in dict.fromkeys(readings)]
    return tuple(dict.fromkeys(k for k in found if k))


@cache
def _groups() -> dict[str, tuple[tuple[str, str, int], ...]]:
    """Lookup key → ((group id, sex, frequency), ...), most frequent group first."""
    index: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    latin_only: dict[tuple[str, str], bool] = {}  # (key, group) reached by Latin spellings only
    common: set[str] = set()
    for line in (DATA / "given_names.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        head, sex, count, variants = line.split("\t")
        entry = (key(head), sex, int(count))
        if entry[2] >= COMMON_NAME_COUNT:
            common.add(entry[0])
        for variant in {head, *variants.split("|")}:
            variant_key = key(variant)
            index[variant_key].append(entry)
            is_latin = not _CYRILLIC.search(variant)
            latin_only[variant_key, entry[0]] = latin_only.get((variant_key, entry[0]), True) and (
                is_latin
            )
    for name, sex, variants in _peoples_rows():
        entry = (key(name), sex, COMMON_NAME_COUNT)
        for variant in {name, *variants}:
            if not index.get(key(variant)):
                index[key(variant)].append(entry)
                latin_only[key(variant), entry[0]] = False
    # A Latin variant that reads as another common name belongs to that name alone: "Janna"
    # (Жанна in French) reads as Яна in English, and must not make Яна a form of Жанна.
    for name_key in common:
        index[name_key] = [
            e for e in index[name_key] if e[0] == name_key or not latin_only[name_key, e[0]]
        ]
    # ties in frequency keep the tables' order: a set's order changes with each process's
    # string hashing, and with it which group "Lei" fell in (li or lei) from run to run
    return {k: tuple(sorted(dict.fromkeys(v), key=lambda e: -e[2])) for k, v in index.items()}


def _peoples_rows() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in (DATA / "peoples.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, sex, variants = line.split("\t")
            rows.append((name, sex, variants.split("|")))
    return rows


@cache
def _sex_by_spelling() -> dict[str, str]:
    """Canonical spelling (doubled letters kept) → sex, from peoples.tsv: the key folds Жаннат
    and Жанат together, their spellings do not."""
    return {
        canonical(spelling).replace(" ", ""): sex
        for name, sex, variants in _peoples_rows()
        for spelling in (name, *variants)
    }


# Elements that make a Turkic or Persian given name a woman's: -гуль/-гүл/-гюль (flower), -кыз
# (girl), -ханум, -бике, -бану, -сулу (beauty), -бегим, -ниса; Гуль-, Биби- at the start.
_FEMININE_ELEMENTS = re.compile(
    r"(?:gul|giul|kiz|qiz|khanum|khanim|bike|bika|banu|sulu|begim|nisa|niso)$|^(?:gul|giul|bibi)"
)


@cache
def _english_full_names() -> dict[str, str]:
    """English nickname → the full name whose group it takes (Tommy → Thomas)."""
    lines = (DATA / "english_nicknames.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if not line.startswith("#"))


@cache
def _patronymics() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line in (DATA / "patronymics.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            patronymic, father, sex = line.split("\t")
            table.setdefault(key(patronymic), (father, sex))
    return table


# Case endings of given names in documents (Рахили, Марии, Анны, Ивану): (ending, nominative,
# the sex whose names take that ending); «Веры» is Вера's, never a man's «Вер».
_GIVEN_CASE_ENDINGS = [
    ("i", "ia", "f"), ("i", "", "f"), ("i", "a", "f"), ("u", "a", "f"), ("u", "", "m"),
    ("oi", "a", "f"), ("ei", "ia", "f"), ("e", "a", "f"), ("iu", "ia", "f"), ("om", "", "m"),
    ("em", "", "m"), ("a", "", "m"),
]  # fmt: skip


@lru_cache(maxsize=1 << 17)
def _known_entries(name_key: str, inflected: bool) -> tuple[tuple[str, str, int], ...]:
    """Table entries of a lookup key; an `inflected` name (one written in Cyrillic, where
    documents decline it) may also be a case form. A Latin name is never read as one: "Tommy"
    folds like «Томы», the genitive of Тома (Тамара), but is an English nominative."""
    groups = _groups()
    exact = groups.get(name_key, ())
    candidates = []
    for ending, nominative, sex in _GIVEN_CASE_ENDINGS if inflected else ():
        if name_key.endswith(ending) and len(name_key) > len(ending) + 1:
            found = groups.get(name_key[: -len(ending)] + nominative, ())
            candidate = tuple(e for e in found if e[1] in (sex, "u"))
            # -а is also a nominative (Яна): it never overrules a known name
            if candidate and (ending != "a" or not exact):
                candidates.append(candidate)
    # «Алисы» may be Алиса's or Алисия's: the commoner name wins, as does a common name over
    # a rare one that a case form happens to spell (Анны → Ани)
    best = max(candidates, key=lambda c: c[0][2], default=())
    if best and (not exact or best[0][2] > 10 * exact[0][2]):
        return best
    return exact


def _entries(given: str, tradition: str) -> tuple[str, tuple[tuple[str, str, int], ...]]:
    """The lookup key of a given name and its table entries; of two readings ("Janna": Жанна
    or Йанна) the one the table knows wins. An English nickname is its full name's."""
    full_name = _english_full_names().get(given.lower())
    if full_name:
        return _entries(full_name, "")
    readings = _feminine_oblique(given) + keys(given, tradition)
    for name_key in readings:
        entries = _known_entries(name_key, bool(_CYRILLIC.search(given)))
        if entries:
            return name_key, entries
    return (readings[0] if readings else ""), ()


def _feminine_oblique(given: str) -> tuple[str, ...]:
    """«Евгении», «Марии»: a woman's case form (Евгения's), which the key folds with the
    man's nominative (-ий, Евгений); read first as the woman's name when the table has it."""
    if not given.lower().endswith("ии"):
        return ()
    feminine = key(given[:-1] + "я")
    return (feminine,) if any(e[1] == "f" for e in _groups().get(feminine, ())) else ()


@lru_cache(maxsize=1 << 17)
def given_name_groups(given: str, tradition: str = "") -> tuple[str, ...]:
    """Every group a given name may belong to (Саша: Александр and Александра), likeliest first;
    an unknown name is its own group. Case forms from documents (Рахили) are read back."""
    readings = _feminine_oblique(given) + keys(given, tradition)
    inflected = bool(_CYRILLIC.search(given))
    groups = [e[0] for name_key in readings for e in _known_entries(name_key, inflected)]
    full_name = _english_full_names().get(given.lower())
    if full_name:  # Tom is Thomas's first, and still the Том of Russian texts; Mimi, Мими
        groups = [*given_name_groups(full_name), *(groups or readings[:1])]
    if groups:
        return tuple(dict.fromkeys(groups))
    return readings[:1]


def given_name_group(given: str, tradition: str = "") -> str:
    groups = given_name_groups(given, tradition)
    return groups[0] if groups else ""


@lru_cache(maxsize=1 << 17)
def is_known_given(given: str, tradition: str = "") -> bool:
    return bool(_entries(given, tradition)[1])


@lru_cache(maxsize=1 << 17)
def given_count(given: str, tradition: str = "") -> int:
    """How many bearers the tables count for a given name's commonest reading (0: unknown)."""
    entries = _entries(given, tradition)[1]
    return entries[0][2] if entries else 0


_FEMININE_SURNAME = re.compile(r"(?:[oe]va|[iy]na|skaia|ska|aia)$")
_MASCULINE_SURNAME = re.compile(r"(?:[oe]v|[oe]f|[iy]n|ski|sky)$")


@lru_cache(maxsize=1 << 17)
def surname_sex(surname: str, tradition: str = "") -> str:
    """The sex a surname's form tells, where Russian and Polish endings tell one: «Плисецкая»,
    "Plisetskaya" f; «Плисецкий», "Kalinin" m; «Мессерер», «Толстой» (also a feminine case
    form) nothing."""
    words = canonical(surname, tradition).replace("-", " ").split()
    last = light_fold(words[-1]) if words else ""
    if len(last) < 4:
        return ""
    if _FEMININE_SURNAME.search(last):
        return "f"
    return "m" if _MASCULINE_SURNAME.search(last) else ""


@lru_cache(maxsize=1 << 17)
def given_sex(given: str, tradition: str = "") -> str:
    """ "f", "m", or "" when the name is unknown or used for both."""
    spelled = canonical(given, tradition).replace(" ", "")
    if spelled in _sex_by_spelling():
        return _sex_by_spelling()[spelled]
    entries = _entries(given, tradition)[1]
    if not entries:
        return "f" if _FEMININE_ELEMENTS.search(light_fold(spelled.replace("-", ""))) else ""
    if entries[0][1] not in ("f", "m"):
        return ""
    sex, count = entries[0][1], entries[0][2]
    rival = max((e[2] for e in entries if e[1] != sex), default=0)
    return sex if count >= 5 * rival else ""


_GLUED_TURKIC = re.compile(r"^(.{3,}?)(kizi|gizi|qizi|ogli|oglu|uli|uulu)$")


def split_turkic(patronymic: str, tradition: str = "") -> tuple[str, str] | None:
    """«Гусейн кызы», «Ахметқызы», «Нурланұлы» → (father, suffix); None if it is not a
    Turkic patronymic."""
    words = patronymic.replace("-", " ").split()
    if len(words) >= 2 and key(words[-1], tradition) in TURKIC_PATRONYMIC_WORDS:
        return " ".join(words[:-1]), key(words[-1], tradition)
    glued = _GLUED_TURKIC.match(key(patronymic, tradition)) if len(words) == 1 else None
    if glued and is_known_given(glued.group(1)):
        return glued.group(1), glued.group(2)
    return None


@lru_cache(maxsize=1 << 17)
def patronymic_to_father(patronymic: str, tradition: str = "") -> str:
    """Михайловна → the group of Михаил; «Гусейн кызы» → the group of Гусейн."""
    turkic = split_turkic(patronymic, tradition)
    if turkic:
        return given_name_group(turkic[0], tradition)
    # genitive/dative forms from documents (Михайловны, Михайловне) → nominative
    patronymic_key = _OBLIQUE_PATRONYMIC.sub(r"\1a", key(patronymic, tradition))
    known = _patronymics().get(patronymic_key)
    if known:
        return given_name_group(known[0])
    for pattern, replacement in _PATRONYMIC_SUFFIXES:
        stem, count = pattern.subn(replacement, patronymic_key)
        if count and len(stem) >= 2:
            return given_name_group(stem)
    return given_name_group(patronymic, tradition)


@lru_cache(maxsize=1 << 17)
def looks_like_patronymic(word: str, tradition: str = "") -> bool:
    word_key = key(word, tradition)
    return (
        word_key in _patronymics()
        or bool(FEMININE_PATRONYMIC.search(word_key))
        or split_turkic(word, tradition) is not None
    )


@lru_cache(maxsize=1 << 17)
def patronymic_sex(patronymic: str, tradition: str = "") -> str:
    turkic = split_turkic(patronymic, tradition)
    patronymic_key = turkic[1] if turkic else key(patronymic, tradition)
    if FEMININE_PATRONYMIC.search(patronymic_key):
        return "f"
    if MASCULINE_PATRONYMIC.search(patronymic_key):
        return "m"
    return ""
