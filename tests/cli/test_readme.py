"""The README is tested, like Datasette's documentation: every command line of the README's
command reference and of the design's interface list is run, as written, by the installed
`alzhir`, and checked to do what the text says; `--help` of each names every option the text
gives it. A command added to the documents without a run here fails the first test."""

import json
import re
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.cli.conftest import LIST
from tests.conftest import REPO_ROOT, InstalledCommand
from tests.web.test_production import PRODUCTION, _free_port, fetch

README = REPO_ROOT / "README.md"
DOCUMENTS = {
    "README.md": (README, "## The `alzhir` command"),
    "docs/design.md": (REPO_ROOT / "docs" / "design.md", "## Interfaces"),
    "DESIGN.md": (REPO_ROOT.parent / "shared" / "DESIGN.md", "## Interfaces"),
}
# Where a line's description starts: a README comment, or the design's two spaces and a word.
DESCRIPTION = re.compile(r"\s+#.*$|\s{2,}[^\s[].*$")


def documented_commands(path: Path, heading: str) -> list[str]:
    """The command templates of the first code block under `heading`, one per command."""
    text = path.read_text(encoding="utf-8")
    block = text[text.index(heading) :].split("```", 2)[1].split("\n", 1)[1]
    commands: list[str] = []
    for line in block.splitlines():
        if line.strip().startswith("["):
            commands[-1] += " " + DESCRIPTION.sub("", line).strip()
        elif line.startswith("alzhir "):
            commands.append(DESCRIPTION.sub("", line))
    return [" ".join(part.split()) for command in commands for part in
            re.split(r" \| (?=alzhir )", command)]  # fmt: skip


def all_documented() -> dict[str, list[str]]:
    found = {}
    for name, (path, heading) in DOCUMENTS.items():
        if path.exists():
            for command in documented_commands(path, heading):
                found.setdefault(command, []).append(name)
    return found


def subcommand_words(template: str) -> list[str]:
    """`alzhir names compare A B [--json]` → ["names", "compare"]."""
    words = []
    for word in template.split()[1:]:
        if not re.fullmatch(r"[a-z]+", word):
            break
        words.append(word)
    return words


# ---------------------------------------------------------------------------------------------
# What each documented command does, checked on a small museum list. They run in this order in
# one registry (`ctx.cmd`); restores and imports of archives use a fresh one (`ctx.fresh()`).


class Context:
    def __init__(self, tmp_path: Path, migrated: Path):
        self.dir = tmp_path
        self.cmd = InstalledCommand(tmp_path, migrated)
        self.migrated = migrated
        (tmp_path / "museum.csv").write_text(LIST, encoding="utf-8")
        self.count = 0

    def fresh(self) -> InstalledCommand:
        self.count += 1
        folder = self.dir / f"registry-{self.count}"
        folder.mkdir()
        return InstalledCommand(folder, self.migrated)

    def run(self, *args, **kwargs):
        return self.cmd.ok(*args, **kwargs)


def check_migrate(ctx):
    ctx.run("migrate")
    assert "No migrations to apply" in ctx.run("migrate")  # idempotent


