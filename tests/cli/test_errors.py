"""What a user gets wrong, and what the installed `alzhir` answers: one line on stderr and a
non-zero exit, never a traceback."""

import subprocess

import pytest


def one_line_error(result) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["import", "{list}"],
        ["import", "archive", "{dir}"],
        ["search", "Мессерер"],
        ["search", "--batch", "-"],
        ["export", "persons"],
        ["stats"],
        ["events", "unparsed"],
        ["link"],
    ],
)
def test_an_unmigrated_database_asks_for_migrate(alzhir, museum_csv, args):
    args = [a.format(list=museum_csv, dir=alzhir.workdir) for a in args]
    line = one_line_error(alzhir.run(*args, stdin=""))
    assert "run `alzhir migrate` first" in line


def test_a_missing_file_is_named(registry):
    line = one_line_error(registry.run("import", "no-such-list.csv"))
    assert "no-such-list.csv" in line
    line = one_line_error(registry.run("search", "--batch", "no-such-queries.txt"))
    assert "no-such-queries.txt" in line


def test_usage_mistakes_are_one_line(registry):
    assert "--limit" in registry.run("search", "--limit", "x", "Мессерер").stderr
    for args in (["search"], ["names", "compare", "Анна"], ["search", "--limit", "0", "x"]):
        result = registry.run(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["export", "persons"],
        ["export", "events", "--format", "jsonl"],
        ["stats"],
        ["stats", "--json"],
        ["events", "unparsed"],
        ["search", "--json", "Плисецкая"],
    ],
)
def test_a_closed_pipe_ends_quietly(registry, args):
    """`alzhir export persons | head -0`: the reader is gone before the first line."""
    process = subprocess.Popen(
        [str(registry.executable), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=registry.workdir, env=registry.env(),
    )  # fmt: skip
    process.stdout.close()
    stderr = process.stderr.read()
    process.wait(timeout=120)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
    assert process.returncode == 141
