"""EDTF ↔ GEDCOM 7 dates for the forms the registry writes: day, month, year, decade (193X),
qualified (~ ? %), intervals (A/B, ../B, A/..).

Hand-written: `gedcom7` reads and writes date payloads but does not know EDTF, and the `edtf`
package does not know GEDCOM. Whatever GEDCOM cannot say exactly goes to PHRASE as well.
"""

import re

MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
EDTF_POINT = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?(?P<q>[~?%])?")
EDTF_DECADE = re.compile(r"(?P<decade>\d{3})X")
GEDCOM_POINT = re.compile(
    r"(?:(?P<calendar>GREGORIAN|JULIAN) )?(?:(?:(?P<day>\d{1,2}) )?(?P<month>[A-Z]{3}) )?"
    r"(?P<year>\d{3,4})"
)


def _point(edtf: str) -> tuple[str, bool] | None:
    """(GEDCOM date, whether it is qualified) for one EDTF point, or None."""
    match = EDTF_POINT.fullmatch(edtf)
    if not match:
        return None
    parts = [match["year"]]
    if match["month"]:
        parts.insert(0, MONTHS[int(match["month"]) - 1])
    if match["day"]:
        parts.insert(0, str(int(match["day"])))
    return " ".join(parts), bool(match["q"])


def edtf_to_gedcom(edtf: str) -> tuple[str, bool]:
    """(GEDCOM date value, exact) for an EDTF string; ("", False) when GEDCOM has no form."""
    if not edtf:
        return "", True
    point = _point(edtf)
    if point:
        date, qualified = point
        return (f"ABT {date}", False) if qualified else (date, True)
    decade = EDTF_DECADE.fullmatch(edtf)
    if decade:
        return f"BET {decade['decade']}0 AND {decade['decade']}9", True
    if edtf.count("/") == 1:
        start, end = edtf.split("/")
        first, last = _point(start) if start != ".." else None, _point(end) if end != ".." else None
        exact = not any(p and p[1] for p in (first, last))
        if first and last:
            return f"BET {first[0]} AND {last[0]}", exact
        if last and start == "..":
            return f"BEF {last[0]}", exact
        if first and end == "..":
            return f"AFT {first[0]}", exact
    return "", False


def _edtf_point(text: str) -> tuple[str, str] | None:
    """(EDTF, calendar) of one GEDCOM date, or None."""
    match = GEDCOM_POINT.fullmatch(text)
    if not match or (match["month"] and match["month"] not in MONTHS):
        return None
    edtf = match["year"].zfill(4)
    if match["month"]:
        edtf += f"-{MONTHS.index(match['month']) + 1:02d}"
        if match["day"]:
            edtf += f"-{int(match['day']):02d}"
    return edtf, (match["calendar"] or "GREGORIAN").lower()


def gedcom_to_edtf(value: str) -> tuple[str, str]:
    """(EDTF, calendar) for a GEDCOM date value; ("", "gregorian") when it is not a date.

    A Julian date keeps its Julian EDTF here; the caller converts days to the Gregorian.
    """
    value = " ".join(value.split()).upper()
    for prefix, template in (
        ("ABT ", "{}~"),
        ("CAL ", "{}~"),
        ("EST ", "{}?"),
        ("BEF ", "../{}"),
        ("AFT ", "{}/.."),
        ("TO ", "../{}"),
        ("FROM ", "{}/.."),
    ):
        if value.startswith(prefix) and " TO " not in value:
            point = _edtf_point(value[len(prefix) :])
            return (template.format(point[0]), point[1]) if point else ("", "gregorian")
    for pattern in (r"BET (.+) AND (.+)", r"FROM (.+) TO (.+)"):
        match = re.fullmatch(pattern, value)
        if match:
            first, last = _edtf_point(match[1]), _edtf_point(match[2])
            if first and last:
                return f"{first[0]}/{last[0]}", first[1]
            return "", "gregorian"
    point = _edtf_point(value)
    return point if point else ("", "gregorian")
