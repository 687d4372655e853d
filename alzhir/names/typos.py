"""A copyist's slips: how many letters two spellings of one name part are apart, and which.

The distance is the optimal string alignment (restricted Damerau–Levenshtein: a letter
substituted, dropped, added, or two neighbours swapped), measured by rapidfuzz on the folded
keys, so a slip inside a transliteration ("Tuchachevskaja") counts as one letter, like one in
Cyrillic («Тухачевскя»). How many slips a part may carry grows with its length: one letter in
a short word is another name (Инна, Анна), two in «Тухачевская» are still Тухачевская.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import iuliia
from rapidfuzz.distance import OSA, Levenshtein

from alzhir.names.reasons import slips_in_english

# Latin renderings a Cyrillic name is held against when the other spelling is Latin: a slip
# inside a digraph ("Kahykina" for Khaykina) is one letter there and two in canonical form.
RENDERINGS = (iuliia.WIKIPEDIA, iuliia.BGN_PCGN, iuliia.MVD_310_FR, iuliia.ICAO_DOC_9303)

ONE_EDIT_LENGTH = 4
"""Keys this long may carry one slip («Рахиь», «Мрия»); shorter ones are other names."""
TWO_EDIT_LENGTH = 8
"""Keys this long may carry two («Плесецкоя» for Плисецкая)."""


def budget(a: str, b: str) -> int:
    """One slip when the longer word has ONE_EDIT_LENGTH letters («Вльф» for Вольф), two when
    the shorter has TWO_EDIT_LENGTH."""
    if min(len(a), len(b)) >= TWO_EDIT_LENGTH:
        return 2
    return 1 if max(len(a), len(b)) >= ONE_EDIT_LENGTH else 0


@lru_cache(maxsize=1 << 16)
def written_forms(word: str) -> frozenset[str]:
    """The word as written (lowercase, ё as е; Latin marks stripped) and, for a Cyrillic word,
    its common Latin renderings."""
    lower = word.lower().replace("ё", "е").replace("-", "")
    if any("\u0400" <= ch <= "\u04ff" for ch in lower):
        return frozenset({lower} | {scheme.translate(lower).lower() for scheme in RENDERINGS})
    decomposed = unicodedata.normalize("NFKD", lower)
    return frozenset({"".join(ch for ch in decomposed if not unicodedata.combining(ch))})


def slips(a: str, b: str) -> int | None:
    """Letters apart when within the budget of the shorter word, else None (0 when equal)."""
    allowed = budget(a, b)
    distance = OSA.distance(a, b, score_cutoff=allowed)
    return distance if distance <= allowed else None


def slip_list(written: str, meant: str) -> tuple[tuple[str, ...], ...]:
    """The slips that turn `meant` into `written`: ("for", "е", "и"), ("swapped", "о", "р"),
    ("missing", "а"), ("extra", "к"), for a reason to name in any language."""
    if len(written) == len(meant):
        differ = [i for i, (w, m) in enumerate(zip(written, meant, strict=True)) if w != m]
        if len(differ) == 2 and differ[1] == differ[0] + 1:
            first, second = differ
            if written[first] == meant[second] and written[second] == meant[first]:
                return (("swapped", meant[first], meant[second]),)
    found = []
    for op in Levenshtein.editops(meant, written):
        if op.tag == "replace":
            found.append(("for", written[op.dest_pos], meant[op.src_pos]))
        elif op.tag == "delete":
            found.append(("missing", meant[op.src_pos]))
        else:
            found.append(("extra", written[op.dest_pos]))
    return tuple(found)


def describe(written: str, meant: str) -> str:
    """The slips in words: «е» for «и», «о» and «р» swapped, «а» missing, extra «к»."""
    return slips_in_english(slip_list(written, meant))
