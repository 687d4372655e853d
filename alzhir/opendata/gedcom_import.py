"""A GEDCOM 7 or 5.5.1 file from a genealogy program, imported as a new source.

Every INDI becomes a record whose `original` holds the INDI's lines exactly as the file wrote
them; names, sex and events are parsed beside them, and families become proposed
relationships for an archivist to confirm. The file is read and checked whole before anything
is written, then written in one transaction through the registry's actions.

The file is streamed one level-0 record at a time, so memory follows the records kept, not the
file: parsing is `gedcom7`'s, record by record (under the file's HEAD). Its line pattern holds
~360 bytes of regex state per character of a line (a 10 MB NOTE line took 3.96 GB), so a payload
longer than LONG_PAYLOAD is handed to it as a short token and put back after parsing.
GEDCOM 5.5.1 differs from 7 in ways the library rejects (CONC lines, @#DJULIAN@ escapes,
lower-case or punctuated xrefs, legacy encodings); those lines are rewritten to GEDCOM 7 by hand
here first, keeping a map back to the file's own line numbers.
"""

import codecs
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import gedcom7
from django.db import transaction
from django.utils import translation
from gedcom7 import grammar
from gedcom7.types import GedcomStructure

from alzhir.dates import DateParseError, julian_to_gregorian, parse_date
from alzhir.opendata.gedcom_dates import gedcom_to_edtf
from alzhir.opendata.problems import Problem
from alzhir.progress import bar
from alzhir.registry import actions
from alzhir.registry.drafts import EventDraft, NameDraft, RecordDraft
from alzhir.registry.models import EventType, Record, SourceKind

NAME_TYPES = {"BIRTH": "birth", "MAIDEN": "birth", "MARRIED": "married", "AKA": "alias"}
CHARSETS = {"UTF-8": "utf-8", "UNICODE": "utf-16", "ASCII": "ascii"}
LINE = re.compile(r"\s*(\d+) +(?:(@[^@]+@) +)?(\S+)(?: (.*))?")
XREF = re.compile(r"@[^@#]+@")
PATRONYMIC = re.compile(r"\w+(вна|вич|ична|ьич|инична)", re.IGNORECASE)
BANNED = re.compile(grammar.banned)
LONG_PAYLOAD = 1000
# A private-use character opens and closes each token; the payload it stands for goes back in.
TOKEN = re.compile("\ue000(\\d+)\ue000")
HEAD_BYTES = 64 * 1024
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


@dataclass
class Chunk:
    """One level-0 record as the file wrote it: its first line's number and its lines."""

    first_line: int
    lines: list[str] = field(default_factory=list)

    @property
    def xref(self) -> str | None:
        match = LINE.fullmatch(self.lines[0])
        return match.group(2) if match else None


def import_gedcom(
    path, source_name: str | None = None, actor: str = "cli", progress: bool | None = None
) -> dict[str, int]:
    """Import FILE.ged as source `source_name` (default: the file name); return counts.
    `progress`: bars of the file read and the records and links written (None: only on a
    terminal)."""
    size = Path(path).stat().st_size if Path(path).is_file() else None
    reading_bar = bar(desc="reading", unit="B", unit_scale=True, total=size, shown=progress)
    with reading_bar:
        reading = _Reading(path, reading_bar.update)
        path = reading.path
        drafts, families = [], []
        for chunk, structure in reading.records():
            xref = reading.written_xref(structure.xref)
            if structure.tag == "INDI":
                drafts.append(_record(structure, xref, chunk, len(drafts) + 1))
            elif structure.tag == "FAM":
                families.append((chunk.first_line, _family_links(structure, xref, reading)))
    sexes = {d.original["xref"]: d.sex for d in drafts}
    links = [link for line, family in families for link in _typed(family, sexes, line, path)]
    writing = bar(desc="writing", unit="records", total=len(drafts), shown=progress)
    with transaction.atomic():
        source = actions.get_or_create_source(
            source_name or path.stem, actor, kind=SourceKind.GEDCOM, title=path.name
        )
        try:
            with writing:
                actions.do_import_batch(
                    source, drafts, file_name=path.name, sha256=reading.sha256,
                    profile=f"gedcom {reading.version}", row_count=len(drafts), actor=actor,
                    progress=writing.update,
                )  # fmt: skip
        except actions.ActionError as error:
            raise GedcomRefused(path.name, None, str(error)) from None
        persons = {
            r.record_id: r.person for r in Record.objects.filter(source=source).select_related(
                "person")
        }  # fmt: skip
        for type_, a, b, family in bar(links, desc="family links", unit="links", shown=progress):
            actions.do_add_relationship(
                type_, persons[_record_id(a)], persons[_record_id(b)], actor,
                reasons=[f"family {family} in {path.name}"], source=source, locator=family,
            )  # fmt: skip
    return {"individuals": len(drafts), "relationships": len(links)}


