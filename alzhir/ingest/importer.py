"""Import a list file: check every row, then write all or nothing.

Two passes over the rows, which are read again from the file for each (memory stays flat with
the file's size): the first checks what would refuse a row, the second builds the records and
writes them as it goes, in the transaction the first pass decided to open. For a large file a
worker process builds the records while this one writes them (`alzhir.ingest.worker`).

A file is refused only for faults of its structure (DESIGN.md): bytes of no encoding or of
two, a column name twice, a row of the wrong width, a row with no name, a record id twice, a
value longer than its column or holding a NUL character. What a clerk wrote oddly is imported
and reported: dates read as far as they go (`alzhir dates` lists the doubtful and the
implausible), a word for sex the reader does not know, rows the source holds already.
"""

import contextlib
import csv
import datetime
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from alzhir.ingest.profiles import ColumnMap, Profile, load_profile
from alzhir.ingest.readers import Rows, Table, read_table
from alzhir.ingest.rows import DateProblemKind, RowError, build_record, row_errors, sex_unread
from alzhir.ingest.worker import can_fork, made_in_worker
from alzhir.progress import bar
from alzhir.registry import actions, limits
from alzhir.registry.bulk import batched, sorting_on_disk
from alzhir.registry.drafts import RecordDraft
from alzhir.registry.models import ImportBatch, Source
from alzhir.registry.ready import ReadyRecord, ready_record
from alzhir.registry.reimport import Partition, Partitioner, stored_columns

REASON = "reason"  # the column a rejects file adds to the file's own
SEX_UNREAD = "sex_unread"  # a flag of a ReadyRecord (the other flags: DateProblemKind)
# Rows from which the records are made in a worker process. Generic synthetic rows on SQLite,
# three runs each: 20,000 took 4.2-4.7 s with the worker and 5.7-6.1 s without; 5,000 were
# alike (1.3-2.1 s); at 2,000 forking and handing over lost (0.9-1.2 s against 0.8 s).
WORKER_ROWS = 20_000
_HANDED_OVER = 2000  # records a worker hands over at a time: a chunk the writer writes at once
_IDS_NAMED = 20  # record ids a summary lists before it says how many more


class ImportRefused(Exception):
    def __init__(self, file_name: str, errors: list[RowError], table_line):
        self.file_name = file_name
        self.errors = errors
        self.table_line = table_line
        super().__init__(f"{file_name}: {len(errors)} problem(s), nothing imported")

    def lines(self) -> list[str]:
        return [
            f"{self.file_name}, row {e.row} (line {self.table_line(e.row)}), "
            f"column {e.column}: {e.reason}"
            if e.row
            else f"{self.file_name}: {e.column}: {e.reason}"
            for e in self.errors
        ]


@dataclass
class ImportReport:
    file_name: str
    source: str
    rows: int
    imported: int = 0
    rejected: int = 0
    already_imported: bool = False
    dry_run: bool = False
    errors: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # record ids in the source as written
    changed: list[str] = field(default_factory=list)  # record ids in it with other content
    dates_unread: int = 0
    dates_implausible: int = 0
    sex_unread: int = 0
    reason_column_dropped: bool = False  # a rejects file of this source, its reasons left out

    def summary(self) -> str:
        if self.already_imported:
            return f"{self.file_name} is already in {self.source}: nothing added"
        verb = "would import" if self.dry_run else "imported"
        lines = [f"{self.file_name}: {verb} {self.imported} of {self.rows} rows into {self.source}"]
        if self.rejected:
            lines[0] += f"; rejected {self.rejected}"
        if self.reason_column_dropped:
            lines.append(f"  a rejects file of {self.source}: its «{REASON}» column left out")
        if self.unchanged:
            lines.append(
                f"  {len(self.unchanged)} already in {self.source} as written, skipped: "
                f"record id(s) {_ids(self.unchanged)}"
            )
        if self.changed:
            lines.append(
                f"  {len(self.changed)} in {self.source} with other content, not "
                f"overwritten: record id(s) {_ids(self.changed)}"
            )
        if self.dates_unread or self.dates_implausible:
            lines.append(
                f"  dates: {self.dates_unread} kept as written but not fully read, "
                f"{self.dates_implausible} implausible (`alzhir dates` lists them)"
            )
        if self.sex_unread:
            lines.append(
                f"  {self.sex_unread} row(s) name a sex in a word not known: kept as "
                f"written, stored as unknown"
            )
        return "\n".join(lines)

    def count_new(self, records: list[ReadyRecord]) -> None:
        """Count what the new rows among the file's good ones hold (chunk by chunk)."""
        flags = [flag for r in records for flag in r.flags]
        self.dates_unread += flags.count(DateProblemKind.UNREAD)
        self.dates_implausible += flags.count(DateProblemKind.IMPLAUSIBLE)
        self.sex_unread += flags.count(SEX_UNREAD)

    def tally(self, rows: Partition, table: Table, id_column: str) -> None:
        """Count what the import did (or would do) with the file's good rows."""
        self.imported = rows.new
        self.unchanged = [d.record_id for d in rows.unchanged]
        self.changed = [d.record_id for d in rows.changed]
        self.errors += [
            f"{self.file_name}, row {d.row_number} (line {table.line_of(d.row_number)}), column "
            f"{id_column}: record_id {d.record_id} is in {self.source} with other content; the "
            f"record is kept as it was, not overwritten"
            for d in rows.changed
        ]


