"""The whole registry as a Frictionless Tabular Data Package, and back (docs/open-data.md).

`datapackage.json` is written here rather than by the `frictionless` library: the library
validates a million-row package far slower than the two-minute budget (bench/archive_bench.py),
so import checks every cell itself in one streaming pass, and the tests use `frictionless`
to prove the package valid against the standard.

The way back in is alzhir.opendata.restore.
"""

import contextlib
import csv
import hashlib
import json
from pathlib import Path

from django.db import connection, transaction

from alzhir.opendata import tables
from alzhir.opendata.privacy import left_out_rows
from alzhir.progress import bar

FORMAT_VERSION = 1
DESCRIPTOR = "datapackage.json"
BAR_STEP = 5000  # rows between two updates of the progress bar (not one call a row)


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


def export_archive(
    out, include_private: bool = False, progress: bool | None = None
) -> dict[str, int]:
    """Write the package into directory `out`; return the rows written per resource.
    `progress`: a bar of the rows written (None: only on a terminal)."""
    root = Path(out)
    (root / "data").mkdir(parents=True, exist_ok=True)
    models = tables.archived_models()
    with snapshot():
        left, rules = ({}, {}) if include_private else left_out_rows(models)
        with bar(desc="archive", unit="rows", shown=progress) as written:
            if not written.disable:  # counted only for a bar: a scan of every table
                written.total = sum(m._base_manager.count() - len(left.get(m, ())) for m in models)
            resources = [_write_resource(root, m, left.get(m, set()), written) for m in models]
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


# Column types whose values the csv module writes as tables.encode() would (None as an empty
# cell, numbers by repr, dates in ISO form), so that only the other cells cost a Python call.
WRITTEN_BY_CSV = {"string", "integer", "number", "date"}


def _write_resource(root: Path, model, left_out: set, written) -> dict:
    name = tables.resource_name(model)
    path = f"data/{name}.csv"
    cols = tables.columns(model)
    natural = {c.name: _natural_keys(c.natural_key_model) for c in cols if c.natural_key_model}
    pk_index = next(i for i, c in enumerate(cols) if c.is_pk)
    encoders = [
        (i, natural[c.name].__getitem__ if c.name in natural else c.encode)
        for i, c in enumerate(cols)
        if c.name in natural or c.type not in WRITTEN_BY_CSV
    ]
    count = 0
    with (root / path).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([c.name for c in cols])
        rows = model._base_manager.order_by("pk").values_list(*[c.field.attname for c in cols])
        for row in rows.iterator(chunk_size=5000):
            if row[pk_index] in left_out:
                continue
            if encoders:
                row = list(row)
                for i, encode in encoders:
                    if row[i] is not None:
                        row[i] = encode(row[i])
            writer.writerow(row)
            count += 1
            if count % BAR_STEP == 0:
                written.update(BAR_STEP)
    written.update(count % BAR_STEP)
    digest, size = file_hash(root / path)
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


def file_hash(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size