class _Reading:
    """The file, read once: its version and encoding from the first bytes, then its records
    one at a time, each parsed by gedcom7 under the file's HEAD."""

    def __init__(self, path, read: Callable[[int], object] = lambda _bytes: None):
        self.path = path = Path(path)
        self.read = read  # told how many bytes were read, block by block
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
        self.version, self.encoding = _version_and_encoding(head, path.name)
        self.digest = hashlib.sha256()
        self.xrefs: dict[str, str] = {}  # 5.5.1 xref -> its GEDCOM 7 spelling
        self.written: dict[str, str] = {}  # and back
        self.seen: set[str] = set()
        self.head: list[str] = []

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()

    def written_xref(self, xref: str | None) -> str | None:
        return self.written.get(xref, xref)

    def records(self) -> Iterator[tuple[Chunk, GedcomStructure]]:
        chunks = self._chunks()
        first = next(chunks, None)
        if first is None or not first.lines[0].strip().endswith("HEAD"):
            raise GedcomRefused(self.path.name, 1, "a GEDCOM file begins with a HEAD record")
        self.head = self._canonical(first)[0]
        last = first
        for chunk in chunks:
            last = chunk
            if chunk.lines[0].split() == ["0", "TRLR"]:
                continue
            yield from ((chunk, s) for s in self._parse(chunk))
        if last.lines[0].split() != ["0", "TRLR"]:
            raise GedcomRefused(self.path.name, None, "no TRLR at the end: the file is cut short")

    def _chunks(self) -> Iterator[Chunk]:
        chunk = None
        for number, line in enumerate(self._lines(), start=1):
            if line.lstrip().startswith("0 ") or chunk is None:
                if chunk is not None:
                    yield chunk
                chunk = Chunk(number)
            chunk.lines.append(line)
        if chunk is not None:
            while chunk.lines and not chunk.lines[-1].strip():
                chunk.lines.pop()
            yield chunk

    def _lines(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)()
        pending, number = "", 0
        with self.path.open("rb") as file:
            while block := file.read(HEAD_BYTES):
                self.digest.update(block)
                self.read(len(block))
                try:
                    text = pending + decoder.decode(block)
                except UnicodeDecodeError as error:
                    raise GedcomRefused(
                        self.path.name, number + pending.count("\n") + 1,
                        f"not {self.encoding}: {error.reason}",
                    ) from None  # fmt: skip
                lines = re.split(r"\r\n|\r|\n", text)
                pending = lines.pop()  # may be cut short, or a CR before its LF
                if pending == "" and text.endswith("\r"):
                    pending = "\r"
                for line in lines:
                    number += 1
                    yield line.removeprefix("\ufeff") if number == 1 else line
        if pending.strip("\r"):
            yield pending

    def _parse(self, chunk: Chunk) -> list[GedcomStructure]:
        lines, line_of, long_payloads = self._canonical(chunk)
        xref = LINE.fullmatch(lines[0]).group(2) if LINE.fullmatch(lines[0]) else None
        if xref:
            if xref in self.seen:
                raise GedcomRefused(self.path.name, chunk.first_line, f"{xref} is defined twice")
            self.seen.add(xref)
        text = "\n".join([*self.head, *lines, "0 TRLR"]) + "\n"
        try:
            records = gedcom7.loads(text)[1:-1]
        except gedcom7.GedcomParseError as error:
            number = getattr(error, "line_number", None)
            inside = number - len(self.head) if number else None
            line = line_of[inside - 1] if inside and 0 < inside <= len(line_of) else None
            reason = re.sub(r"^line \d+: ", "", str(error))
            raise GedcomRefused(self.path.name, line, reason) from None
        if long_payloads:
            _put_back(records, long_payloads)
        if chunk.xref:
            self.written[xref or chunk.xref] = chunk.xref
        return records

    def _canonical(self, chunk: Chunk) -> tuple[list[str], list[int], list[str]]:
        """GEDCOM 7 lines for the chunk's lines, each one's line number in the file, and the
        long payloads that the lines carry as tokens."""
        if self.version.startswith("7"):
            lines, line_of = list(chunk.lines), [chunk.first_line + i for i in
                                                 range(len(chunk.lines))]  # fmt: skip
        else:
            lines, line_of = self._from_551(chunk)
        long_payloads = []
        for i, line in enumerate(lines):
            if len(line) <= LONG_PAYLOAD:
                continue
            match = LINE.fullmatch(line)
            payload = match.group(4) if match else None
            if not payload:
                continue
            banned = BANNED.search(payload)
            if banned:
                reason = f"banned character U+{ord(banned.group()):04X}"
                raise GedcomRefused(self.path.name, line_of[i], reason)
            lines[i] = line[: match.start(4)] + f"\ue000{len(long_payloads)}\ue000"
            long_payloads.append(payload)
        return lines, line_of, long_payloads

    def _from_551(self, chunk: Chunk) -> tuple[list[str], list[int]]:
        out, line_of = [], []
        for number, line in enumerate(chunk.lines, start=chunk.first_line):
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
                value = self._canonical_xref(value)
            elif value.startswith("@"):
                value = "@" + value
            xref = self._canonical_xref(xref) if xref else None
            out.append(" ".join(p for p in [level, xref, tag.upper(), value or None] if p))
            line_of.append(number)
        return out, line_of

    def _canonical_xref(self, xref: str) -> str:
        if xref not in self.xrefs:
            name = "@" + re.sub(r"[^A-Z0-9_]", "_", xref[1:-1].upper()) + "@"
            while name in self.written:
                name = name[:-1] + "_@"
            self.xrefs[xref] = name
            self.written[name] = xref
        return self.xrefs[xref]


