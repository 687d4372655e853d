"""A backup taken while 10 clients write restores with every write acknowledged before it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _run(phase, url, backup):
    env = dict(os.environ, ALZHIR_DATABASE_URL=url)
    result = subprocess.run(
        [sys.executable, "-m", "tests.opendata.backup_clients", phase, str(backup)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _assert_restored(written, restored):
    assert len(written["before"]) >= 200 and written["total"] > len(written["before"])
    assert set(written["before"]) <= set(restored["names"])
    # One moment's copy: each source came with the audit row of the same transaction.
    assert restored["unaudited"] == []


def test_sqlite_backup_while_clients_write(tmp_path):
    written = _run("write", f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path / "copy.sqlite3")
    restored = _run(
        "check", f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "copy.sqlite3"
    )
    _assert_restored(written, restored)


@pytest.fixture
def postgres_databases(own_database):
    if not os.environ.get("ALZHIR_DATABASE_URL", "").startswith("postgresql"):
        pytest.skip("PostgreSQL backup runs when ALZHIR_DATABASE_URL is PostgreSQL")
    return [own_database("backup_live"), own_database("backup_restored")]


def test_postgres_backup_while_clients_write(postgres_databases, tmp_path):
    live, target = postgres_databases
    written = _run("write", live, tmp_path / "copy.dump")
    restored = _run("check", target, tmp_path / "copy.dump")
    _assert_restored(written, restored)