def _ids(ids: list[str]) -> str:
    more = len(ids) - _IDS_NAMED
    return ", ".join(ids[:_IDS_NAMED]) + (f" and {more} more" if more > 0 else "")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(
    path: Path,
    *,
    source_name: str | None = None,
    profile: str | Profile = "generic",
    dry_run: bool = False,
    skip_invalid: bool = False,
    rejects_path: Path | None = None,
    actor: str = "cli",
    progress: bool | None = None,
    synthetic: bool = False,
    today: datetime.date | None = None,
) -> ImportReport:
    path = Path(path)
    profile = load_profile(profile) if isinstance(profile, str) else profile
    source_name = source_name or path.stem
    _check_names(path.name, source_name, profile.name)
    digest = sha256_of(path)
    table = read_table(
        path, encoding=profile.encoding, delimiter=profile.delimiter, header=profile.header
    )
    report = ImportReport(path.name, source_name, rows=len(table.rows), dry_run=dry_run)
    if ImportBatch.objects.filter(source__name=source_name, sha256=digest).exists():
        report.already_imported = True
        return report
    table, report.reason_column_dropped = _without_reasons(table, source_name)
    columns = ColumnMap(profile, table.header, path.name)
    today = today or datetime.date.today()
    errors, rejected_rows = _validate(table, columns, profile, progress, today)
    report.errors = ImportRefused(path.name, errors, table.line_of).lines()
    if errors and not skip_invalid:
        raise ImportRefused(path.name, errors, table.line_of)
    report.rejected = len(rejected_rows)
    id_column = columns.columns.get("record_id", "record_id")
    rejected = {number for number, _, _ in rejected_rows}
    valid = len(table.rows) - len(rejected)
    records = _ready_records(table, columns, profile, today, rejected, valid)
    if dry_run:
        split = Partitioner(Source.objects.filter(name=source_name).first())
        with contextlib.closing(records):
            for new in split.new_chunks(records):
                report.count_new(new)
        report.tally(split.rows, table, id_column)
        return report
    if rejects_path and rejected_rows:
        _write_rejects(rejects_path, table, rejected_rows)
    is_synthetic = synthetic or source_name.startswith("synthetic")
    writing = bar(total=valid, desc="writing", unit="rows", shown=progress)
    with writing, sorting_on_disk(), contextlib.closing(records):
        try:
            done = actions.do_import_file(
                source_name, records, file_name=path.name, sha256=digest, profile=profile.name,
                row_count=len(table.rows), valid_count=valid, actor=actor, progress=writing.update,
                on_new=report.count_new, source_details={"is_synthetic": is_synthetic},
            )  # fmt: skip
        except actions.AlreadyImported:  # the same file, imported meanwhile by another run
            report.already_imported = True
            return report
    report.tally(done.rows, table, id_column)
    return report


def _check_names(file_name: str, source_name: str, profile_name: str) -> None:
    """The names the batch is written under fit their columns (PostgreSQL would fail late)."""
    errors = [
        RowError(0, what, f"{len(value)} characters; the registry holds {limit}")
        for what, value, limit in (
            ("--source", source_name, limits.SOURCE_NAME),
            ("file name", file_name, limits.FILE_NAME),
            ("profile name", profile_name, limits.PROFILE_NAME),
        )
        if len(value) > limit
    ]
    errors += [RowError(0, "--source", "holds a NUL character")] if "\x00" in source_name else []
    if errors:
        raise ImportRefused(file_name, errors, lambda row: row)


def _without_reasons(table: Table, source_name: str) -> tuple[Table, bool]:
    """A rejects file (written by --rejects) imported back into its source, without its
    `reason` column: the file's columns are the source's, plus that last one."""
    columns = stored_columns(source_name)
    if not columns or REASON in columns:
        return table, False
    if table.header:
        at = len(table.header) - 1
        if table.header[at] != REASON or set(table.header[:at]) != columns:
            return table, False
    else:
        at = len(columns)
        if table.width != at + 1 or columns != {str(i) for i in range(at)}:
            return table, False
    rows = Rows(lambda: (row[:at] + row[at + 1 :] for row in table.rows), len(table.rows))
    header = table.header and table.header[:at]
    return replace(table, header=header, rows=rows, width=table.width - 1), True