def check_import(ctx):
    bad = ctx.dir / "with-bad-rows.csv"
    bad.write_text(LIST + "M-5,,,,F,1905,,,\nM-6,Иванова,Анна,Петровна,F,1911,,,\n", "utf-8")
    refused = ctx.cmd.run("import", bad, "--source", "museum")
    assert refused.returncode == 1 and "row" in refused.stderr and "no name" in refused.stderr
    dry = ctx.run("import", ctx.dir / "museum.csv", "--source", "museum", "--dry-run")
    assert "4" in dry and "museum" in dry
    assert ctx.run("export", "persons") .count("\n") == 1  # the dry run wrote nothing
    rejects = ctx.dir / "rejects.csv"
    said = ctx.run("import", bad, "--source", "museum", "--skip-invalid", "--rejects", rejects)
    assert "1 rejected row" in said
    assert "no name" in rejects.read_text(encoding="utf-8").splitlines()[1]
    again = ctx.run("import", bad, "--source", "museum", "--skip-invalid", "--rejects", rejects)
    assert len(ctx.run("export", "persons").splitlines()) == 1 + 5, again  # nothing added twice
    memorial = ctx.dir / "memorial.csv"
    memorial.write_text(
        "fullname_y,bdate,bplace,sex,nationality,pmj,obvin,osujd_date,osujd_org,prigovor,source\n"
        "Иванова Анна Петровна,1905,г.Баку,ж,русская,Баку,ЧСИР,16.08.1937,ОСО НКВД,"
        '"Прибыла в Акмолинское ЛО 02.02.1938 из Баиловской тюрьмы г.Баку. '
        'Освобождена 24.10.1945",test\n',
        encoding="utf-8",
    )
    assert "1 of 1" in ctx.run("import", memorial, "--profile", "memorial", "--source", "mem")
    events = ctx.run("export", "events")
    assert "camp_arrival" in events and "release" in events
    readme = README.read_text(encoding="utf-8")
    toml = readme[readme.index("```toml") :].split("\n", 1)[1].split("```")[0]
    profile = ctx.dir / "register.toml"
    profile.write_text(toml, encoding="utf-8")
    row = ["R-1", "", "Петрова", "Мария", "Ивановна"] + [""] * 16 + ["05", "03", "1938"]
    (ctx.dir / "register.txt").write_bytes((";".join(row) + "\n").encode("cp1251"))
    ctx.run("import", ctx.dir / "register.txt", "--profile", profile, "--source", "register")
    assert "Петрова Мария Ивановна" in ctx.run("export", "persons")


def check_export(ctx):
    for what, header in [("persons", "person_id,source,record_id,name,birth_date"),
                         ("events", "person_id,source,record_id,type,date,place,text"),
                         ("relationships", "type,status,score,a_person_id")]:  # fmt: skip
        assert ctx.run("export", what, "--format", "csv").startswith(header)
        out = ctx.dir / f"{what}.jsonl"
        ctx.run("export", what, "--format", "jsonl", "--out", out, "--include-private")
        for line in out.read_text(encoding="utf-8").splitlines():
            json.loads(line)
    persons = (ctx.dir / "persons.jsonl").read_text(encoding="utf-8")
    assert "Мессерер-Плисецкая" in persons


def check_names_analyze(ctx):
    plain = ctx.run("names", "analyze", "Плисецкой Рахили Михайловны")
    assert "[Cyrl]" in plain
    data = json.loads(ctx.run("names", "analyze", "--json", "Rachel Messerer"))
    assert data["script"] == "Latn" and data["readings"]


def check_names_compare(ctx):
    said = ctx.run("names", "compare", "Плисецкая Рахиль", "Plisetskaya Rakhil")
    assert said.split()[1] == "same:"
    data = json.loads(ctx.run("names", "compare", "--json", "Иванова Анна", "Петрова Анна"))
    assert data["same"] is False and set(data) == {"a", "b", "score", "same", "why"}


def check_names_batch(ctx):
    pairs = ctx.dir / "pairs.tsv"
    pairs.write_text("Плисецкая Рахиль\tPlisetskaya Rakhil\n\nИванова\tПетрова\n", "utf-8")
    lines = [json.loads(x) for x in ctx.run("names", "compare", "--batch", pairs).splitlines()]
    assert [line["same"] for line in lines] == [True, False, False] and lines[1]["a"] == ""


def check_search(ctx):
    text = ctx.run("search", "Плисецкой Рахили", "--limit", "2")
    assert text.startswith("1. Мессерер-Плисецкая Рахиль") and "why:" in text
    assert "2. Плисецкая Майя" in text and "3." not in text
    data = json.loads(ctx.run("search", "--limit", "1", "--json", "Rachel", "Messerer"))
    assert set(data) == {"query", "took_ms", "results"} and len(data["results"]) == 1
    assert data["results"][0]["records"] == [{"source": "museum", "record_id": "M-1"}]


