"""A consistent copy of the live database while the site serves, and its restore.

SQLite: the online backup API copies every page as of one moment while others write.
PostgreSQL: pg_dump reads one snapshot (custom format); pg_restore loads it in one
transaction. Both tools must be on PATH, in the major version of the server.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def backup(out) -> str:
    """Write a backup of the configured database to `out`; return what was done."""
    out = Path(out)
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        source = _sqlite_file(settings)
        with sqlite3.connect(source) as live, sqlite3.connect(out) as copy:
            live.backup(copy)
            if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"the copy in {out} fails its integrity check")
        copy.close()
        return f"SQLite online backup of {source} written to {out}"
    if connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={out}", *_pg_args(settings)])
        return f"pg_dump of {settings['NAME']} written to {out}"
    raise BackupError(f"no backup for {connection.vendor} databases")


def restore(path) -> str:
    """Replace the configured database's contents with the backup at `path`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} not found")
    settings = connection.settings_dict
    connection.close()
    if connection.vendor == "sqlite":
        target = _sqlite_file(settings)
        with sqlite3.connect(path) as saved:
            if saved.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} is not a sound SQLite database")
            with sqlite3.connect(target) as live:
                saved.backup(live)
            live.close()
        saved.close()
        return f"{target} restored from {path}"
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *_pg_args(settings, database_flag="--dbname"),
                str(path),
            ]
        )
        return f"{settings['NAME']} restored from {path}"
    raise BackupError(f"no restore for {connection.vendor} databases")


def _sqlite_file(settings) -> str:
    name = str(settings["NAME"])
    if name == ":memory:" or name.startswith("file::memory:"):
        raise BackupError("an in-memory database has nothing to back up")
    return name


def _pg_args(settings, database_flag="--dbname") -> list[str]:
    args = [f"{database_flag}={settings['NAME']}"]
    for key, flag in (("HOST", "--host"), ("PORT", "--port"), ("USER", "--username")):
        if settings.get(key):
            args.append(f"{flag}={settings[key]}")
    return args


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client)")
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
