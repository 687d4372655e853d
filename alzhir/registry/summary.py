"""The denormalised face of a person: the name the Wall sorts by and shows, a birth year, and
the role her records conclude. Callers pass her public records' values only (see
alzhir.registry.visibility), so the face never shows what a private record says."""

import re
import unicodedata

_NOT_LETTERS = re.compile(r"[^\w]+")


def _latin_without_accents() -> dict[int, str]:
    """é → e, ł → l, ß → ss …, for Latin letters only: Cyrillic й must stay й (its own letter
    in the Russian alphabet), which a blanket NFKD would turn into и."""
    table = {}
    for code in range(0xC0, 0x250):
        stripped = "".join(
            c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)
        )
        if stripped and stripped != chr(code):
            table[code] = stripped
    return table | {ord("ł"): "l", ord("ø"): "o", ord("ё"): "е", ord("ß"): "ss"}


_ACCENTS = _latin_without_accents()


def sort_key(name: str) -> str:
    """Alphabetical order as readers expect it: case, Latin accents and ё ignored."""
    return _NOT_LETTERS.sub(" ", name.casefold().translate(_ACCENTS)).strip()


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _is_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def person_summary(names: list[str], birth_lower) -> dict:
    """Prefer a Cyrillic name (the registry's main script), else the first name given."""
    names = [n.strip() for n in names if n and n.strip()]
    display = next((n for n in names if _is_cyrillic(n)), names[0] if names else "")
    return {
        "display_name": display[:300],
        "sort_name": sort_key(display)[:300],
        "birth_year": birth_lower.year if birth_lower else None,
    }


# Which of her records' roles a person's role is concluded from, first found first: a person
# named as repressed by one source and as an official by another is remembered (many camp and
# NKVD staff were repressed in turn), and a camp child grown up and arrested is repressed.
ROLE_PRECEDENCE = ("repressed", "child", "official", "witness", "relative", "other")


def conclude_role(roles) -> str:
    """The person's role from her records' roles (`repressed` when there are none)."""
    found = set(roles)
    return next((role for role in ROLE_PRECEDENCE if role in found), ROLE_PRECEDENCE[0])
