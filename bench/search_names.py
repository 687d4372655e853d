"""Synthetic women for the search benchmark, with real-world name frequencies, and the query
renderings of real names. Every source built from this is named `synthetic-…`.

Name parts are drawn with the frequencies of two real lists (the ALZHIR list and the Khabarovsk
memory book, men's surnames put in the feminine); a fifth of the surnames get a one-letter
change, so the registry is full of near neighbours of real names. A distractor is never
allowed to match a real woman under the renderings the queries use: it must differ in the
surname by more than one letter, or in a given-name or patronymic initial.
"""

from __future__ import annotations

import csv
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import iuliia

from alzhir.names.given import given_name_groups
from alzhir.names.surnames import surname_key
from alzhir.names.translit import phonetic_fold
from alzhir.search.keys import deletions

CYRILLIC_LETTERS = "абвгдежзиклмнопрстуфхцчшщыэюя"
SIMILAR = dict(zip("аоеибпдтзсвфгкшщжлнмруяы", "оаиепбтдсзфвкгщшшнлнлюаи", strict=True))


def feminine_surname(surname: str) -> str:
    for masculine, feminine in (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая"), ("ый", "ая")):
        if surname.endswith(masculine):
            return surname[: -len(masculine)] + feminine
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname


def feminine_patronymic(patronymic: str) -> str:
    if patronymic.endswith("ич"):
        return patronymic[:-2] + ("ична" if patronymic.endswith("ьич") else "вна")
    return patronymic


def real_rows(algir_csv: Path) -> list[tuple[int, str, str, str, int | None]]:
    """(row number, surname, given, patronymic, birth year) of the real list's two-word names."""
    rows = []
    with algir_csv.open(encoding="utf-8", newline="") as stream:
        for number, row in enumerate(csv.DictReader(stream), start=1):
            words = row["fullname_y"].split()
            if len(words) < 2 or words[0].endswith("-"):
                continue
            year = re.search(r"\d{4}", row["bdate"])
            patronymic = " ".join(words[2:])
            rows.append((number, words[0], words[1], patronymic, int(year[0]) if year else None))
    return rows


def name_pools(real: list[tuple], khabarovsk_csv: Path | None):
    surnames, givens, patronymics = Counter(), Counter(), Counter()
    for _, surname, given, patronymic, _ in real:
        surnames[surname] += 1
        givens[given] += 1
        if patronymic:
            patronymics[patronymic] += 1
    if khabarovsk_csv and khabarovsk_csv.exists():
        with khabarovsk_csv.open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                if row["фамилия"] and re.fullmatch(r"[А-ЯЁа-яё-]+", row["фамилия"]):
                    surnames[feminine_surname(row["фамилия"])] += 1
                if row["отчество"].endswith("ич"):
                    patronymics[feminine_patronymic(row["отчество"])] += 1
    pools = (surnames, givens, patronymics)
    return [list(zip(*pool.most_common(), strict=True)) for pool in pools]


def similar_word(rng: random.Random, word: str) -> str:
    """One letter changed, the way clerks and readers of handwriting change it."""
    lower = word.lower()
    if len(lower) < 4:
        return word
    position = rng.randrange(1, len(lower) - 2)
    letter = lower[position]
    replacement = SIMILAR.get(letter) or rng.choice(CYRILLIC_LETTERS)
    changed = lower[:position] + replacement + lower[position + 1 :]
    return changed[:1].upper() + changed[1:]


def identity_keys(surname: str, given: str, patronymic: str) -> set[tuple[str, str, str]]:
    """(surname neighbour, given initial, patronymic initial): equal for two names that some
    query rendering (typo, initials) could not tell apart."""
    phonetic = phonetic_fold(surname_key(surname))
    initials = (given[:1].lower(), patronymic[:1].lower())
    return {(variant, *initials) for variant in deletions(phonetic)}


def protected_keys(real: list[tuple]) -> set[tuple[str, str, str]]:
    keys = set()
    for _, surname, given, patronymic, _ in real:
        keys |= identity_keys(surname, given, patronymic)
    return keys


def synthetic_people(
    count: int, real: list[tuple], khabarovsk_csv: Path | None, seed: int = 1938
) -> Iterator[tuple[str, str, str, int, str]]:
    """(surname, given, patronymic, birth year, script) of `count` distractors."""
    rng = random.Random(seed)
    (surnames, s_weights), (givens, g_weights), (patronymics, p_weights) = name_pools(
        real, khabarovsk_csv
    )
    protected = protected_keys(real)
    made = 0
    while made < count:
        batch = 10_000
        for surname, given, patronymic in zip(
            rng.choices(surnames, s_weights, k=batch),
            rng.choices(givens, g_weights, k=batch),
            rng.choices(patronymics, p_weights, k=batch),
            strict=True,
        ):
            if rng.random() < 0.2:
                surname = similar_word(rng, surname)
            if identity_keys(surname, given, patronymic) & protected:
                continue
            script = "Latn" if rng.random() < 0.1 else "Cyrl"
            yield surname, given, patronymic, rng.randint(1870, 1925), script
            made += 1
            if made == count:
                return


def latin(text: str) -> str:
    return iuliia.WIKIPEDIA.translate(text)


# --- query renderings of real names -------------------------------------------------------

# German (Duden-style) spelling, letter by letter from Cyrillic: з is s, ц is z, в is w
GERMAN = dict(zip("абвгдзиклмнопрстуфыэ", "abwgdsiklmnoprstufye", strict=True)) | {
    "е": "e", "ё": "jo", "ж": "sch", "й": "j", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
    "щ": "schtsch", "ъ": "", "ь": "", "ю": "ju", "я": "ja",
}  # fmt: skip
VOWELS = "аеёиоуыэюяьъ"
SCHEMES = {
    "English (BGN/PCGN)": iuliia.BGN_PCGN.translate,
    "English (Wikipedia)": iuliia.WIKIPEDIA.translate,
    "French (MVD 310)": iuliia.MVD_310_FR.translate,
    "scholarly (GOST 7.79 / ISO 9)": iuliia.GOST_779.translate,
    "passport (ICAO 9303)": iuliia.ICAO_DOC_9303.translate,
    "Telegram": iuliia.TELEGRAM.translate,
}


def german(text: str) -> str:
    """As a German clerk would write it: je at the start and after a vowel, ss for с between
    vowels, the ending -ий as -i."""
    words = []
    for word in text.split():
        lower, out = word.lower(), []
        if lower.endswith("ий"):
            lower = lower[:-2] + "и"
        for i, letter in enumerate(lower):
            before = lower[i - 1] if i else ""
            after = lower[i + 1] if i + 1 < len(lower) else ""
            if letter == "е" and (not before or before in VOWELS):
                out.append("je")
            elif letter == "с" and before and before in VOWELS and after and after in VOWELS:
                out.append("ss")
            else:
                out.append(GERMAN.get(letter, letter))
        words.append("-".join(part.capitalize() for part in "".join(out).split("-")))
    return " ".join(words)


def genitive(surname: str, given: str, patronymic: str) -> str:
    def surname_case(word):
        for ending, case in (("ская", "ской"), ("цкая", "цкой"), ("ова", "овой"), ("ева", "евой"),
                             ("ина", "иной"), ("ая", "ой")):  # fmt: skip
            if word.endswith(ending):
                return word[: -len(ending)] + case
        return word

    def given_case(word):
        if word.endswith("ия"):
            return word[:-1] + "и"
        if word.endswith(("га", "ка", "ха", "жа", "ша", "ча", "ща")):
            return word[:-1] + "и"
        if word.endswith("а"):
            return word[:-1] + "ы"
        if word.endswith("я"):
            return word[:-1] + "и"
        return word

    parts = [surname_case(surname), given_case(given)]
    if patronymic.endswith("на"):
        parts.append(patronymic[:-1] + "ы")
    return " ".join(parts)


def masculine(surname: str) -> str | None:
    for feminine, male in (("ская", "ский"), ("цкая", "цкий"), ("ова", "ов"), ("ева", "ев"),
                           ("ина", "ин")):  # fmt: skip
        if surname.endswith(feminine):
            return surname[: -len(feminine)] + male
    return None


def diminutive(rng: random.Random, given: str, table: dict[str, list[str]]) -> str | None:
    forms = [f for f in table.get(given_name_groups(given)[0], []) if f.lower() != given.lower()]
    return rng.choice(forms) if forms else None


DIMINUTIVE_ENDINGS = ("я", "ша", "та", "ка", "ся", "ня", "ра", "ля")


def diminutive_table(given_names_tsv: Path) -> dict[str, list[str]]:
    """Group key → Cyrillic short forms (Анна → Аня, Анюта…) from the names engine's data."""
    table: dict[str, list[str]] = {}
    for line in given_names_tsv.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        head, sex, _, variants = line.split("\t")
        if sex != "f":
            continue
        forms = [
            v.title()
            for v in variants.split("|")
            if re.fullmatch(r"[а-яё]{3,}", v)
            and v.endswith(DIMINUTIVE_ENDINGS)
            and len(v) < len(head)
        ]
        group = given_name_groups(head)
        if group and forms:
            table.setdefault(group[0], []).extend(forms)
    return table
