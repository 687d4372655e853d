"""A consistent copy of the live database while the site serves, and its safe restore.

SQLite: the online backup API copies every page as of one moment while others write; the copy
is stamped with this application's id (PRAGMA application_id). PostgreSQL: pg_dump reads one
snapshot (custom format); pg_restore loads it in one transaction. Both tools must be on PATH,
in the major version of the server.

A restore first checks, without touching the registry, that the file is a backup of this
application whose schema this version knows; it refuses a registry that holds anything unless
told to replace it, and then keeps the replaced database as a timestamped backup beside it.
The copy itself is one transaction (SQLite's backup writes its target in one, pg_restore
--single-transaction), and a restore that fails after it (the upgrade of an older backup's
schema) puts the previous database back.

Both show a bar on a terminal (nothing in a log): SQLite's pages copied, the tables pg_dump
and pg_restore have done (they name each one with --verbose).
"""

import os
import re
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.core.management import call_command
from django.db import DatabaseError, connection
from django.db.migrations.exceptions import InconsistentMigrationHistory
from django.db.migrations.loader import MigrationLoader

from alzhir.progress import bar

# "ALZH": SQLite's header field for the application that wrote a database file.
APPLICATION_ID = 0x414C5A48
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# Pages per step of SQLite's online backup (16 MB at 4 KiB pages): a step is when the bar moves.
SQLITE_STEP_PAGES = 4096
# What pg_dump and pg_restore say, with --verbose, as they start on each table's rows.
TABLE_STARTED = re.compile(r": (?:dumping contents of table|processing data for table) ")
# Tables whose rows make a registry non-empty (what an archivist would lose).
CONTENT_TABLES = {
    "registry_source": "source",
    "registry_record": "record",
    "contributions_contribution": "contribution",
}


class BackupError(Exception):
    pass


def backup(out, progress: bool | None = None) -> str:
    """Write a backup of the configured database to `out`; return what was done.
    `progress`: a bar (None: only on a terminal)."""
    out = Path(out)
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        source = _sqlite_file(settings)
        with sqlite3.connect(source) as live, sqlite3.connect(out) as copy:
            # One read transaction across the steps: the copy is the database as of its
            # start while the site writes (without it, any write restarts the copy).
            live.execute("BEGIN")
            live.execute("SELECT count(*) FROM sqlite_master")
            _sqlite_copy(live, copy, "backup", progress)
            live.rollback()
            # One self-contained file (no -wal beside it), stamped as ours.
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"the copy in {out} fails its integrity check")
        copy.close()
        return f"SQLite online backup of {source} written to {out}"
    if connection.vendor == "postgresql":
        tables = len(connection.introspection.table_names())
        command = ["pg_dump", "--format=custom", "--no-owner", f"--file={out}"]
        _run_counted([*command, *_pg_args(settings)], "backup", tables, progress)
        return f"pg_dump of {settings['NAME']} written to {out}"
    raise BackupError(f"no backup for {connection.vendor} databases")


def restore(path, replace: bool = False, progress: bool | None = None) -> str:
    """Replace the configured database's contents with the backup at `path`. `progress`: a
    bar of the copy in (None: only on a terminal)."""
    path = Path(path)
    _check_backup(path)
    held = registry_content()
    if held and not replace:
        raise BackupError(
            f"the registry is not empty ({held}): nothing restored. Run with --replace to "
            "replace it (the current database is kept as a timestamped backup first)"
        )
    kept = _keep_current()
    connection.close()
    try:
        _copy_in(path, progress)
        connection.close()
        call_command("migrate", interactive=False, verbosity=0)
    except (BackupError, DatabaseError, InconsistentMigrationHistory) as error:
        connection.close()
        _copy_in(kept, progress)
        raise BackupError(f"restore failed, the registry is as it was: {error}") from None
    finally:
        connection.close()
    if not held:  # nothing was replaced: the safety copy has served
        kept.unlink()
        return f"{_target_name()} restored from {path}"
    return f"{_target_name()} restored from {path}; the replaced database is kept in {kept}"


def registry_content() -> str:
    """What the configured registry holds ("3 sources, 120 records"), or "" when empty."""
    existing = set(connection.introspection.table_names())
    parts = []
    with connection.cursor() as cursor:
        for table, noun in CONTENT_TABLES.items():
            if table in existing:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # fixed names, no input
                count = cursor.fetchone()[0]
                if count:
                    parts.append(f"{count} {noun}{'' if count == 1 else 's'}")
    return ", ".join(parts)


def _check_backup(path: Path) -> None:
    """Refuse, before anything is touched, a file that is not a backup of this application
    in a schema this version knows."""
    if not path.is_file():
        raise BackupError(f"{path} not found")
    with path.open("rb") as file:
        head = file.read(16)
    if connection.vendor == "sqlite":
        if head.startswith(PG_DUMP_MAGIC):
            raise BackupError(
                f"{path} is a PostgreSQL dump and this registry is SQLite: move between "
                "databases with `alzhir export archive` and `alzhir import archive`"
            )
        if head != SQLITE_MAGIC:
            raise BackupError(f"{path} is not a SQLite database, so not a backup of ours")
        applied = _sqlite_migrations(path)
    elif connection.vendor == "postgresql":
        if not head.startswith(PG_DUMP_MAGIC):
            raise BackupError(f"{path} is not a pg_dump archive (custom format) of ours")
        applied = _pg_dump_migrations(path)
    else:
        raise BackupError(f"no restore for {connection.vendor} databases")
    if ("registry", "0001_initial") not in applied:
        raise BackupError(f"{path} is not a backup of the ALZHIR Registry (no registry tables)")
    unknown = sorted(applied - set(MigrationLoader(None).disk_migrations))
    unknown = [m for m in unknown if m[0] in _our_apps()]
    if unknown:
        app, name = unknown[0]
        raise BackupError(
            f"{path} was made by a newer version of the ALZHIR Registry (its schema has "
            f"{app}.{name}, unknown here): upgrade this installation first"
        )