def check_search_batch(ctx):
    queries = ctx.dir / "queries.txt"
    queries.write_text("Калинина Катя\n\nTukhachevskaya\n", encoding="utf-8")
    from_file = ctx.run("search", "--batch", queries, "--limit", "1").splitlines()
    from_stdin = ctx.run("search", "--limit", "1", "--batch", "-", stdin=queries.read_text())
    for output in (from_file, from_stdin.splitlines()):
        lines = [json.loads(x) for x in output]
        assert len(lines) == 3 and lines[1]["results"] == []
        assert [r["record_id"] for r in lines[0]["results"][0]["records"]] == ["M-2"]
        assert [r["record_id"] for r in lines[2]["results"][0]["records"]] == ["M-4"]


def check_reindex(ctx):
    stats = json.loads(ctx.run("search", "--reindex"))
    assert stats["name_keys"] > 0


def check_link(ctx):
    said = ctx.run("link", "--backend", "duckdb", "--sure-threshold", "0.99",
                   "--apply-threshold", "0.95", "--review-threshold", "0.6")  # fmt: skip
    assert "records" in said and "joined outright at 0.99" in said and "review from 0.6" in said
    refused = ctx.cmd.run("link", "--review-threshold", "0.99", "--sure-threshold", "0.5")
    assert refused.returncode == 2 and "thresholds must satisfy" in refused.stderr


def check_link_plain(ctx):
    assert "pairs scored" in ctx.run("link")
    if shutil.which("java") is None:
        return  # Spark needs Java, which CI installs (.ci/run); the Spark tests skip without it
    on_spark = ctx.cmd.run("link", "--backend", "spark")  # local mode, on this machine's cores
    assert on_spark.returncode == 0 and "pairs scored" in on_spark.stdout, on_spark.stderr
    assert " at local[" in on_spark.stderr


def check_family(ctx):
    assert "pairs" in ctx.run("family", "--quiet")


def persons(command: InstalledCommand) -> int:
    return len({line.split(",")[0] for line in command.ok("export", "persons").splitlines()[1:]})


def check_stats(ctx):
    count = persons(ctx.cmd)
    assert ctx.run("stats").startswith(f"{count} persons from ")
    report = json.loads(ctx.run("stats", "--json"))
    assert report["persons"] == count and "tables" in report


def check_events_unparsed(ctx):
    assert "records with sentence text not fully read" in ctx.run("events", "unparsed")
    assert "patterns" in json.loads(ctx.run("events", "unparsed", "--json"))


def check_dates(ctx):
    clerks = ctx.dir / "clerks.csv"
    clerks.write_text(
        "record_id,surname,given_name,birth_date,arrest_date\n"
        "C-1,Ким,Августа,1897 (1898),31.06.1938\n"
        "C-2,Дубова,Анна,1950,12.03.1938\n",
        encoding="utf-8",
    )
    ctx.run("import", clerks, "--source", "clerks")
    listed = [json.loads(line) for line in ctx.run("dates", "--json").splitlines()]
    ours = {(d["record_id"], d["text"]) for d in listed if d["source"] == "clerks"}
    assert ours == {("C-1", "31.06.1938"), ("C-2", "12.03.1938")}, listed  # no day 31; too early
    assert {"source", "record_id", "column", "text", "reading", "problem"} <= listed[0].keys()
    implausible = ctx.run("dates", "--json", "--kind", "implausible")
    assert "C-2" in implausible and "C-1" not in implausible
    assert "implausible" in ctx.run("dates")


def check_export_archive(ctx):
    ctx.archive = ctx.dir / "archive"
    ctx.run("export", "archive", "--out", ctx.archive, "--include-private")
    assert (ctx.archive / "datapackage.json").exists()


