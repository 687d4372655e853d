"""The whole registry as a Frictionless Tabular Data Package, and back (docs/open-data.md).

`datapackage.json` is written here rather than by the `frictionless` library: the library
validates a million-row package far slower than the two-minute budget (bench/archive_bench.py),
so import checks every cell itself in one streaming pass, and the tests use `frictionless`
to prove the package valid against the standard.

Import validates the whole package first (types, choices, keys, references, file hashes)
and only then writes, in one transaction, with the exported ids. It writes rows with plain
INSERTs instead of bulk_create because bulk_create would stamp auto_now_add columns
(created_at, at) with the time of the restore.
"""

import contextlib
import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

from alzhir.opendata import tables
from alzhir.opendata.privacy import left_out_rows
from alzhir.registry.signals import persons_changed
from alzhir.search.index import deferred_indexing, rebuild_index

FORMAT_VERSION = 1
DESCRIPTOR = "datapackage.json"
INSERT_CHUNK = 5000
RESTORE_CACHE_KIB = -524288
MAX_PROBLEMS = 100


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    reason: str

    def __str__(self):
        where = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


class ArchiveRefused(Exception):
    """A package that cannot be restored as it is; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        more = " (the first ones)" if len(problems) >= MAX_PROBLEMS else ""
        super().__init__(f"archive refused, nothing written: {len(problems)} problem(s){more}")

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


@contextlib.contextmanager
def snapshot():
    """Read every table as of one moment while the site keeps writing."""
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    else:
        # Django opens SQLite transactions as IMMEDIATE, which would stop every writer for
        # the whole export; a DEFERRED one only reads, from a WAL snapshot.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")


# --- export -------------------------------------------------------------------------------


def export_archive(out, include_private: bool = False) -> dict[str, int]:
    """Write the package into directory `out`; return the rows written per resource."""
    root = Path(out)
    (root / "data").mkdir(parents=True, exist_ok=True)
    models = tables.archived_models()
    with snapshot():
        left, rules = ({}, {}) if include_private else left_out_rows(models)
        resources = [_write_resource(root, m, left.get(m, set())) for m in models]
    descriptor = {
        "profile": "tabular-data-package",
        "name": "alzhir-registry",
        "title": "ALZHIR Registry: every source, record, person and decision",
        "description": "Written by `alzhir export archive`; documented in docs/open-data.md.",
        "resources": resources,
        "x-alzhir": {
            "format_version": FORMAT_VERSION,
            "include_private": include_private,
            "left_out": [
                {"resource": tables.resource_name(m), "rows": len(left[m]), "because": r}
                for m, r in rules.items()
            ],
            "derived_data_not_included": list(tables.DERIVED_APPS),
        },
    }
    (root / DESCRIPTOR).write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return {r["name"]: r["x-alzhir-rows"] for r in resources}


def _write_resource(root: Path, model, left_out: set) -> dict:
    name = tables.resource_name(model)
    path = f"data/{name}.csv"
    cols = tables.columns(model)
    natural = {c.name: _natural_keys(c.natural_key_model) for c in cols if c.natural_key_model}
    pk_index = next(i for i, c in enumerate(cols) if c.is_pk)
    count = 0
    with (root / path).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([c.name for c in cols])
        rows = model._base_manager.order_by("pk").values_list(*[c.field.attname for c in cols])
        for row in rows.iterator(chunk_size=5000):
            if row[pk_index] in left_out:
                continue
            writer.writerow(
                [
                    natural[c.name][v] if c.name in natural else tables.encode(c, v)
                    for c, v in zip(cols, row, strict=True)
                ]
            )
            count += 1
    digest, size = _file_hash(root / path)
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{digest}",
        "x-alzhir-rows": count,
        "schema": tables.table_schema(model),
    }


def _natural_keys(model) -> dict:
    return {obj.pk: ".".join(map(str, obj.natural_key())) for obj in model._base_manager.all()}


def _file_hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


# --- import -------------------------------------------------------------------------------


def import_archive(path) -> dict[str, int]:
    """Restore a package into an empty registry with the same ids; rows per resource."""
    root = Path(path)
    csv.field_size_limit(1 << 30)
    plan = _plan(root)
    _refuse_if_not_empty([model for model, _ in plan])
    checked = _Check(root)
    for model, resource in plan:
        checked.resource(model, resource)
    checked.finish()
    if checked.problems:
        raise ArchiveRefused(checked.problems)
    with transaction.atomic(), _large_cache(), deferred_indexing():
        counts = {r["name"]: _load(root, m, r, checked) for m, r in plan}
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in plan]):
                cursor.execute(sql)
        person = next((m for m, _ in plan if m._meta.label == "registry.Person"), None)
        if person is not None:
            persons_changed.send(sender=person, person_ids=checked.pks[person])
            # One bulk rebuild (indexes dropped, loaded, recreated) instead of the per-person
            # updates the signal would make: the registry was empty, so nothing else is lost.
            rebuild_index()
    return counts


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
    """Every cell, key and reference of the package, before anything is written."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.pks: dict = {}
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
        if not full.is_file():
            self.add(file, None, "not found")
            return
        digest, size = _file_hash(full)
        if f"sha256:{digest}" != resource.get("hash") or size != resource.get("bytes"):
            self.add(
                file,
                None,
                "content differs from the sha256 and size in datapackage.json "
                "(the file was changed after export)",
            )
        cols = tables.columns(model)
        pk_index = next(i for i, c in enumerate(cols) if c.is_pk)
        pks = self.pks[model] = set()
        refs = [(i, c.reference) for i, c in enumerate(cols) if c.reference is not None]
        self_refs = []
        uniques = [
            (names, [i for i, c in enumerate(cols) if c.name in names], set())
            for names in tables.unique_sets(model)
        ]
        index = {c.name: i for i, c in enumerate(cols)}
        generic = [(index[ct], index[oid]) for ct, oid in tables.generic_keys(model)]
        with full.open(encoding="utf-8", newline="") as stream:
            reader = csv.reader(stream)
            try:
                for line, values in _rows(reader, file, cols, self):
                    pk = values[pk_index]
                    if pk in pks:
                        self.add(file, line, f"{cols[pk_index].name} {pk} repeats an earlier row")
                    pks.add(pk)
                    for i, target in refs:
                        if values[i] is None:
                            continue
                        if target is model:
                            self_refs.append((line, i, values[i]))
                        elif values[i] not in self.pks.get(target, ()):
                            self.add(
                                file,
                                line,
                                f"{cols[i].name} {values[i]} is not in "
                                f"{tables.resource_name(target)}",
                            )
                    for names, positions, seen in uniques:
                        key = hash(tuple(values[i] for i in positions))
                        if key in seen:
                            self.add(file, line, f"{', '.join(names)} repeat an earlier row")
                        seen.add(key)
                    for ct, oid in generic:
                        self.generic_refs.append((file, line, values[ct], values[oid]))
            except (csv.Error, UnicodeDecodeError) as error:
                self.add(file, reader.line_num, f"unreadable: {error}")
        for line, i, value in self_refs:
            if value not in pks:
                self.add(file, line, f"{cols[i].name} {value} is not in {file}")

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


