"""Restore a package written by alzhir.opendata.archive into an empty registry.

Import validates the whole package first (types, keys, references, file hashes), spooling the
rows it passed to a temporary file in the database's form, and only then writes them, in one
transaction, with the exported ids: COPY on PostgreSQL, executemany elsewhere, with secondary
indexes and constraints built once after the load. Not bulk_create: it would stamp auto_now_add
columns (created_at, at) with the time of the restore.
"""

import contextlib
import csv
import gc
import itertools
import json
import pickle
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, connection, transaction

from alzhir.opendata import tables
from alzhir.opendata.archive import DESCRIPTOR, FORMAT_VERSION, file_hash
from alzhir.opendata.problems import Problem
from alzhir.progress import bar, stage_bar
from alzhir.registry.bulk import analyze, indexes_rebuilt_after, reset_sequences
from alzhir.registry.signals import persons_changed
from alzhir.search.index import deferred_indexing, rebuild_index

BATCH = 5000
RESTORE_CACHE_KIB = -524288
MAX_PROBLEMS = 100


class ArchiveRefused(Exception):
    """A package that cannot be restored as it is; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        more = " (the first ones)" if len(problems) >= MAX_PROBLEMS else ""
        super().__init__(f"archive refused, nothing written: {len(problems)} problem(s){more}")

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


def import_archive(path, progress: bool | None = None) -> dict[str, int]:
    """Restore a package into an empty registry with the same ids; rows per resource.
    `progress`: bars of the rows checked and written and the search index's stages (None:
    only on a terminal)."""
    root = Path(path)
    csv.field_size_limit(1 << 30)
    plan = _plan(root)
    models = [model for model, _ in plan]
    _refuse_if_not_empty(models)
    with (
        tempfile.TemporaryFile(buffering=1 << 20) as spool,
        _without_cycle_collection(),
        ThreadPoolExecutor(1) as hasher,
    ):
        # hashlib lets go of the GIL, so the files are hashed on the other core meanwhile.
        hashes = {m: hasher.submit(file_hash, root / r["path"]) for m, r in plan}
        said = sum(n for _, r in plan if isinstance(n := r.get("x-alzhir-rows"), int))
        with bar(desc="checking", total=said, shown=progress) as checking:
            checked = _Check(root, spool, hashes, checking.update)
            for model, resource in plan:
                checked.resource(model, resource)
        checked.finish()
        if checked.problems:
            raise ArchiveRefused(checked.problems)
        spool.seek(0)
        writing = bar(desc="writing", total=sum(checked.rows.values()), shown=progress)
        with _rollback_journal(), transaction.atomic(), _large_cache(), deferred_indexing():
            with indexes_rebuilt_after(models), writing:
                for model in models:
                    _load(spool, model, checked.batches[model], writing.update)
            reset_sequences(*models)
            analyze(*models)
            person = next((m for m in models if m._meta.label == "registry.Person"), None)
            if person is not None:
                persons_changed.send(sender=person, person_ids=checked.pks[person])
                # One bulk rebuild (indexes dropped, loaded, recreated) instead of the
                # per-person updates the signal would make: the registry was empty, so
                # nothing else is lost.
                with stage_bar("search index", shown=progress) as indexing:
                    rebuild_index(progress=indexing.set_postfix_str)
    return {r["name"]: checked.rows[m] for m, r in plan}


@contextlib.contextmanager
def _rollback_journal():
    """Restore through SQLite's rollback journal instead of its write-ahead log. The registry
    is empty, so nearly every page written is new and needs no journal entry; in WAL mode the
    same pages go to the log (and pages the cache spills go there again each time they change),
    then are copied into the database at the checkpoint. Switching needs the only connection
    to the file: with another one open, the restore stays in WAL. Readers wait while the
    restore writes (the registry they would read is empty)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        switched = cursor.fetchone()[0].lower() == "wal"
        if switched:
            cursor.execute("PRAGMA busy_timeout")
            (patience,) = cursor.fetchone()
            cursor.execute("PRAGMA busy_timeout=0")  # ask once, do not wait for the others
            try:
                cursor.execute("PRAGMA journal_mode=DELETE")
            except OperationalError:  # "database is locked": another connection has it open
                switched = False
            cursor.execute(f"PRAGMA busy_timeout={int(patience)}")
    try:
        yield
    finally:
        if switched:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=WAL")


