"""A GEDCOM 7 or 5.5.1 file from a genealogy program, imported as a new source.

Every INDI becomes a record whose `original` holds the INDI's lines exactly as the file wrote
them; names, sex and events are parsed beside them, and families become proposed
relationships for an archivist to confirm. The file is read and checked whole before anything
is written, then written in one transaction through the registry's actions.

Parsing is `gedcom7`'s. GEDCOM 5.5.1 differs from 7 in ways the library rejects (CONC lines,
@#DJULIAN@ escapes, lower-case or punctuated xrefs, legacy encodings); those lines are
rewritten to GEDCOM 7 by hand here first, keeping a map back to the file's own line numbers.
"""

import hashlib
import re
from pathlib import Path

import gedcom7
from django.db import transaction
from django.utils import translation

from alzhir.dates import DateParseError, julian_to_gregorian, parse_date
from alzhir.ingest.readers import detect_encoding
from alzhir.opendata.gedcom_dates import gedcom_to_edtf
from alzhir.opendata.problems import Problem
from alzhir.registry import actions
from alzhir.registry.drafts import EventDraft, NameDraft, RecordDraft
from alzhir.registry.models import EventType, Record, SourceKind

NAME_TYPES = {"BIRTH": "birth", "MAIDEN": "birth", "MARRIED": "married", "AKA": "alias"}
CHARSETS = {"UTF-8": "utf-8", "UNICODE": "utf-16", "ASCII": "ascii"}
LINE = re.compile(r"\s*(\d+) +(?:(@[^@]+@) +)?(\S+)(?: (.*))?")
XREF = re.compile(r"@[^@#]+@")
PATRONYMIC = re.compile(r"\w+(вна|вич|ична|ьич|инична)", re.IGNORECASE)
with translation.override("en"):
    # The English labels our export writes, and the bare values, whatever the site's language.
    EVENT_LABELS = {str(label).casefold(): value for value, label in EventType.choices} | {
        value: value for value in EventType.values
    }


class GedcomRefused(Exception):
    """A GEDCOM file that cannot be imported as it is; nothing was written."""

    def __init__(self, file: str, line: int | None, reason: str):
        self.problem = Problem(file, line, reason)
        super().__init__(f"{self.problem}; nothing imported")


def import_gedcom(path, source_name: str | None = None, actor: str = "cli") -> dict[str, int]:
    """Import FILE.ged as source `source_name` (default: the file name); return counts."""
    path = Path(path)
    raw = path.read_bytes()
    lines, version = _decode(raw, path.name)
    canonical, line_of, xrefs = (lines, list(range(1, len(lines) + 1)), {})
    if not version.startswith("7"):
        canonical, line_of, xrefs = _from_551(lines)
    try:
        records = gedcom7.loads("\n".join(canonical) + "\n")
    except gedcom7.GedcomParseError as error:
        number = getattr(error, "line_number", None)
        line = line_of[number - 1] if number and number <= len(line_of) else number
        reason = re.sub(r"^line \d+: ", "", str(error))
        raise GedcomRefused(path.name, line, reason) from None
    written = _written_records(lines)
    back = {v: k for k, v in xrefs.items()}
    individuals = [r for r in records if r.tag == "INDI"]
    drafts = [
        _record(indi, back.get(indi.xref, indi.xref), written, number)
        for number, indi in enumerate(individuals, start=1)
    ]
    families = [_family_links(f, back) for f in records if f.tag == "FAM"]
    sexes = {d.original["xref"]: d.sex for d in drafts}
    links = [link for family in families for link in _typed(family, sexes)]
    with transaction.atomic():
        source = actions.get_or_create_source(
            source_name or path.stem, actor, kind=SourceKind.GEDCOM, title=path.name
        )
        try:
            actions.do_import_batch(
                source, drafts, file_name=path.name, sha256=hashlib.sha256(raw).hexdigest(),
                profile=f"gedcom {version}", row_count=len(drafts), actor=actor,
            )  # fmt: skip
        except actions.ActionError as error:
            raise GedcomRefused(path.name, None, str(error)) from None
        persons = {
            r.record_id: r.person for r in Record.objects.filter(source=source).select_related(
                "person")
        }  # fmt: skip
        for type_, a, b, family in links:
            actions.do_add_relationship(
                type_, persons[_record_id(a)], persons[_record_id(b)], actor,
                reasons=[f"family {family} in {path.name}"], source=source, locator=family,
            )  # fmt: skip
    return {"individuals": len(drafts), "relationships": len(links)}