def _version_and_encoding(head: bytes, name: str) -> tuple[str, str]:
    text = head.decode("latin-1")
    version = re.search(r"\n\s*2 VERS (\S+)", text.split("\n0 ", 1)[0] + "\n")
    version = version.group(1) if version else "5.5.1"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return version, "utf-16"
    if version.startswith("7") or head.startswith(b"\xef\xbb\xbf"):
        return version, "utf-8-sig"
    charset = re.search(r"\n\s*1 CHAR (\S+)", text)
    charset = charset.group(1).upper() if charset else "UTF-8"
    if charset == "ANSEL":
        raise GedcomRefused(
            name, None, "ANSEL-encoded GEDCOM is not read; save it from the genealogy program as "
            "UTF-8",
        )  # fmt: skip
    if charset in CHARSETS:
        return version, CHARSETS[charset]
    try:  # the first bytes decode as UTF-8 (a character cut at the end aside), else cp1251
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return version, "utf-8"
    except UnicodeDecodeError:
        return version, "cp1251"


def _put_back(structures, long_payloads: list[str]) -> None:
    for structure in structures:
        if "\ue000" in structure.text:
            structure.text = TOKEN.sub(lambda m: long_payloads[int(m[1])], structure.text)
        _put_back(structure.children, long_payloads)


def _record_id(xref: str) -> str:
    return xref.strip("@")


def _child(structure, tag):
    return next((c for c in structure.children if c.tag == tag), None)


def _text(structure, tag) -> str:
    child = _child(structure, tag)
    return child.text if child else ""


def _record(indi, xref, chunk: Chunk, number) -> RecordDraft:
    line, text = chunk.first_line, "\n".join(chunk.lines)
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
        locator=f"{xref}, line {line}",
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


def _family_links(family, xref, reading) -> tuple[str, dict[str, list[str]]]:
    roles = {"HUSB": [], "WIFE": [], "CHIL": []}
    for child in family.children:
        if child.tag in roles and child.pointer and child.pointer != "@VOID@":
            roles[child.tag].append(reading.written_xref(child.pointer))
    return xref, roles


def _typed(family, sexes, line: int, path: Path) -> list[tuple[str, str, str, str]]:
    """(type, a, b, family xref): a is the spouse/mother/father of b. A family that names one
    person in two roles (wife and child, husband and wife) is a broken file, not a family."""
    xref, roles = family
    seen = {}
    for role in ("HUSB", "WIFE", "CHIL"):
        for person in roles[role]:
            if person in seen:
                raise GedcomRefused(
                    path.name, line, f"family {xref} names {person} both as {seen[person]} and "
                    f"as {role}: correct the family in the genealogy program",
                )  # fmt: skip
            seen[person] = role
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