def _our_apps() -> set[str]:
    from django.apps import apps

    return {config.label for config in apps.get_app_configs()}


def _sqlite_migrations(path: Path) -> set[tuple[str, str]]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as saved:
            if saved.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is damaged (SQLite's integrity check fails)")
            stamp = saved.execute("PRAGMA application_id").fetchone()[0]
            if stamp not in (0, APPLICATION_ID):
                raise BackupError(f"{path} is another application's SQLite database")
            rows = saved.execute("SELECT app, name FROM django_migrations").fetchall()
        saved.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a backup of the ALZHIR Registry ({error})") from None
    return {(app, name) for app, name in rows}


def _pg_dump_migrations(path: Path) -> set[tuple[str, str]]:
    """The migrations recorded in a custom-format dump, read by pg_restore without a database."""
    data = _run(["pg_restore", "--data-only", "--table=django_migrations", "--file=-", str(path)])
    copied = re.search(r"^COPY \S*django_migrations \((.*?)\) FROM stdin;\n(.*?)^\\\.$", data,
                       re.MULTILINE | re.DOTALL)  # fmt: skip
    if not copied:
        return set()
    columns = [c.strip().strip('"') for c in copied.group(1).split(",")]
    rows = [line.split("\t") for line in copied.group(2).splitlines() if line]
    app, name = columns.index("app"), columns.index("name")
    return {(row[app], row[name]) for row in rows}


def _keep_current() -> Path:
    """Back up the database about to be replaced, beside it (SQLite) or in the working
    directory (PostgreSQL), under a name with the time."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if connection.vendor == "sqlite":
        live = Path(_sqlite_file(connection.settings_dict))
        kept = live.with_name(f"{live.stem}.replaced-{stamp}{live.suffix or '.sqlite3'}")
    else:
        kept = Path.cwd() / f"{connection.settings_dict['NAME']}.replaced-{stamp}.dump"
    backup(kept, progress=False)
    return kept


def _copy_in(path: Path, progress: bool | None) -> None:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = _sqlite_file(settings)
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as saved:
            with sqlite3.connect(target) as live:
                _sqlite_copy(saved, live, "restore", progress)
            live.close()
        saved.close()
        return
    listed = _run(["pg_restore", "--list", str(path)])
    tables = sum(" TABLE DATA " in line for line in listed.splitlines())
    _run_counted(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *_pg_args(settings, database_flag="--dbname"),
            str(path),
        ],
        "restore",
        tables,
        progress,
    )


def _sqlite_copy(source, target, desc: str, progress: bool | None) -> None:
    """SQLite's online backup in steps, for a bar of pages. SQLite keeps the target in one
    write transaction until the last step (readers see the old database until then), so the
    copy is still all or nothing."""
    with bar(desc=desc, unit="pages", shown=progress) as copied:

        def step(_status, remaining, total):
            copied.total = total
            copied.update(total - remaining - copied.n)

        source.backup(target, pages=SQLITE_STEP_PAGES, progress=step)


def _target_name() -> str:
    return str(connection.settings_dict["NAME"])


def _sqlite_file(settings) -> str:
    name = str(settings["NAME"])
    if name == ":memory:" or name.startswith("file::memory:"):
        raise BackupError("an in-memory database has nothing to back up or restore")
    return name


def _pg_args(settings, database_flag="--dbname") -> list[str]:
    args = [f"{database_flag}={settings['NAME']}"]
    for key, flag in (("HOST", "--host"), ("PORT", "--port"), ("USER", "--username")):
        if settings.get(key):
            args.append(f"{flag}={settings[key]}")
    return args


def _run(command: list[str]) -> str:
    result = subprocess.run(command, env=_env(command), capture_output=True, text=True,
                            check=False)  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
    return result.stdout


def _run_counted(command: list[str], desc: str, tables: int, progress: bool | None) -> None:
    """Run pg_dump or pg_restore with --verbose, a bar moving at each table it starts on; on
    failure, its own words (not the --verbose lines) say why."""
    said: list[str] = []  # from the first error on
    line = ""
    with (
        bar(desc=desc, unit="tables", total=tables, shown=progress) as done,
        subprocess.Popen([command[0], "--verbose", *command[1:]], env=_env(command),
                         stderr=subprocess.PIPE, text=True) as running,  # fmt: skip
    ):
        for line in running.stderr:
            if TABLE_STARTED.search(line):
                done.update()
            if said or ": error: " in line:
                said.append(line.strip())
    if running.returncode != 0:
        raise BackupError(f"{command[0]} failed: {' '.join(said[:5]) or line.strip()}")


def _env(command: list[str]) -> dict:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client)")
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env
