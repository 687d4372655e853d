"""The denormalised face of a person: the name the Wall sorts by and shows, and a birth year."""

import re
import unicodedata

_NOT_LETTERS = re.compile(r"[^\w]+")


def sort_key(name: str) -> str:
    """Alphabetical order as readers expect it: case, accents and ё ignored."""
    folded = unicodedata.normalize("NFKD", name.casefold().replace("ё", "е"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_LETTERS.sub(" ", folded).strip()


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def person_summary(names: list[str], birth_lower) -> dict:
    """Prefer a Cyrillic name (the registry's main script), else the first name given."""
    names = [n.strip() for n in names if n and n.strip()]
    display = next((n for n in names if _is_cyrillic(n)), names[0] if names else "")
    return {
        "display_name": display[:300],
        "sort_name": sort_key(display)[:300],
        "birth_year": birth_lower.year if birth_lower else None,
    }
