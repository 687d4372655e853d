"""`alzhir restore` as an operator meets it: it checks the file before touching anything,
refuses to overwrite a registry that holds records, keeps what it replaces, and a restore that
fails leaves the registry as it was."""

import sqlite3

import pytest

from tests.cli.conftest import LIST


@pytest.fixture
def museum(alzhir):
    path = alzhir.workdir / "museum.csv"
    path.write_text(LIST, encoding="utf-8")
    return path


@pytest.fixture
def saved(alzhir, museum):
    """A backup of a registry holding the museum's list; the live registry then emptied."""
    alzhir.migrate()
    alzhir.ok("import", museum, "--source", "museum")
    backup = alzhir.workdir / "saved.sqlite3"
    alzhir.ok("backup", "--out", backup)
    alzhir.database.unlink()
    return backup


def persons(alzhir) -> list[str]:
    return alzhir.ok("export", "persons").splitlines()[1:]


def refused(result) -> str:
    assert result.returncode == 1 and "Traceback" not in result.stderr
    return result.stderr


def test_a_backup_restores_into_an_empty_registry(alzhir, saved):
    alzhir.ok("restore", saved)
    assert len(persons(alzhir)) == 4
    assert not list(alzhir.workdir.glob("*.replaced-*"))  # nothing was replaced, nothing kept


def foreign_files(workdir):
    empty = workdir / "empty.sqlite3"
    empty.write_bytes(b"")
    other = workdir / "other-app.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE django_migrations (app, name)")
        db.execute("INSERT INTO django_migrations VALUES ('blog', '0001_initial')")
    other.with_suffix(".txt")
    text = workdir / "notes.sqlite3"
    text.write_text("not a database", encoding="utf-8")
    return {"empty": empty, "another application's": other, "text": text}


@pytest.mark.parametrize("kind", ["empty", "another application's", "text"])
def test_a_file_that_is_not_our_backup_is_refused_before_anything(alzhir, museum, kind):
    alzhir.migrate()
    alzhir.ok("import", museum, "--source", "museum")
    before = persons(alzhir)
    message = refused(alzhir.run("restore", "--replace", foreign_files(alzhir.workdir)[kind]))
    assert "not" in message
    assert persons(alzhir) == before
    assert not list(alzhir.workdir.glob("*.replaced-*"))


def test_a_backup_of_a_newer_schema_is_refused(alzhir, saved):
    with sqlite3.connect(saved) as db:
        db.execute("INSERT INTO django_migrations (app, name, applied) "
                   "VALUES ('registry', '9999_from_the_future', '2030-01-01')")  # fmt: skip
    message = refused(alzhir.run("restore", saved))
    assert "newer version" in message and "registry.9999_from_the_future" in message


def test_a_registry_with_records_is_not_replaced_without_asking(alzhir, saved, museum):
    alzhir.migrate()
    alzhir.ok("import", museum, "--source", "other museum")
    message = refused(alzhir.run("restore", saved))
    assert "not empty (1 source, 4 records)" in message and "--replace" in message
    assert {line.split(",")[1] for line in persons(alzhir)} == {"other museum"}

    said = alzhir.ok("restore", "--replace", saved)
    assert {line.split(",")[1] for line in persons(alzhir)} == {"museum"}
    kept = list(alzhir.workdir.glob("registry.replaced-*.sqlite3"))
    assert len(kept) == 1 and str(kept[0]) in said
    with sqlite3.connect(kept[0]) as db:  # the replaced registry, whole
        assert db.execute("SELECT name FROM registry_source").fetchall() == [("other museum",)]


@pytest.mark.parametrize(
    "forgotten",
    [
        "name >= '0003'",  # its later search migrations, whose tables it holds: migrate fails
        "name LIKE '0003%'",  # one migration before the last: a history migrate refuses
    ],
)
def test_a_restore_that_fails_leaves_the_registry_as_it_was(alzhir, saved, museum, forgotten):
    """The backup's schema upgrade fails (a damaged backup): the registry that was there
    before comes back, with a message and no traceback."""
    alzhir.migrate()
    alzhir.ok("import", museum, "--source", "other museum")
    with sqlite3.connect(saved) as db:
        db.execute(f"DELETE FROM django_migrations WHERE app = 'search' AND {forgotten}")
    message = refused(alzhir.run("restore", "--replace", saved))
    assert "the registry is as it was" in message
    assert {line.split(",")[1] for line in persons(alzhir)} == {"other museum"}
