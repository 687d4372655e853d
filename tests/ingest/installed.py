"""The installed `alzhir` command, run as a user runs it, against the test's database: the
PostgreSQL test database itself (tests using it need django_db(transaction=True), as the
command commits), or under SQLite, whose test database lives in memory, a fresh file."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ALZHIR = Path(sys.executable).with_name("alzhir")


def database_url(tmp_path: Path) -> str:
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
        return f"postgresql://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"sqlite:///{tmp_path / 'registry.sqlite3'}"


def installed_alzhir(tmp_path: Path):
    """A function running `alzhir ARGS…` against the test's database; SQLite's is migrated."""
    env = dict(os.environ, ALZHIR_DATABASE_URL=database_url(tmp_path))

    def run(*args, **popen) -> subprocess.CompletedProcess:
        command = [ALZHIR, *map(str, args)]
        return subprocess.run(command, env=env, capture_output=True, text=True, **popen)

    if connection.vendor == "sqlite":
        run("migrate", "-v", "0").check_returncode()
    run.env = env
    return run
