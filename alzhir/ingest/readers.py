"""Read a list file (CSV, TSV or XLSX) into a header and rows of text, whatever its encoding.
A CSV file's rows are read again from the file at each pass over them, not held: a million
rows held as lists of strings took about 1 GB.

What cannot be read as text for sure is refused with one message naming the file and where:
bytes of no encoding, a file mixing UTF-8 and cp1251 lines (decoding it as either garbles the
other's names), a broken spreadsheet, two columns of one name (one would be lost).
"""

import csv
import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_LINES_NAMED = 10  # line numbers a message lists before it says how many more


class ReadError(ValueError):
    pass


@dataclass
class Table:
    header: list[str] | None
    rows: "Rows"  # iterable again and again, with a length
    encoding: str
    delimiter: str
    first_data_line: int  # file line of the first data row, for messages
    has_nul: bool = False  # some cell holds a NUL character (no database column can store it)
    # The number of fields every row must have: the header's, else what most rows have.
    width: int | None = None

    def line_of(self, row_number: int) -> int:
        return self.first_data_line + row_number - 1


class Rows:
    """A table's data rows: read from `source()` at each pass; `count` of them."""

    def __init__(self, source, count: int):
        self.source, self.count = source, count

    def __iter__(self) -> Iterator[list[str]]:
        return iter(self.source())

    def __len__(self) -> int:
        return self.count


def _common_width(widths: Counter, header) -> int | None:
    if header:
        return len(header)
    return widths.most_common(1)[0][0] if widths else None


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig")


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:_LINES_NAMED])
    more = len(numbers) - _LINES_NAMED
    return f"{shown} and {more} more" if more > 0 else shown


def _split_by_encoding(raw: bytes) -> tuple[list[int], list[int]]:
    """File lines holding non-ASCII text: those that are UTF-8, and those that are not."""
    utf8, other = [], []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
        else:
            utf8.append(number)
    return utf8, other


def detect_encoding(raw: bytes) -> str:
    """UTF-8 when the bytes decode as UTF-8, else cp1251 (the Soviet-era lists' Windows code
    page); a cp1251 file almost never decodes as UTF-8 by accident."""
    try:
        raw.decode("utf-8")
        return "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        return "cp1251"


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The file's text and its encoding (detected, or the one the profile names). A file whose
    lines are of both kinds is refused, naming them, whichever encoding is asked for."""
    if encoding is None or _is_utf8(encoding):
        guessed = detect_encoding(raw)
        if guessed != "cp1251":
            return raw.decode(guessed), guessed
    utf8, other = _split_by_encoding(raw)
    if utf8 and other:
        raise ReadError(
            f"{name} mixes encodings: lines {_lines(utf8)} are UTF-8, lines {_lines(other)} "
            f"are not (cp1251?); save the whole file in one encoding"
        )
    if encoding is None:
        encoding = "cp1251"
    elif _is_utf8(encoding):
        raise ReadError(f"{name}: lines {_lines(other)} are not UTF-8 text")
    elif utf8:
        raise ReadError(
            f"{name} is UTF-8 text (lines {_lines(utf8)}), not {encoding} as the profile says"
        )
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ReadError(f"{name}, line {line}: not {encoding} text ({error.reason})") from None
    except LookupError:
        raise ReadError(f"{name}: the profile names an unknown encoding «{encoding}»") from None


def detect_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_table(
    path: Path, *, encoding: str | None = None, delimiter: str | None = None, header=True
) -> Table:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, header)
    text, encoding = decode(path.read_bytes(), path.name, encoding)
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else detect_delimiter(text[:20000])
    has_nul = "\x00" in text
    # The rows are read from the file: csv over a StringIO of the text held each character in
    # four bytes more (StringIO keeps UCS-4), 400 MB for a million rows.
    del text
    head, count, widths = None, 0, Counter()
    with path.open(encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            for row in _nonblank(reader):
                if header and head is None:
                    head = _header(row, path.name)
                    continue
                count += 1
                widths[len(row)] += 1
        except csv.Error as error:
            raise ReadError(f"{path.name}, line {reader.line_num}: {error}") from error

    def rows() -> Iterator[list[str]]:
        with path.open(encoding=encoding, newline="") as stream:
            found = _nonblank(csv.reader(stream, delimiter=delimiter))
            if head is not None:
                next(found)
            yield from found

    width = _common_width(widths, head)
    return Table(head, Rows(rows, count), encoding, delimiter, 2 if head else 1, has_nul, width)


def _nonblank(reader) -> Iterator[list[str]]:
    return (row for row in reader if any(cell.strip() for cell in row))


def _header(names: list[str], file_name: str) -> list[str]:
    """Column names as written; an unnamed column is named by its place («column 5») so that
    its cells are kept. Two columns of one name are refused: a record keeps its row by name."""
    if any("\x00" in name for name in names):
        raise ReadError(f"{file_name}, line 1: a column name holds a NUL character (byte 0)")
    named = [name.strip() or f"column {i}" for i, name in enumerate(names, start=1)]
    places: dict[str, list[int]] = {}
    for i, name in enumerate(named, start=1):
        places.setdefault(name, []).append(i)
    repeated = [f"«{name}» (columns {_lines(at)})" for name, at in places.items() if len(at) > 1]
    if repeated:
        raise ReadError(
            f"{file_name}, line 1: two columns have one name: {'; '.join(repeated)}; "
            f"rename one so that neither is lost"
        )
    return named


def _cell(value) -> str:
    """A spreadsheet cell as text; a date cell as its day, as a clerk would write it."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    return str(value)


def _read_xlsx(path: Path, header: bool) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - zipfile, lxml and openpyxl raise a dozen kinds
        raise ReadError(f"{path.name}: not a readable XLSX workbook ({error})") from None
    try:
        sheet = book.worksheets[0]
        # Read-only mode trusts the sheet's <dimension>, which some writers leave stale
        # ("A1:E3" over 300,000 rows): every row is read whatever it says.
        sheet.reset_dimensions()
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # noqa: BLE001 - as above, for a sheet broken inside
        raise ReadError(f"{path.name}: not a readable XLSX workbook ({error})") from None
    finally:
        book.close()
    rows = [_trimmed(row) for row in rows if any(cell.strip() for cell in row)]
    head = _header(rows.pop(0), path.name) if header and rows else None
    width = len(head) if head else max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    has_nul = any("\x00" in cell for row in rows for cell in row)
    width = _common_width(Counter(len(row) for row in rows), head)
    return Table(head, Rows(lambda: rows, len(rows)), "xlsx", "", 2 if head else 1, has_nul, width)


def _trimmed(row: list[str]) -> list[str]:
    """A spreadsheet row without the empty cells after its last value (a sheet has no width
    of its own: empty cells beyond the header are not fields)."""
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return row[:end]