def _decode(raw: bytes, name: str) -> tuple[list[str], str]:
    head = raw[:4000].decode("latin-1")
    version = re.search(r"\n\s*2 VERS (\S+)", head.split("\n0 ", 1)[0] + "\n")
    version = version.group(1) if version else "5.5.1"
    if version.startswith("7") or raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    else:
        charset = re.search(r"\n\s*1 CHAR (\S+)", head)
        charset = charset.group(1).upper() if charset else "UTF-8"
        if charset == "ANSEL":
            raise GedcomRefused(
                name,
                None,
                "ANSEL-encoded GEDCOM is not read; save it from the genealogy program as UTF-8",
            )
        encoding = CHARSETS.get(charset) or detect_encoding(raw)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise GedcomRefused(name, line, f"not {encoding}: {error.reason}") from None
    return re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff").rstrip("\r\n")), version


def _from_551(lines: list[str]) -> tuple[list[str], list[int], dict[str, str]]:
    """GEDCOM 7 lines for 5.5.1 lines, each one's line number in the file, and xref renames."""
    out, line_of, xrefs = [], [], {}

    def canonical(xref):
        if xref not in xrefs:
            name = "@" + re.sub(r"[^A-Z0-9_]", "_", xref[1:-1].upper()) + "@"
            while name in xrefs.values():
                name = name[:-1] + "_@"
            xrefs[xref] = name
        return xrefs[xref]

    for number, line in enumerate(lines, start=1):
        match = LINE.fullmatch(line)
        if not line.strip():
            continue
        if not match:
            out.append(line)
            line_of.append(number)
            continue
        level, xref, tag, value = match.groups()
        value = value or ""
        if tag == "CONC" and out:
            out[-1] += value
            continue
        value = re.sub(r"^@#D(GREGORIAN|JULIAN)@ ", lambda m: f"{m[1]} ".replace(
            "GREGORIAN ", ""), value)  # fmt: skip
        if XREF.fullmatch(value):
            value = canonical(value)
        elif value.startswith("@"):
            value = "@" + value
        parts = [level, canonical(xref) if xref else None, tag.upper(), value or None]
        out.append(" ".join(p for p in parts if p))
        line_of.append(number)
    return out, line_of, xrefs


def _written_records(lines: list[str]) -> dict[str, tuple[int, str]]:
    """Each level-0 record's first line number and its lines exactly as written, by xref."""
    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("0 ")]
    written = {}
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        match = LINE.fullmatch(lines[start])
        if match and match.group(2):
            written[match.group(2)] = (start + 1, "\n".join(lines[start:end]))
    return written


def _record_id(xref: str) -> str:
    return xref.strip("@")


def _child(structure, tag):
    return next((c for c in structure.children if c.tag == tag), None)


def _text(structure, tag) -> str:
    child = _child(structure, tag)
    return child.text if child else ""


def _record(indi, xref, written, number) -> RecordDraft:
    line, text = written.get(xref, (None, ""))
    names = [n for name in indi.children if name.tag == "NAME" for n in _names(name)]
    events = [e for e in map(_event, indi.children) if e]
    birth = next((e for e in events if e.type == EventType.BIRTH and e.date_edtf), None)
    sex = _text(indi, "SEX")
    return RecordDraft(
        record_id=_record_id(xref),
        original={"xref": xref, "gedcom": text},
        row_number=number,
        fields={"full_name": names[0].full_text if names else "", "sex": sex},
        sex=sex if sex in ("F", "M") else "U",
        birth_edtf=birth.date_edtf if birth else "",
        birth_lower=birth.date_lower if birth else None,
        birth_upper=birth.date_upper if birth else None,
        names=names,
        events=events,
        locator=f"{xref}, line {line}" if line else xref,
    )


def _names(name) -> list[NameDraft]:
    kind = NAME_TYPES.get(_text(name, "TYPE"), "as_recorded")
    drafts = [_name(name.text, name, kind, "")]
    for tran in name.children:
        if tran.tag in ("TRAN", "ROMN", "FONE"):
            drafts.append(_name(tran.text, tran, kind, _text(tran, "LANG")))
    return [d for d in drafts if d.full_text]


