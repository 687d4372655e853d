"""Match keys for place names: inflected Russian forms and Latin spellings fold together.

Hand-written: place names in Soviet lists come inflected («из тюрьмы г.Харькова», «в
Карлаге», «Баиловской тюрьмы»), and no library here folds Russian case endings of proper
names. Stripping one case ending from each word gives a key on which «Москва», «Москвы» and
«Москву» meet; names with a fleeting vowel («Орёл»/«Орла») are listed in the data instead.
Latin text folds to lower-case letters and compares with the names' transliterations.
"""

from __future__ import annotations

import re

import iuliia
from unidecode import unidecode

# Longest first, so «ого» goes before «о».
_CASE_ENDINGS = sorted(
    "ого его ому ему ыми ими ами ями ой ей ий ый ая яя ое ее ую юю ом ем ах ях ам ям "
    "ии ия ие ью а я ы и у ю е о ь й".split(),
    key=len,
    reverse=True,
)
_SCHEMES = (iuliia.WIKIPEDIA, iuliia.MOSMETRO, iuliia.BGN_PCGN)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def is_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def _stem(word: str) -> str:
    for ending in _CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word


def cyrillic_key(text: str, stem: bool = True) -> str:
    """«Баиловской тюрьмы» and «Баиловская тюрьма» give the same key."""
    words = re.findall(r"[а-яa-z0-9]+", text.lower().replace("ё", "е"))
    return " ".join(_stem(word) if stem else word for word in words)


def latin_key(text: str) -> str:
    """ "Khar'kov", "Kharkov" and "KHARKOV" give the same key."""
    words = re.findall(r"[a-z0-9]+", unidecode(text).lower().replace("'", ""))
    return " ".join(words)


def latin_keys_of(cyrillic_name: str) -> set[str]:
    """Keys of the usual Latin spellings of a Cyrillic name."""
    spellings = {unidecode(cyrillic_name)}
    spellings.update(scheme.translate(cyrillic_name) for scheme in _SCHEMES)
    return {latin_key(spelling) for spelling in spellings}
