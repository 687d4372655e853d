"""Long commands show a progress bar on a terminal and nothing when their stderr is a log or a
pipe: the installed `alzhir` run under a pseudo-terminal, and as a script runs it."""

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios

import pytest

# What tqdm draws: "desc:  40%|████      | 2/5 [00:01<00:01, 2.0rows/s]", or without a total
# "desc: 5rows [00:01, 2.0rows/s]"; redrawn in place with a carriage return.
BAR = re.compile(r"\d+%\||\d+(?:\.\d+)?[a-zA-Z%]* \[\d\d:\d\d")


def on_terminal(command, *args) -> tuple[str, str]:
    """Run `alzhir ARGS` with its stderr on a pseudo-terminal of 100 columns; return its
    standard output and what the terminal showed."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    with subprocess.Popen(
        [str(command.executable), *map(str, args)], stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=follower, cwd=command.workdir, env=command.env(),
    ) as process:  # fmt: skip
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # EIO: the command has closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        out = process.stdout.read().decode()
    os.close(leader)
    assert process.returncode == 0, f"alzhir {' '.join(map(str, args))}:\n{shown.decode()}"
    return out, shown.decode("utf-8", "replace")


def bars(text: str, desc: str) -> list[str]:
    """The frames of the bar named `desc` that `text` shows."""
    return [frame for frame in re.split(r"[\r\n]", text) if frame.startswith(f"{desc}:")
            and BAR.search(frame)]  # fmt: skip


def in_a_log(command, *args) -> str:
    """Standard error of `alzhir ARGS` run as a script or a cron job runs it (no terminal)."""
    result = command.run(*args)
    assert result.returncode == 0, result.stderr
    assert not BAR.search(result.stderr) and "\r" not in result.stderr, result.stderr
    return result.stderr


@pytest.fixture
def exported(registry):
    """The museum registry's archive, written once without a terminal."""
    in_a_log(registry, "export", "archive", "--out", registry.workdir / "archive")
    return registry.workdir / "archive"


def test_archive_export_and_restore_show_their_rows_on_a_terminal(registry, exported, alzhir):
    _, shown = on_terminal(registry, "export", "archive", "--out", registry.workdir / "again")
    assert bars(shown, "archive")[-1].startswith("archive: 100%"), shown
    assert "rows" in bars(shown, "archive")[-1]

    other = type(alzhir)(registry.workdir / "other", alzhir.migrated_template)
    other.workdir.mkdir()
    other.migrate()
    out, shown = on_terminal(other, "import", "archive", exported)
    assert "restored" in out
    for desc in ("checking", "writing"):
        assert bars(shown, desc)[-1].startswith(f"{desc}: 100%"), shown
    assert re.search(r"\rsearch index(, \d+ [a-z ]+)? \[\d\d:\d\d\]", shown), shown


def test_archive_export_and_restore_in_a_log_have_no_bar(registry, exported, alzhir):
    other = type(alzhir)(registry.workdir / "other", alzhir.migrated_template)
    other.workdir.mkdir()
    other.migrate()
    assert "restored" in other.ok("import", "archive", exported)
    # only what a log wants: what was done
    assert in_a_log(other, "export", "archive", "--out", other.workdir / "a").startswith(
        "archive written to"
    )


def test_gedcom_export_backup_and_restore_show_a_bar_on_a_terminal(registry):
    _, shown = on_terminal(registry, "export", "gedcom", "--out", registry.workdir / "r.ged")
    assert bars(shown, "GEDCOM")[-1].startswith("GEDCOM: 100%"), shown
    assert "4/4" in bars(shown, "GEDCOM")[-1]  # the museum's four women
    _, shown = on_terminal(registry, "backup", "--out", registry.workdir / "copy.sqlite3")
    assert bars(shown, "backup")[-1].startswith("backup: 100%"), shown
    _, shown = on_terminal(registry, "restore", "--replace", registry.workdir / "copy.sqlite3")
    assert bars(shown, "restore")[-1].startswith("restore: 100%"), shown


def test_gedcom_export_backup_and_restore_in_a_log_have_no_bar(registry):
    in_a_log(registry, "export", "gedcom", "--out", registry.workdir / "r.ged")
    in_a_log(registry, "backup", "--out", registry.workdir / "copy.sqlite3")
    in_a_log(registry, "restore", "--replace", registry.workdir / "copy.sqlite3")


@pytest.mark.slow
def test_link_counts_its_long_stages_on_a_terminal_and_only_names_them_in_a_log(registry):
    out, shown = on_terminal(registry, "link")
    assert "records" in out and "merges applied" in out
    assert "/4 [" in bars(shown, "features")[0], shown  # of the museum's four records
    assert re.search(r"\rscoring(, query \d+: \d+%)? \[\d\d:\d\d\]", shown), shown
    logged = in_a_log(registry, "link")
    # the stages still go to the log, one line each
    assert "preparing features" in logged and "applying" in logged