def _validate(table: Table, columns: ColumnMap, profile: Profile, progress, today):
    """The first pass: every row's errors, and the rejected rows as (row number, row, reason)."""
    errors: list[RowError] = []
    rejected: list[tuple[int, list[str], str]] = []
    seen: dict[str, int] = {}
    rows = bar(table.rows, desc="checking", unit="rows", shown=progress)
    for number, row in enumerate(rows, start=1):
        found = _errors(table, row, number, columns, profile, today, seen)
        if found:
            errors += found
            rejected.append((number, row, "; ".join(f"{e.column}: {e.reason}" for e in found)))
    return errors, rejected


def _errors(table, row, number, columns, profile, today, seen) -> list[RowError]:
    """What refuses one row. Builds its record only for a value long enough to be too long
    (rare), so that each record is built once, in the second pass."""
    if len(row) != table.width:
        against = "header" if table.header else "most rows have"
        return [RowError(number, "(all)", f"row has {len(row)} fields, {against} {table.width}")]
    if table.has_nul and (nul := _nul_errors(table, row, number)):
        return nul
    values = columns.values(row)
    found = row_errors(values, number, columns.columns)
    if found:
        return found
    record_id = values.get("record_id") or str(number)
    if record_id in seen:
        column = columns.columns.get("record_id", "record_id")
        reason = f"record_id {record_id} repeats row {seen[record_id]}"
        found.append(RowError(number, column, reason))
    else:
        seen[record_id] = number
    if _long(values):
        draft = build_record(values, {}, number, columns.columns, profile, today)
        found += _overlong_errors(draft, number, columns)
    return found


def _ready_records(table, columns, profile, today, rejected: set[int], valid: int):
    """The second pass's records, made ready to write; for a large file in a worker process,
    so that the importing process only writes (docs/benchmarks.md)."""

    def chunks():
        drafts = _drafts(table, columns, profile, today, rejected)
        for chunk in batched(drafts, _HANDED_OVER):
            yield [ready_record(d, _flags(d)) for d in chunk]

    made = made_in_worker(chunks) if valid >= WORKER_ROWS and can_fork() else chunks()
    for chunk in made:
        yield from chunk


def _flags(draft: RecordDraft) -> tuple[str, ...]:
    """What the import's report counts of a row: its date problems' kinds, an unread sex."""
    kinds = tuple(p["kind"] for p in draft.fields.get("date_problems", ()))
    return (*kinds, SEX_UNREAD) if sex_unread(draft) else kinds


def _drafts(table: Table, columns: ColumnMap, profile: Profile, today, rejected: set[int]):
    """The second pass: the records of the rows the first let through, one at a time."""
    for number, row in enumerate(table.rows, start=1):
        if number not in rejected:
            values = columns.values(row)
            original = _original(table.header, row)
            yield build_record(values, original, number, columns.columns, profile, today)


def _original(header, row) -> dict[str, str]:
    """The row as written, by column name (or by 0-based position in a file without header)."""
    if header:
        return dict(zip(header, row, strict=True))
    return {str(i): value for i, value in enumerate(row)}


def _nul_errors(table: Table, row: list[str], number: int) -> list[RowError]:
    names = table.header or [str(i) for i in range(len(row))]
    return [
        RowError(number, name, "holds a NUL character (byte 0), which no database column stores")
        for name, cell in zip(names, row, strict=True)
        if "\x00" in cell
    ]


def _long(values: dict[str, str]) -> bool:
    """A field longer than the shortest bounded column: the registry's bounded values are
    fields or parts of fields, so only then can one be too long (one pass in C instead of a
    check of each value of each row)."""
    return max(map(len, values.values()), default=0) > limits.SHORTEST


def _overlong_errors(draft, number, columns) -> list[RowError]:
    """Values longer than the registry's columns (checked here, alike on both databases)."""
    name_column = columns.columns.get("full_name", "full_name")
    return [
        RowError(
            number,
            columns.columns.get(what, name_column),
            f"{what} is {length} characters long; the registry holds {limit}",
        )  # fmt: skip
        for what, length, limit in limits.overlong(draft)
    ]


def _write_rejects(path: Path, table: Table, rejected):
    """The rejected rows as the file has them, in its encoding and with its delimiter (so the
    same profile reads them back), with the reason in a column of its own: a row short of
    fields is padded to the file's width, and a long row's extra fields follow the reason."""
    width = table.width
    encoding = "utf-8" if table.encoding == "xlsx" else table.encoding
    with Path(path).open("w", encoding=encoding, errors="replace", newline="") as stream:
        writer = csv.writer(stream, delimiter=table.delimiter or ",")
        if table.header:
            writer.writerow([*table.header, REASON])
        for _, row, reason in rejected:
            padded = row[:width] + [""] * (width - len(row))
            writer.writerow([*padded, reason, *row[width:]])