@contextlib.contextmanager
def _without_cycle_collection():
    """Pause Python's cycle collector: millions of short-lived rows make it run a full
    collection again and again (a third of the check's time at a million persons), while these
    rows hold no cycles and reference counting frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def _large_cache():
    """A 512 MB SQLite page cache while restoring: the B-tree indexes take a million inserts
    each, and a small cache turns them into disk reads."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size={RESTORE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size={int(previous)}")


def _plan(root: Path) -> list[tuple]:
    """Each archived model with its resource, once the descriptor agrees with the models."""
    text = _read_text(root / DESCRIPTOR)
    try:
        descriptor = json.loads(text)
    except ValueError as error:
        problem = Problem(DESCRIPTOR, getattr(error, "lineno", None), str(error))
        raise ArchiveRefused([problem]) from None
    problems = []
    version = (descriptor.get("x-alzhir") or {}).get("format_version")
    if version != FORMAT_VERSION:
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                f"format_version {version!r} is not {FORMAT_VERSION}, the one this version reads",
            )
        )
    given = {r.get("name"): r for r in descriptor.get("resources", [])}
    plan = []
    for model in tables.archived_models():
        name = tables.resource_name(model)
        resource = given.pop(name, None)
        line = _line_of(text, f'"name": "{name}"')
        if resource is None:
            problems.append(Problem(DESCRIPTOR, None, f"resource {name} is missing"))
        elif resource.get("schema") != tables.table_schema(model):
            why = _difference(resource.get("schema"), tables.table_schema(model))
            problems.append(
                Problem(
                    DESCRIPTOR,
                    line,
                    f"resource {name}: schema differs from "
                    f"the registry's {model._meta.label} ({why})",
                )
            )
        elif not _safe_path(resource.get("path")):
            problems.append(
                Problem(
                    DESCRIPTOR,
                    line,
                    f"resource {name}: path must be a relative path inside the package",
                )
            )
        else:
            plan.append((model, resource))
    for name in given:
        problems.append(
            Problem(
                DESCRIPTOR,
                _line_of(text, f'"name": "{name}"'),
                f"resource {name} is not a table of this registry",
            )
        )
    if problems:
        raise ArchiveRefused(problems)
    return plan


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ArchiveRefused([Problem(path.name, None, "not found")]) from None
    except NotADirectoryError:
        why = "is a file, not an archive folder (unzip a zipped archive first)"
        raise ArchiveRefused([Problem(path.parent.name, None, why)]) from None
    except UnicodeDecodeError as error:
        raise ArchiveRefused([Problem(path.name, None, f"not UTF-8: {error}")]) from None


