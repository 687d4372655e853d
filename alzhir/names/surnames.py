"""Gender and case folding of surnames, on the light-folded canonical form.

Rules, not dictionaries: pymorphy3 reads «Калинина» as a masculine genitive and «Налбандян»
as an adjective, so the endings below are folded by hand. Working on the Latin form lets the
same rule serve «Плисецкой», "Plisetskaya", "Plissetskaïa" and Polish "Plisiecka". Endings
that Russian does not decline for women (-швили, -дзе, -ян, -енко, -ук, -ич, -ер) are left
alone; their masculine case forms (Мессерера) are not folded, because a bare -a also ends
feminine surnames.
"""

from __future__ import annotations

import re
from functools import lru_cache

from alzhir.names.translit import WORD_SPLIT, canonical_readings, light_fold

# (ending pattern, replacement), tried in order on the light-folded word; the first wins.
SURNAME_ENDINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in [
        # -ский/-ская/-ской/-ского/-скому/-ским/-ском/-скую, Polish -ski/-ska, English -sky
        # (-цкий written -tski, -ckii: the same once ц is ts)
        (r"(?<=[sc]k)(?:aia|aa|a|oi|ii|i|ogo|omu|im|om|oiu|uiu|ui|ie)$", "i"),
        # -ов/-ова/-овой/-ову/-овым/-овою, -off, -ow, -owa: after light fold w is v
        (r"(?<=[oe]v)(?:a|oi|u|im|oiu|e|ikh)$", ""),
        (r"(?<=[oe])f$", "v"),  # -off, -eff after doubled letters collapsed
        # -ин/-ина/-иной/-ину/-иным, -ын/-ына
        (r"(?<=in)(?:a|oi|u|im|oiu|e|ikh)$", ""),
        # adjectival -ой/-ая/-ый/-ий/-ого/-ому (Толстой/Толстая, Белый/Белая)
        (r"(?<=[^aeiou])(?:aia|oi|ii|ogo|omu|oiu|uiu)$", "i"),
    ]
]
_HUSHING_YO = re.compile(r"(?<=[sczk]h)ov$")
_HYPHEN = re.compile(r"\s*-\s*")


@lru_cache(maxsize=1 << 18)
def fold_surname_word(word: str) -> str:
    """One light-folded surname word → its gender- and case-neutral key."""
    if len(word) < 4:
        return word
    for pattern, replacement in SURNAME_ENDINGS:
        folded, count = pattern.subn(replacement, word)
        if count:
            word = folded
            break
    # ё after ш/ч/щ/ж is written o (Chruschtschow) or e (Khrushchev)
    return _HUSHING_YO.sub("ev", word)


@lru_cache(maxsize=1 << 17)
def split_surname(surname: str) -> tuple[str, ...]:
    """«Мессерер-Плисецкая» → ("Мессерер", "Плисецкая"); a bare hyphen leaves one part."""
    return tuple(part for part in _HYPHEN.split(surname.strip()) if part)


def _fold_part(spellings: list[tuple[str, ...]]) -> list[str]:
    """Readings of each word of one part → folded keys of the part, one per reading."""
    keys = [""]
    for readings in spellings:
        folded = dict.fromkeys(fold_surname_word(light_fold(r.replace("-", ""))) for r in readings)
        keys = [k + f for k in keys for f in folded]
    return keys


@lru_cache(maxsize=1 << 18)
def surname_keys(surname: str, tradition: str = "") -> tuple[str, ...]:
    """Every key of a surname, the likeliest first: more than one only where a spelling is
    truly ambiguous (Telegram's "j" is ж, ISO's is й)."""
    parts = []
    for part in split_surname(surname):
        spellings = [canonical_readings(w, tradition) for w in WORD_SPLIT.split(part) if w]
        parts.append([k for k in _fold_part([s for s in spellings if s[0]]) if k])
    keys = [""]
    for part_keys in (p for p in parts if p):
        keys = [f"{k}-{p}" if k else p for k in keys for p in part_keys]
    return tuple(k for k in dict.fromkeys(keys) if k)


@lru_cache(maxsize=1 << 18)
def surname_key(surname: str, tradition: str = "") -> str:
    """Canonical, gender- and case-folded surname (parts of a double name joined by "-").

    `tradition` is the whole name's Latin spelling tradition (NameParts.tradition)."""
    keys = surname_keys(surname, tradition)
    return keys[0] if keys else ""
