"""Names engine: find a person under any spelling, in any script.

Pure Python; imports nothing else from alzhir. See translit (scripts and transliteration),
surnames (gender and case folding), given (given-name groups, patronymics), parse (name
order, initials, double-barrelled surnames) and compare (keys and comparison).
"""

from __future__ import annotations

from alzhir.names.compare import Comparison, compare, name_keys
from alzhir.names.given import given_name_group, given_name_groups, patronymic_to_father
from alzhir.names.parse import NameParts, parse_name
from alzhir.names.surnames import surname_key
from alzhir.names.translit import canonical, detect_script, phonetic_key

__all__ = [
    "Comparison",
    "NameParts",
    "canonical",
    "compare",
    "detect_script",
    "given_name_group",
    "given_name_groups",
    "name_keys",
    "parse_name",
    "patronymic_to_father",
    "phonetic_key",
    "surname_key",
]
