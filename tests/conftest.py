"""Shared fixtures. Real lists live in ../shared/data and are never copied into the repo."""

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

# The gate that decides whether a change lands replays fixed examples; developers' runs draw
# new ones, and a counterexample they find becomes a test (as the archive's merged-away
# person did, tests/registry/public_face.py). A random draw in CI would fail a change for a
# fault it did not make.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ALZHIR_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def shared_file(relative: str) -> Path:
    """A file under ../shared/data, or a clean skip naming what is missing."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"{path} is absent (real data lives in ../shared/data, not in the repo)")
    return path


@pytest.fixture(scope="session")
def algir_csv() -> Path:
    return shared_file("alzhir/algir.csv")


@pytest.fixture(scope="session")
def khabarovsk_csv() -> Path:
    return shared_file("names/khabarovsk_memory_book_names.csv")


@pytest.fixture
def demo(db):
    """The demo registry: real people named in the seed article, every fact cited."""
    from alzhir.demo.load import load_demo

    load_demo()


@pytest.fixture
def museum_list(tmp_path):
    """A museum's Latin-script list naming two women of the demo registry (generic columns)."""
    path = tmp_path / "museum.csv"
    path.write_text(
        "record_id,full_name,sex,birth_date,notes\n"
        "M-1,Rachel Messerer-Plisetskaya,F,1902,\n"
        "M-2,Ekaterina Kalinina,F,1882,\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def pair(demo, museum_list):
    """A review item: the demo's Rachel Messerer-Plisetskaya beside the museum's Latin entry."""
    from alzhir.cli import main
    from alzhir.registry.models import MatchProposal, Record

    main(["import", str(museum_list), "--source", "museum"])
    return MatchProposal.objects.create(
        record_a=Record.objects.get(record_id="messerer-plisetskaya-rachel"),
        record_b=Record.objects.get(source__name="museum", record_id="M-1"),
        score=0.93,
        explanation=["surname: part of a double-barrelled surname, +6.0"],
    )


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code run outside a request (reports, the CLI) speaks the site's default language,
    Russian; tests read it in English. Requests still choose their own language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached counts and reports are keyed by registry state, which repeats across tests."""
    from django.core.cache import cache

    cache.clear()


class InstalledCommand:
    """The installed `alzhir` as a user runs it: a subprocess on a SQLite file of its own."""

    def __init__(self, workdir: Path, migrated_template: Path | None = None):
        self.workdir = workdir
        self.migrated_template = migrated_template
        self.database = workdir / "registry.sqlite3"
        self.executable = Path(sys.executable).with_name("alzhir")

    def env(self, **extra) -> dict:
        env = dict(os.environ, ALZHIR_DATABASE_URL=f"sqlite:///{self.database}")
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return env | extra

    def run(self, *args, stdin: str | None = None, env=None, timeout=300):
        return subprocess.run(
            [str(self.executable), *map(str, args)], input=stdin, capture_output=True,
            text=True, cwd=self.workdir, env=env or self.env(), timeout=timeout, check=False,
        )  # fmt: skip

    def migrate(self) -> None:
        """What `alzhir migrate` makes, copied from one run for the session (it takes seconds)."""
        shutil.copyfile(self.migrated_template, self.database)

    def ok(self, *args, stdin: str | None = None) -> str:
        """Standard output of a run that must succeed."""
        result = self.run(*args, stdin=stdin)
        assert result.returncode == 0, f"alzhir {' '.join(map(str, args))}:\n{result.stderr}"
        return result.stdout


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    command = InstalledCommand(tmp_path_factory.mktemp("migrated"))
    command.ok("migrate", "-v", "0")
    return command.database


@pytest.fixture
def alzhir(tmp_path, migrated_template) -> InstalledCommand:
    return InstalledCommand(tmp_path, migrated_template)


@pytest.fixture
def own_database(tmp_path):
    """Makes empty databases of the test's own on the run's kind of database, for the installed
    command beside the test's: in the PostgreSQL run a fresh PostgreSQL database (dropped
    afterwards), otherwise a SQLite file. `own_database("live")` gives its URL."""
    url = os.environ.get("ALZHIR_DATABASE_URL", "")
    base, made = url.rsplit("/", 1)[0], []

    def admin():
        import psycopg

        return psycopg.connect(f"{base}/postgres", autocommit=True)

    def make(role: str) -> str:
        if not url.startswith("postgresql"):
            return f"sqlite:///{tmp_path / f'{role}.sqlite3'}"
        made.append(f"alzhir_{role}_{uuid.uuid4().hex[:8]}")
        with admin() as connection:
            connection.execute(f'CREATE DATABASE "{made[-1]}"')
        return f"{base}/{made[-1]}"

    yield make
    if made:
        with admin() as connection:
            for name in made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- one writer -----------------------------------------------------------------------------
# Every statement writing a registry table must come from alzhir.registry.actions (or a
# migration, or a restore into an empty registry): the first frame of the alzhir package that
# issues it decides. Test code setting up a state writes as it likes. The static side of this
# rule is tests/registry/test_write_discipline.py.

ALZHIR_DIR = REPO_ROOT / "alzhir"
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
WRITERS = ("registry/actions/", "registry/migrations/", "opendata/restore.py")
HELPERS = ("registry/bulk.py",)  # write for their caller, who is judged instead


def _guarded(table: str) -> bool:
    return table.startswith(("registry_", "contributions_"))


def writer_of_this_statement() -> str | None:
    """The alzhir module (relative path) whose code issued the statement, or None."""
    frame = sys._getframe(2)
    while frame is not None:
        path = frame.f_code.co_filename
        if path.startswith(str(ALZHIR_DIR)):
            relative = path[len(str(ALZHIR_DIR)) + 1 :]
            if not relative.startswith(HELPERS):
                return relative
        frame = frame.f_back
    return None


@pytest.fixture(autouse=True, scope="session")
def only_actions_write_the_registry():
    from django.db.backends import utils

    originals = {name: getattr(utils.CursorWrapper, name) for name in ("execute", "executemany")}

    def checked(name):
        original = originals[name]

        def run(self, sql, *args, **kwargs):
            match = WRITE.match(sql) if isinstance(sql, str) else None
            if match and _guarded(match.group(1)):
                writer = writer_of_this_statement()
                if writer is not None and not writer.startswith(WRITERS):
                    raise AssertionError(
                        f"alzhir/{writer} writes {match.group(1)} outside alzhir.registry.actions"
                    )
            return original(self, sql, *args, **kwargs)

        return run

    for name in originals:
        setattr(utils.CursorWrapper, name, checked(name))
    yield
    for name, original in originals.items():
        setattr(utils.CursorWrapper, name, original)