def check_export_archive_public(ctx):
    ctx.run("export", "archive", "--out", ctx.dir / "public-archive")
    assert (ctx.dir / "public-archive" / "datapackage.json").exists()


def check_import_archive(ctx):
    other = ctx.fresh()
    other.migrate()
    assert "restored" in other.ok("import", "archive", ctx.archive)
    assert other.ok("export", "persons") == ctx.run("export", "persons")
    refused = other.run("import", "archive", ctx.archive)  # no longer empty
    assert refused.returncode == 1 and "Traceback" not in refused.stderr


def check_export_gedcom(ctx):
    ctx.gedcom = ctx.dir / "tree.ged"
    ctx.run("export", "gedcom", "--out", ctx.gedcom)
    assert ctx.gedcom.read_text(encoding="utf-8-sig").startswith("0 HEAD\n1 GEDC\n2 VERS 7.0")


def check_import_gedcom(ctx):
    other = ctx.fresh()
    other.migrate()
    said = other.ok("import", "gedcom", ctx.gedcom, "--source", "family-tree")
    assert f"imported {persons(ctx.cmd)} individuals" in said
    assert "family-tree" in other.ok("export", "persons")


def check_import_gedcom_plain(ctx):
    other = ctx.fresh()
    other.migrate()
    other.ok("import", "gedcom", ctx.gedcom)
    assert ",tree," in other.ok("export", "persons")  # the file's name names the source


def check_backup(ctx):
    ctx.backup = ctx.dir / "registry.backup"
    assert "written to" in ctx.run("backup", "--out", ctx.backup)


def check_restore(ctx):
    other = ctx.fresh()
    other.ok("restore", ctx.backup)
    assert other.ok("export", "persons") == ctx.run("export", "persons")


def check_restore_replace(ctx):
    refused = ctx.cmd.run("restore", ctx.backup)
    assert refused.returncode == 1 and "--replace" in refused.stderr
    said = ctx.run("restore", ctx.backup, "--replace")
    assert "kept in" in said and list(ctx.dir.glob("registry.replaced-*.sqlite3"))