def _name(payload, structure, kind, lang) -> NameDraft:
    match = re.fullmatch(r"([^/]*)/([^/]*)/?(.*)", payload)
    given, surname = (match[1], match[2]) if match else (payload, "")
    given = _text(structure, "GIVN") or given.strip()
    surname = _text(structure, "SURN") or surname.strip()
    patronymic = ""
    words = given.split()
    if len(words) == 2 and PATRONYMIC.fullmatch(words[1]):
        given, patronymic = words
    full = " ".join(payload.replace("/", " ").split())
    return NameDraft(
        full,
        surname,
        given,
        patronymic,
        type=kind,
        lang=lang,
        scheme=_text(structure, "TYPE") if structure.tag != "TRAN" else "",
    )


def _event(structure) -> EventDraft | None:
    tag = structure.tag
    if tag not in ("BIRT", "DEAT", "EVEN") and not (
        _child(structure, "DATE") or _child(structure, "PLAC")
    ):
        return None
    label = _text(structure, "TYPE")
    cause = _text(structure, "CAUS")
    if tag == "BIRT":
        type_ = EventType.BIRTH
    elif tag == "DEAT":
        type_ = EventType.EXECUTION if cause.casefold() == "execution" else EventType.DEATH
    else:
        type_ = (
            EVENT_LABELS.get(label.casefold())
            or EVENT_LABELS.get(label.casefold().replace("_", " "))
            or (label if label in EventType.values else "other")
        )
    date = _child(structure, "DATE")
    edtf, lower, upper, calendar = _date(date.text if date else "")
    # What the type does not already say: the payload, and for unmapped events tag and TYPE.
    unmapped = type_ == "other" or tag not in ("BIRT", "DEAT", "EVEN")
    said = [tag if unmapped and tag != "EVEN" else "", label if unmapped else "", structure.text]
    other = " ".join(p for p in said if p)
    note = _text(structure, "NOTE")
    return EventDraft(
        type=type_,
        date_edtf=edtf,
        date_lower=lower,
        date_upper=upper,
        date_text=(_text(date, "PHRASE") or date.text) if date else "",
        calendar=calendar,
        place_text=_text(structure, "PLAC"),
        institution=_text(structure, "AGNC"),
        charge="" if tag == "DEAT" else cause,
        text="\n".join(p for p in (other, note) if p),
    )  # fmt: skip


def _date(value: str):
    """(EDTF, lower, upper, calendar) of a GEDCOM date; unreadable dates keep only their text."""
    edtf, calendar = gedcom_to_edtf(value) if value else ("", "gregorian")
    if calendar == "julian" and re.fullmatch(r"\d{4}-\d\d-\d\d", edtf):
        edtf = julian_to_gregorian(*map(int, edtf.split("-"))).isoformat()
    try:
        parsed = parse_date(edtf.replace("../", "").replace("/..", "")) if edtf else None
    except DateParseError:
        parsed = None
    if parsed is None:
        return edtf, None, None, calendar
    open_start, open_end = edtf.startswith("../"), edtf.endswith("/..")
    return (
        edtf,
        None if open_start else parsed.lower,
        None if open_end else parsed.upper,
        calendar,
    )


def _family_links(family, back) -> tuple[str, dict[str, list[str]]]:
    xref = back.get(family.xref, family.xref)
    roles = {"HUSB": [], "WIFE": [], "CHIL": []}
    for child in family.children:
        if child.tag in roles and child.pointer and child.pointer != "@VOID@":
            roles[child.tag].append(back.get(child.pointer, child.pointer))
    return xref, roles


def _typed(family, sexes) -> list[tuple[str, str, str, str]]:
    """(type, a, b, family xref): a is the spouse/mother/father of b."""
    xref, roles = family
    partners = [(p, role) for role in ("HUSB", "WIFE") for p in roles[role] if p in sexes]
    links = []
    if len(partners) == 2:
        links.append(("spouse", partners[0][0], partners[1][0], xref))
    for child in (c for c in roles["CHIL"] if c in sexes):
        for parent, role in partners:
            sex = sexes[parent]
            mother = sex == "F" or (sex == "U" and role == "WIFE")
            links.append(("mother" if mother else "father", parent, child, xref))
    return links
