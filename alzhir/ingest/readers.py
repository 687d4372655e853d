"""Read a list file (CSV, TSV or XLSX) into a header and rows of text, whatever its encoding."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path


class ReadError(ValueError):
    pass


@dataclass
class Table:
    header: list[str] | None
    rows: list[list[str]]
    encoding: str
    delimiter: str
    first_data_line: int  # file line of the first data row, for messages

    def line_of(self, row_number: int) -> int:
        return self.first_data_line + row_number - 1


def detect_encoding(raw: bytes) -> str:
    """UTF-8 when the bytes decode as UTF-8, else cp1251 (the Soviet-era lists' Windows code
    page); a cp1251 file almost never decodes as UTF-8 by accident."""
    try:
        raw.decode("utf-8")
        return "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        return "cp1251"


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
    raw = path.read_bytes()
    encoding = encoding or detect_encoding(raw)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReadError(
            f"{path.name}: not {encoding} text ({error.reason} at byte {error.start})"
        ) from error
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else detect_delimiter(text[:20000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise ReadError(f"{path.name}, line {reader.line_num}: {error}") from error
    head = rows.pop(0) if header and rows else None
    return Table(head, rows, encoding, delimiter, 2 if head else 1)


def _read_xlsx(path: Path, header: bool) -> Table:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    rows = [
        ["" if v is None else str(v) for v in row]
        for row in sheet.iter_rows(values_only=True)
        if any(v is not None and str(v).strip() for v in row)
    ]
    head = rows.pop(0) if header and rows else None
    return Table(head, rows, "xlsx", "", 2 if head else 1)
