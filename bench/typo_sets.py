"""One-letter slips of real names, from three generators, for the names, search and linkage
benchmarks. Every name is built here from a real one; every result is synthetic.

Kinds: a letter substituted, inserted, deleted, or two neighbours transposed (the four edits
of Damerau–Levenshtein). Generators, so that no benchmark grades the engine on its own idea of
a typo: `ours` (handwriting and sound confusions of Cyrillic letters: и/е, о/а, ш/щ, н/л…),
the `typo` package (keyboard neighbours, doubled and dropped letters, swaps) and nlpaug's
RandomCharAug (uniformly random letters of the word's own alphabet). Every slip is checked to
be exactly one Damerau–Levenshtein edit from the original.
"""

from __future__ import annotations

import random
import warnings

from rapidfuzz.distance import OSA

EDITS = ("substitution", "insertion", "deletion", "transposition")
GENERATORS = ("ours", "typo", "nlpaug")
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыьэюя"
LATIN = "abcdefghijklmnopqrstuvwxyz"
# confusions of handwriting and hearing (и/е, о/а unstressed, ш/щ, л/н, п/н in cursive…)
SIMILAR = dict(zip("аоеибпдтзсвфгкшщжлнмруяыц", "оаиепбтдсзфвкгщшшнлнлюаич", strict=True))


def _alphabet(word: str) -> str:
    return CYRILLIC if any("\u0400" <= ch <= "\u04ff" for ch in word) else LATIN


def _ours(word: str, edit: str, rng: random.Random) -> str:
    lower = word.lower()
    alphabet = _alphabet(word)
    if edit == "transposition":
        places = [i for i in range(1, len(lower) - 1) if lower[i] != lower[i + 1]]
        if not places:
            return word
        i = rng.choice(places)
        return lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :]
    i = rng.randrange(1, len(lower))
    if edit == "deletion":
        return lower[:i] + lower[i + 1 :]
    if edit == "insertion":
        letter = rng.choice([lower[i - 1], rng.choice(alphabet)])
        return lower[:i] + letter + lower[i:]
    letter = SIMILAR.get(lower[i]) if alphabet == CYRILLIC else None
    return lower[:i] + (letter or rng.choice(alphabet.replace(lower[i], ""))) + lower[i + 1 :]


def _typo_package(word: str, edit: str, rng: random.Random) -> str:
    import typo

    errer = typo.StrErrer(word.lower(), seed=rng.randrange(1 << 30))
    if edit == "substitution":
        return (errer.nearby_char() if _alphabet(word) == LATIN else errer.similar_char()).result
    if edit == "insertion":
        return errer.extra_char().result
    if edit == "deletion":
        return errer.missing_char().result
    return errer.char_swap().result


_NLPAUG_ACTIONS = {
    "substitution": "substitute",
    "insertion": "insert",
    "deletion": "delete",
    "transposition": "swap",
}


def _nlpaug(word: str, edit: str, rng: random.Random) -> str:
    import nlpaug.augmenter.char as nac
    import nlpaug.util

    nlpaug.util.Randomness.seed(rng.randrange(1 << 30))
    augmenter = nac.RandomCharAug(
        action=_NLPAUG_ACTIONS[edit],
        aug_char_min=1,
        aug_char_max=1,
        aug_word_p=1,
        min_char=2,
        candidates=list(_alphabet(word)),
        spec_char="",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return augmenter.augment(word.lower())[0]


_MAKERS = {"ours": _ours, "typo": _typo_package, "nlpaug": _nlpaug}


def slip(word: str, edit: str, generator: str, rng: random.Random) -> str | None:
    """`word` with one slip of the kind, capitalised as it was; None when the generator could
    not make one (a word too short, a keyboard with no neighbour for the letter)."""
    if len(word) < 4:
        return None
    for _ in range(5):
        try:
            changed = _MAKERS[generator](word, edit, rng)
        except (ValueError, IndexError):
            continue
        if changed and OSA.distance(changed, word.lower()) == 1 and changed != word.lower():
            return changed[:1].upper() + changed[1:] if word[:1].isupper() else changed
    return None


def slip_in(words: list[str], edit: str, generator: str, rng: random.Random, part: int):
    """The words with one slip in `part` (an index), or None."""
    if part >= len(words):
        return None
    changed = slip(words[part], edit, generator, rng)
    if changed is None:
        return None
    return [*words[:part], changed, *words[part + 1 :]]