def _line_of(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _difference(given, expected) -> str:
    if not isinstance(given, dict):
        return "no schema"
    given_fields = {f.get("name"): f for f in given.get("fields", [])}
    for field in expected["fields"]:
        if field["name"] not in given_fields:
            return f"field {field['name']} is missing"
        if given_fields.pop(field["name"]) != field:
            return f"field {field['name']} is described differently"
    if given_fields:
        return f"unknown field {next(iter(given_fields))}"
    return "keys, order or constraints differ"


def _safe_path(path) -> bool:
    return isinstance(path, str) and not Path(path).is_absolute() and ".." not in Path(path).parts


def _refuse_if_not_empty(models) -> None:
    filled = [f"{tables.resource_name(m)} has rows" for m in models if m._base_manager.exists()]
    if filled:
        raise ArchiveRefused(
            [
                Problem(
                    "(database)",
                    None,
                    "the registry is not empty: "
                    + ", ".join(filled)
                    + "; restore into a new database",
                )
            ]
        )


class _Check:
    """Every cell, key and reference of the package, before anything is written. The rows that
    pass go to `spool` in the database's form, so what is written is exactly what was checked
    (and the files are read and decoded once)."""

    def __init__(self, root: Path, spool, hashes: dict, read: Callable[[int], object]):
        self.root = root
        self.spool = spool
        self.hashes = hashes
        self.read = read  # told how many rows were read, batch by batch
        self.problems: list[Problem] = []
        self.pks: dict = {}
        self.rows: dict = {}
        self.batches: dict = {}
        self.natural: dict = {}
        self.generic_refs: list = []
        # SQLite stores over-long text; PostgreSQL refuses it (varchar(n)).
        self.lengths = connection.vendor != "sqlite"

    def add(self, file, line, reason) -> bool:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(file, line, reason))
        return len(self.problems) < MAX_PROBLEMS

    def resource(self, model, resource) -> None:
        file = resource["path"]
        full = self.root / file
        self.pks[model], self.rows[model], self.batches[model] = set(), 0, 0
        if not full.is_file():
            self.add(file, None, "not found")
            return
        digest, size = self.hashes[model].result()
        if f"sha256:{digest}" != resource.get("hash") or size != resource.get("bytes"):
            self.add(
                file,
                None,
                "content differs from the sha256 and size in datapackage.json "
                "(the file was changed after export)",
            )
        cols = tables.columns(model)
        keys = _Keys(self, model, cols, file)
        prepare = [_to_db(c.field) for c in cols]
        with full.open(encoding="utf-8", newline="") as stream:
            reader = csv.reader(stream)
            try:
                for lines, texts, values in _batches(reader, file, cols, self):
                    self.read(len(lines))
                    keys.batch(lines, values)
                    if self.problems:
                        continue  # refused anyway: only the checks go on
                    prepared = [
                        [t or None for t in text]
                        if p is AS_WRITTEN
                        else (list(map(p, value)) if p else value)
                        for p, text, value in zip(prepare, texts, values, strict=True)
                    ]
                    rows = list(zip(*prepared, strict=True))
                    pickle.dump(rows, self.spool, pickle.HIGHEST_PROTOCOL)
                    self.rows[model] += len(lines)
                    self.batches[model] += 1
            except (csv.Error, UnicodeDecodeError) as error:
                self.add(file, reader.line_num, f"unreadable: {error}")
        keys.finish()

    def natural_key(self, column, text):
        """The pk of the row outside the archive that a natural key names, or None."""
        cache = self.natural.setdefault(column.natural_key_model, {})
        if text not in cache:
            manager = column.natural_key_model._default_manager
            try:
                cache[text] = manager.get_by_natural_key(*text.split(".")).pk
            except (manager.model.DoesNotExist, TypeError, ValueError):
                cache[text] = None
        return cache[text]

    def finish(self) -> None:
        for file, line, content_type, object_id in self.generic_refs:
            model = ContentType.objects.get_for_id(content_type).model_class()
            if tables.is_archived(model) and object_id not in self.pks.get(model, ()):
                self.add(
                    file,
                    line,
                    f"cites {tables.resource_name(model)} {object_id}, which is not in the package",
                )


class _Keys:
    """Primary keys, references and unique sets of one resource, a batch of columns at a time:
    set operations find whether a batch has a problem, and only then is it looked for row by
    row, to say where."""

    def __init__(self, check: _Check, model, cols, file: str):
        self.check, self.model, self.cols, self.file = check, model, cols, file
        self.pk_index = next(i for i, c in enumerate(cols) if c.is_pk)
        self.pks = check.pks[model]
        self.refs = [(i, c.reference) for i, c in enumerate(cols) if c.reference is not None]
        self.self_refs: list = []
        # Unique columns too, which the Table Schema marks per field: the database would
        # otherwise refuse the restore only at the end, without saying where.
        sets = tables.unique_sets(model)
        sets += [(c.name,) for c in cols if c.field.unique and not c.is_pk]
        self.uniques = [
            (names, [i for i, c in enumerate(cols) if c.name in names], set()) for names in sets
        ]
        index = {c.name: i for i, c in enumerate(cols)}
        self.generic = [(index[ct], index[oid]) for ct, oid in tables.generic_keys(model)]

    def batch(self, lines: list[int], values: list[list]) -> None:
        add, cols, file = self.check.add, self.cols, self.file
        pks = values[self.pk_index]
        if self.pks.isdisjoint(pks) and len(set(pks)) == len(pks):
            self.pks.update(pks)
        else:
            for line, pk in zip(lines, pks, strict=True):
                if pk in self.pks:
                    add(file, line, f"{cols[self.pk_index].name} {pk} repeats an earlier row")
                self.pks.add(pk)
        for i, target in self.refs:
            if target is self.model:
                pairs = zip(lines, values[i], strict=True)
                self.self_refs += [(line, i, v) for line, v in pairs if v is not None]
                continue
            known = self.check.pks.get(target, set())
            if set(values[i]) - known - {None}:
                for line, value in zip(lines, values[i], strict=True):
                    if value is not None and value not in known:
                        add(file, line, f"{cols[i].name} {value} is not in "
                            f"{tables.resource_name(target)}")  # fmt: skip
        for names, positions, seen in self.uniques:
            # NULLs never collide in a unique index, so keys with one are left out.
            tuples = zip(*(values[i] for i in positions), strict=True)
            keys = [
                (line, hash(key))
                for line, key in zip(lines, tuples, strict=True)
                if None not in key
            ]
            hashes = [key for _, key in keys]
            if seen.isdisjoint(hashes) and len(set(hashes)) == len(hashes):
                seen.update(hashes)
                continue
            for line, key in keys:
                if key in seen:
                    add(file, line, f"{', '.join(names)} repeat an earlier row")
                seen.add(key)
        for ct, oid in self.generic:
            self.check.generic_refs += [
                (file, line, content_type, object_id)
                for line, content_type, object_id in zip(
                    lines, values[ct], values[oid], strict=True
                )
            ]

    def finish(self) -> None:
        for line, i, value in self.self_refs:
            if value not in self.pks:
                reason = f"{self.cols[i].name} {value} is not in {self.file}"
                self.check.add(self.file, line, reason)