def serving(command: InstalledCommand, args, env=None, path="/ru/"):
    port = _free_port()
    server = subprocess.Popen(
        [str(command.executable), *args, "--host", "127.0.0.1", "--port", str(port)],
        cwd=command.workdir, env=env or command.env(), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(240):
            assert server.poll() is None, f"alzhir {' '.join(args)} exited"
            try:
                return fetch(f"http://127.0.0.1:{port}{path}")
            except OSError:
                time.sleep(0.25)
        raise AssertionError(f"alzhir {' '.join(args)} did not answer")
    finally:
        server.terminate()
        server.wait(timeout=30)


def check_serve(ctx):
    demo = ctx.fresh()  # an empty database: serve migrates it and loads the demo
    status, _, html = serving(demo, ["serve", "--demo"], path="/ru/wall/?letter=%D0%9C")
    assert status == 200 and "Мессерер" in html and "Молотов" not in html  # officials are not
    status, _, html = serving(ctx.cmd, ["serve"], path="/en/wall/")
    assert status == 200 and "Тухачевская" in html


def check_serve_production(ctx):
    env = ctx.cmd.env(**PRODUCTION)
    status, headers, html = serving(ctx.cmd, ["serve", "--production", "--workers", "2"], env,
                                    path="/en/wall/")  # fmt: skip
    assert status == 200 and "Тухачевская" in html and "Strict-Transport-Security" in headers


def check_tokens(ctx):
    made = ctx.cmd.run("staff", "create", "anna", "--role", "administrator",
                       stdin="a long password for the test\n")  # fmt: skip
    assert made.returncode == 0 and "created" in made.stdout, made.stderr
    said = ctx.run("token", "issue", "anna", "review script", "--days", "30")
    number, token = re.search(r"API token (\d+) .* shown once: (\S+)", said).groups()
    assert len(token) > 30
    listed = ctx.run("token", "list")
    assert re.search(rf"^{number}\tanna\treview script\tvalid until ", listed, re.M)
    assert "revoked" in ctx.run("token", "revoke", number)
    assert "\trevoked " in ctx.run("token", "list")
    with sqlite3.connect(ctx.cmd.database) as db:
        audited = db.execute("SELECT action FROM registry_auditentry WHERE object_type = "
                             "'api_token' ORDER BY id").fetchall()  # fmt: skip
    assert audited == [("issue_api_token",), ("revoke_api_token",)]


def check_staff(ctx):
    password = "correct horse battery staple\n"
    assert "created (archivist)" in ctx.run("staff", "create", "boris", "--role", "archivist",
                                            stdin=password)  # fmt: skip
    short = ctx.cmd.run("staff", "create", "kim", "--role", "moderator", stdin="short\n")
    assert short.returncode == 1 and "Traceback" not in short.stderr
    assert re.search(r"^boris\tarchivist$", ctx.run("staff", "list"), re.M)
    ctx.run("staff", "role", "boris", "moderator")
    ctx.run("staff", "disable", "boris")
    assert re.search(r"^boris\tmoderator \(disabled\)$", ctx.run("staff", "list"), re.M)
    ctx.run("staff", "enable", "boris")
    ctx.run("staff", "password", "boris", stdin="another long password\n")
    assert re.search(r"^boris\tmoderator$", ctx.run("staff", "list"), re.M)
    with sqlite3.connect(ctx.cmd.database) as db:
        audited = [a for (a,) in db.execute(
            "SELECT action FROM registry_auditentry WHERE object_type = 'user' AND object_id = "
            "(SELECT CAST(id AS TEXT) FROM auth_user WHERE username = 'boris') ORDER BY id")]
    assert audited == ["create_staff_account", "set_staff_role", "set_staff_active",
                       "set_staff_active", "set_staff_password"], audited  # fmt: skip


def check_figures(ctx):
    ctx.run("figures", "set", "women_total", "--value", "18000", "--text", "about 18,000",
            "--claim", "women held in the camp", "--source", "museum", "--locator", "p. 3",
            "--compared-with", "women", "--featured")  # fmt: skip
    assert "women_total: about 18,000" in ctx.run("figures", "list")
    (figure,) = [json.loads(line) for line in ctx.run("figures", "list", "--json").splitlines()
                 if json.loads(line)["key"] == "women_total"]  # fmt: skip
    assert figure["value"] == 18000 and figure["source"] == "museum" and figure["featured"]
    unknown = ctx.cmd.run("figures", "set", "x", "--value", "1", "--text", "1", "--claim", "c",
                          "--source", "no such source")  # fmt: skip
    assert unknown.returncode == 1 and "no source" in unknown.stderr
    ctx.run("figures", "remove", "women_total")
    assert "women_total" not in ctx.run("figures", "list")


FIGURES_SET = (
    "alzhir figures set KEY --value N --text T --claim C --source NAME [--locator L] "
    "[--compared-with persons|women|in-alzhir|in-camp|born-in-camp|died] [--featured]"
)
EXAMPLES = {
    "alzhir migrate": check_migrate,
    "alzhir import FILE [--source NAME] [--profile generic|memorial|PATH.toml] [--dry-run] "
    "[--skip-invalid --rejects OUT.csv]": check_import,
    "alzhir export persons|events|relationships --format csv|jsonl [--out FILE] "
    "[--include-private]": check_export,
    "alzhir export persons|events|relationships --format csv|jsonl [--out FILE]": check_export,
    "alzhir names analyze NAME [--json]": check_names_analyze,
    "alzhir names compare A B [--json]": check_names_compare,
    "alzhir names compare --batch FILE": check_names_batch,
    "alzhir search QUERY [--limit N] [--json]": check_search,
    "alzhir search --batch FILE|- [--limit N]": check_search_batch,
    "alzhir search --reindex": check_reindex,
    "alzhir link [--backend duckdb|spark] [--sure-threshold P] [--apply-threshold P] "
    "[--review-threshold P]": check_link,
    "alzhir link [--backend duckdb|spark]": check_link_plain,
    "alzhir family": check_family,
    "alzhir stats [--json]": check_stats,
    "alzhir events unparsed [--json]": check_events_unparsed,
    "alzhir dates [--json]": check_dates,
    "alzhir dates [--json] [--kind unread|implausible]": check_dates,
    "alzhir export archive --out PATH [--include-private]": check_export_archive,
    "alzhir export archive --out PATH": check_export_archive_public,
    "alzhir import archive PATH": check_import_archive,
    "alzhir export gedcom --out FILE.ged": check_export_gedcom,
    "alzhir import gedcom FILE.ged [--source NAME]": check_import_gedcom,
    "alzhir import gedcom FILE.ged": check_import_gedcom_plain,
    "alzhir backup --out FILE": check_backup,
    "alzhir restore FILE": check_restore,
    "alzhir restore FILE [--replace]": check_restore_replace,
    "alzhir serve [--demo] [--host H] [--port P]": check_serve,
    "alzhir serve --production [--host H] [--port P] [--workers N]": check_serve_production,
    "alzhir token issue USER NAME [--days N]": check_tokens,
    "alzhir token list": check_tokens,
    "alzhir token revoke ID": check_tokens,
    "alzhir staff create USERNAME --role archivist|moderator|administrator": check_staff,
    "alzhir staff list": check_staff,
    "alzhir staff role USERNAME ROLE": check_staff,
    "alzhir staff disable USERNAME": check_staff,
    "alzhir staff enable USERNAME": check_staff,
    "alzhir staff password USERNAME": check_staff,
    "alzhir figures list [--json]": check_figures,
    "alzhir figures list": check_figures,
    FIGURES_SET: check_figures,
    "alzhir figures remove KEY": check_figures,
}


def test_every_documented_command_has_a_run_here():
    documented = all_documented()
    assert "alzhir migrate" in documented and len(documented) >= 20
    missing = [f"{c} ({', '.join(where)})" for c, where in documented.items() if c not in EXAMPLES]
    assert missing == [], "documented without a run in tests/cli/test_readme.py"
    stale = [c for c in EXAMPLES if c not in documented]
    assert stale == [], "run here but no longer documented"


def test_help_names_every_documented_option(alzhir):
    helps = {}
    for template in all_documented():
        words = subcommand_words(template)
        if tuple(words) not in helps:
            result = alzhir.run(*words, "--help")
            assert result.returncode == 0 and result.stdout.startswith("usage: alzhir"), words
            helps[tuple(words)] = result.stdout
        text = helps[tuple(words)]
        for option in re.findall(r"--[a-z-]+", template):
            assert option in text, f"{option} of `{template}` is not in its --help"
        for choices in re.findall(r"\b[a-z]+(?:\|[a-z]+)+\b", template):
            for choice in choices.split("|"):
                assert choice in text, f"{choice} of `{template}` is not in its --help"


def test_the_documented_commands_do_what_they_say(tmp_path, migrated_template):
    ctx = Context(tmp_path, migrated_template)
    done = set()
    for template in all_documented():
        check = EXAMPLES[template]
        if check not in done:
            check(ctx)
            done.add(check)


@pytest.mark.parametrize("args", [["--help"], ["search", "--help"], ["names", "--help"],
                                  ["names", "compare", "--help"], ["token", "revoke", "--help"],
                                  ["events", "--help"], ["serve", "--help"]])  # fmt: skip
def test_help_works_everywhere(alzhir, args):
    result = alzhir.run(*args)
    assert result.returncode == 0 and result.stdout.startswith("usage: alzhir")
