"""Why a name matched a query, in words a relative understands ("feminine form of Плисецкий",
"French transliteration"), built from the names engine's comparison and keys."""

from __future__ import annotations

import re

from alzhir.names import NameParts, detect_script, surname_key
from alzhir.names.reasons import TRADITIONS, Reason
from alzhir.names.translit import canonical, latin_tradition, light_fold

MASCULINE = re.compile(r"(sk|tsk|ck)(i|y)$|(ov|ev|in|yn|of|ow|ew|off|eff)$|ski$")
FEMININE_NOMINATIVE = re.compile(r"(a|aia|aya|ia|ya)$")
OBLIQUE = re.compile(r"(oi|oy|oj|u|e|ym|im|oiu|uiu|ogo|omu)$")
FEMININE_OBLIQUE = re.compile(r"(sk|tsk|ck|[oe]v|in)(oi|oy|oj|oiu|uiu|u)$")
# Reasons the comparison gives that explain nothing to a reader once ours are there.
REPLACED = {"transliteration", "feminine or declined form", "surname spelling"}


def _folded(word: str) -> str:
    return light_fold("".join(canonical(word).split()))


def surname_form(query: str, found: str) -> Reason | None:
    """How the query's surname relates to the recorded one, when they are one surname."""
    q, f = _folded(query), _folded(found)
    if q == f:
        return None
    if MASCULINE.search(q) and FEMININE_NOMINATIVE.search(f):
        return Reason("feminine_form", query=query)
    if MASCULINE.search(f) and FEMININE_NOMINATIVE.search(q):
        return Reason("masculine_form", query=query)
    if MASCULINE.search(f) and FEMININE_OBLIQUE.search(q):
        # «Багрицкой» declines Багрицкая, not Bagritsky (Багрицкий, Багрицкого…)
        return Reason("masculine_of_case_form", query=query)
    if OBLIQUE.search(q):
        return Reason("case_form", query=query, found=found)
    return Reason("spelled", query=query, found=found)


def explain(query: NameParts, found: NameParts, why: list[str]) -> list[Reason]:
    """Reasons that are true of this pair: a script or form is named only for the surname the
    two share (never "Misha is Майя in another script")."""
    reasons = []
    same_part = []
    if query.surname and found.surname:
        query_key = surname_key(query.surname)
        same_part = [p for p in found.surname_parts if surname_key(p) == query_key]
    slipped = any(r.startswith("typo in the surname") for r in why)
    if same_part or slipped:
        recorded = same_part[0] if same_part else found.surname
        query_script, found_script = detect_script(query.surname), detect_script(recorded)
        form = surname_form(query.surname, recorded) if same_part else None
        if query_script == "Latn" and found_script != "Latn":
            tradition = latin_tradition(query.surname.lower())
            tradition = tradition if tradition in TRADITIONS else ""
            reasons.append(Reason("tradition_of", tradition=tradition, surname=found.surname))
        elif query_script != found_script and not form:
            reasons.append(Reason("other_script", recorded=recorded, query=query.surname))
        elif query_script != found_script:
            reasons.append(Reason("written_other_script", recorded=recorded))
        if form:
            reasons.append(form)
    if query.order == "given_first" and query.surname:
        reasons.append(Reason("given_first"))
    reasons += [r for r in why if r not in REPLACED and r != "part of a double-barrelled surname"]
    if "part of a double-barrelled surname" in why:
        reasons.append(Reason("double_surname", surname=found.surname))
    return reasons