def _rows(reader, file, cols, check):
    """(line, decoded values) of each good row; problems go to `check`."""
    header = next(reader, None)
    names = [c.name for c in cols]
    readers = [tables.reader(c, check.lengths) for c in cols]
    if header != names:
        check.add(file, 1, f"header {header} is not the schema's fields {names}")
        return
    for row in reader:
        line = reader.line_num
        if len(row) != len(cols):
            if not check.add(file, line, f"{len(row)} cells, the header has {len(cols)}"):
                return
            continue
        values = []
        for column, read, text in zip(cols, readers, row, strict=True):
            try:
                value = read(text)
                if column.natural_key_model is not None:
                    value = check.natural_key(column, value)
                    if value is None:
                        raise tables.CellError(
                            f"{text!r} names no row of {column.natural_key_model._meta.label}"
                        )
            except tables.CellError as error:
                if not check.add(file, line, f"column {column.name}: {error}"):
                    return
                break
            values.append(value)
        else:
            yield line, values


def _load(root: Path, model, resource, check) -> int:
    cols = tables.columns(model)
    prepare = [_to_db(c.field) for c in cols]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(c.field.column) for c in cols),
        ", ".join(["%s"] * len(cols)),
    )
    count = 0
    with (root / resource["path"]).open(encoding="utf-8", newline="") as stream:
        batch = []
        with connection.cursor() as cursor:
            for _, values in _rows(csv.reader(stream), resource["path"], cols, check):
                batch.append([p(v) if p else v for p, v in zip(prepare, values, strict=True)])
                if len(batch) == INSERT_CHUNK:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    if check.problems:
        raise ArchiveRefused(check.problems)
    return count


def _to_db(field):
    """A converter to the database's form where the driver needs one, else None."""
    kind = field.get_internal_type()
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind in ("JSONField", "DecimalField"):
        return lambda value: field.get_db_prep_save(value, connection)
    return None