def _batches(reader, file, cols, check):
    """(lines, columns as written, decoded columns) of the good rows, BATCH rows at a time;
    problems go to `check`.
    A batch is decoded a column at a time through `map`; one with a bad cell is decoded again
    row by row, to say which cell and why."""
    header = next(reader, None)
    names = [c.name for c in cols]
    if header != names:
        check.add(file, 1, f"header {header} is not the schema's fields {names}")
        return
    readers = [tables.reader(c, check.lengths) for c in cols]
    natural = [i for i, c in enumerate(cols) if c.natural_key_model is not None]
    while True:
        lines, rows = [], []
        for row in itertools.islice(reader, BATCH):
            rows.append(row)
            lines.append(reader.line_num)
        if not rows:
            return
        try:
            if set(map(len, rows)) != {len(cols)}:
                raise ValueError("a row of another width")
            texts = list(zip(*rows, strict=True))
            values = [list(map(r, c)) for r, c in zip(readers, texts, strict=True)]
            for i in natural:
                values[i] = [check.natural_key(cols[i], text) for text in values[i]]
                if None in values[i]:
                    raise LookupError("a natural key that names no row")
        except tables.FAST_ERRORS:
            decoded = [
                _row(row, line, file, cols, check) for line, row in zip(lines, rows, strict=True)
            ]
            good = [k for k, v in enumerate(decoded) if v is not None]
            if len(check.problems) >= MAX_PROBLEMS:
                return
            if not good:
                continue
            lines = [lines[k] for k in good]
            texts = list(zip(*(rows[k] for k in good), strict=True))
            values = [list(column) for column in zip(*(decoded[k] for k in good), strict=True)]
        yield lines, texts, values


def _row(row: list[str], line: int, file: str, cols, check) -> list | None:
    """The decoded values of one row, or None after telling `check` what is wrong with it."""
    if len(row) != len(cols):
        check.add(file, line, f"{len(row)} cells, the header has {len(cols)}")
        return None
    values = []
    for column, text in zip(cols, row, strict=True):
        try:
            value = tables.decode(column, text, check.lengths)
            if column.natural_key_model is not None:
                value = check.natural_key(column, value)
                if value is None:
                    raise tables.CellError(
                        f"{text!r} names no row of {column.natural_key_model._meta.label}"
                    )
        except tables.CellError as error:
            check.add(file, line, f"column {column.name}: {error}")
            return None
        values.append(value)
    return values


def _load(spool, model, batches: int, written: Callable[[int], object]) -> None:
    """Write the rows the check spooled for `model`: COPY on PostgreSQL, else executemany;
    `written` is told how many, batch by batch."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c.field.column) for c in tables.columns(model))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for _ in range(batches):
                    rows = pickle.load(spool)
                    for row in rows:
                        copy.write_row(row)
                    written(len(rows))
        else:
            placeholders = ", ".join(["%s"] * len(tables.columns(model)))
            sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"
            for _ in range(batches):
                rows = pickle.load(spool)
                cursor.executemany(sql, rows)
                written(len(rows))


# JSON goes in as the package writes it, once the check has parsed it: the same values as
# Django's own text (SQLite keeps text; PostgreSQL's COPY parses it into jsonb), without
# writing it again.
AS_WRITTEN = object()


def _to_db(field):
    """A converter of decoded values to the database's form where the driver needs one,
    AS_WRITTEN to take the cell's text, else None."""
    kind = field.get_internal_type()
    if kind == "JSONField":
        return AS_WRITTEN
    if connection.vendor == "postgresql":
        return None  # psycopg takes dates, aware datetimes and decimals as they are
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind == "DecimalField":
        return lambda value: field.get_db_prep_save(value, connection)
    return None
