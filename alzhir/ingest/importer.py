"""Import a list file: read it whole, validate every row, then write all or nothing."""

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from alzhir.ingest.profiles import ColumnMap, Profile, load_profile
from alzhir.ingest.readers import read_table
from alzhir.ingest.rows import RowError, build_record
from alzhir.registry import actions
from alzhir.registry.drafts import RecordDraft
from alzhir.registry.models import ImportBatch, Record, Source


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

    def summary(self) -> str:
        if self.already_imported:
            return f"{self.file_name} is already in {self.source}: nothing added"
        verb = "would import" if self.dry_run else "imported"
        text = f"{self.file_name}: {verb} {self.imported} of {self.rows} rows into {self.source}"
        if self.rejected:
            text += f"; rejected {self.rejected}"
        return text


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
) -> ImportReport:
    path = Path(path)
    profile = load_profile(profile) if isinstance(profile, str) else profile
    source_name = source_name or path.stem
    digest = sha256_of(path)
    table = read_table(
        path, encoding=profile.encoding, delimiter=profile.delimiter, header=profile.header
    )
    report = ImportReport(path.name, source_name, rows=len(table.rows), dry_run=dry_run)
    if ImportBatch.objects.filter(source__name=source_name, sha256=digest).exists():
        report.already_imported = True
        return report

    drafts, errors, rejected_rows = _validate(path.name, table, profile, source_name, progress)
    report.errors = ImportRefused(path.name, errors, table.line_of).lines()
    if errors and not skip_invalid:
        raise ImportRefused(path.name, errors, table.line_of)
    report.imported, report.rejected = len(drafts), len(rejected_rows)
    if dry_run:
        return report
    if rejects_path and rejected_rows:
        _write_rejects(rejects_path, table.header, rejected_rows)
    source = Source.objects.filter(name=source_name).first() or actions.do_create_source(
        source_name, actor, is_synthetic=synthetic or source_name.startswith("synthetic")
    )
    with tqdm(total=len(drafts), desc="writing", unit="rows", disable=_quiet(progress)) as bar:
        actions.do_import_batch(
            source,
            drafts,
            file_name=path.name,
            sha256=digest,
            profile=profile.name,
            row_count=len(table.rows),
            actor=actor,
            progress=bar.update,
        )
    return report


def _quiet(progress: bool | None) -> bool | None:
    # tqdm's None means "only on a terminal"
    return None if progress is None else not progress


def _validate(file_name, table, profile, source_name, progress):
    columns = ColumnMap(profile, table.header, file_name)
    width = len(table.header) if table.header else None
    existing = set(
        Record.objects.filter(source__name=source_name).values_list("record_id", flat=True)
    )
    drafts: list[RecordDraft] = []
    errors: list[RowError] = []
    rejected: list[tuple[list[str], str]] = []
    seen: dict[str, int] = {}
    rows = tqdm(table.rows, desc="checking", unit="rows", disable=_quiet(progress))
    for number, row in enumerate(rows, start=1):
        if width is not None and len(row) != width:
            row_errors = [RowError(number, "(all)", f"row has {len(row)} fields, header {width}")]
        else:
            original = _original(table.header, row)
            result = build_record(columns.values(row), original, number, columns.columns, profile)
            row_errors = (
                result
                if isinstance(result, list)
                else _identity_errors(result, number, seen, existing, columns)
            )
        if row_errors:
            errors += row_errors
            rejected.append((row, "; ".join(f"{e.column}: {e.reason}" for e in row_errors)))
        else:
            drafts.append(result)
    return drafts, errors, rejected


def _original(header, row) -> dict[str, str]:
    """The row as written, by column name (or by 0-based position in a file without header)."""
    if header:
        return dict(zip(header, row, strict=True))
    return {str(i): value for i, value in enumerate(row)}


def _identity_errors(draft, number, seen, existing, columns) -> list[RowError]:
    column = columns.columns.get("record_id", "record_id")
    if draft.record_id in seen:
        return [
            RowError(
                number, column, f"record_id {draft.record_id} repeats row {seen[draft.record_id]}"
            )
        ]
    if draft.record_id in existing:
        return [RowError(number, column, f"record_id {draft.record_id} is already in the source")]
    seen[draft.record_id] = number
    return []


def _write_rejects(path: Path, header, rejected):
    with Path(path).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        if header:
            writer.writerow([*header, "reason"])
        for row, reason in rejected:
            writer.writerow([*row, reason])
