"""The `alzhir` command: one argparse parser. `migrate`, `import` and `export` live here because
they span packages; every package adds its own subcommands through `add_subcommands(sub)`, the
same way, and each subcommand is a thin call into the layer that does the work.

Every subcommand sets `func` and, when it needs no migrated database, `needs_migrated=False`;
it may set `usage_problem(args)`, a check of its options answered (status 2) before the
database is touched.
What goes wrong in the user's hands (a missing file, an unmigrated or unreachable database, a
closed pipe) ends in one line on stderr and a non-zero exit, never a traceback.
"""

import argparse
import importlib
import os
import sys
from pathlib import Path

# Each module has add_subcommands(sub). The order is the order of `alzhir --help`.
SUBCOMMAND_MODULES = (
    "alzhir.names.cli",
    "alzhir.ingest.dates_cli",
    "alzhir.search.cli",
    "alzhir.linkage.cli",
    "alzhir.family.cli",
    "alzhir.registry.cli",
    "alzhir.stats.cli",
    "alzhir.opendata.cli",
    "alzhir.web.cli",
    "alzhir.web.api.cli",
)
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141  # as a shell reports a process ended by SIGPIPE


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alzhir.web.settings")
    import django

    django.setup()


def cmd_migrate(args):
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=args.verbosity)
    return 0


def cmd_import(args):
    if args.file in ("archive", "gedcom") and args.path:
        from alzhir.opendata import cli as opendata_cli

        if args.file == "archive":
            return opendata_cli.import_archive(args.path)
        return opendata_cli.import_gedcom(args.path, args.source)
    if args.path:
        print(
            f"alzhir import: one file at a time ({args.path!r} is extra); "
            "`import archive PATH` and `import gedcom FILE.ged` take a second word",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from alzhir.ingest.importer import ImportRefused, import_file
    from alzhir.ingest.profiles import ProfileError
    from alzhir.ingest.readers import ReadError

    if args.skip_invalid and not args.rejects:
        print(
            "--skip-invalid needs --rejects OUT.csv, so no rejected row goes unseen",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        report = import_file(
            Path(args.file),
            source_name=args.source,
            profile=args.profile,
            dry_run=args.dry_run,
            skip_invalid=args.skip_invalid,
            rejects_path=Path(args.rejects) if args.rejects else None,
            synthetic=args.synthetic,
        )
    except ImportRefused as refused:
        for line in refused.lines():
            print(line, file=sys.stderr)
        print(
            f"{refused}. Fix the rows above, or use --skip-invalid --rejects OUT.csv.",
            file=sys.stderr,
        )
        return 1
    except (ProfileError, ReadError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for line in report.errors:
        print(line, file=sys.stderr)
    print(report.summary())
    if report.rejected and args.rejects and not args.dry_run:
        print(f"{report.rejected} rejected row(s) written to {args.rejects}")
    return 0


def cmd_export(args):
    from alzhir.registry import exports, relationship_exports

    if args.what in ("archive", "gedcom"):
        from alzhir.opendata import cli as opendata_cli

        if not args.out:
            print(f"alzhir export {args.what}: needs --out PATH", file=sys.stderr)
            return EXIT_USAGE
        if args.what == "archive":
            return opendata_cli.export_archive(args.out, args.include_private)
        return opendata_cli.export_gedcom(args.out)

    kinds = {
        "persons": (exports.person_rows, exports.PERSON_COLUMNS),
        "events": (exports.event_rows, exports.EVENT_COLUMNS),
        "relationships": (
            relationship_exports.relationship_rows,
            relationship_exports.RELATIONSHIP_COLUMNS,
        ),
    }
    rows, columns = kinds[args.what]
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    try:
        count = exports.write(rows(args.include_private), columns, args.format, out)
    finally:
        if args.out:
            out.close()
    if args.out:
        print(f"{count} {args.what} rows written to {args.out}", file=sys.stderr)
    return 0


def _add_core_commands(sub) -> None:
    p = sub.add_parser("migrate", help="create or upgrade the database (idempotent)")
    p.add_argument("-v", "--verbosity", type=int, default=1)
    p.set_defaults(func=cmd_migrate, needs_migrated=False)

    p = sub.add_parser(
        "import",
        help="import a list file (CSV, TSV, XLSX), or `import archive PATH`, "
        "`import gedcom FILE.ged`",
    )
    p.add_argument("file", help="the list file, or the word archive or gedcom")
    p.add_argument("path", nargs="?", help="with archive or gedcom: what to import")
    p.add_argument("--source", help="source name (default: the file name)")
    p.add_argument("--profile", default="generic", help="generic, memorial or PATH.toml")
    p.add_argument("--dry-run", action="store_true", help="validate and report only")
    p.add_argument("--skip-invalid", action="store_true", help="import the good rows")
    p.add_argument("--rejects", metavar="OUT.csv", help="CSV for rejected rows, with a reason")
    p.add_argument(
        "--synthetic",
        action="store_true",
        help="generated data: labelled as such wherever it is shown",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "export", help="export persons, events or relationships; the whole archive; GEDCOM 7"
    )
    p.add_argument("what", choices=["persons", "events", "relationships", "archive", "gedcom"])
    p.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.add_argument("--include-private", action="store_true")
    p.set_defaults(func=cmd_export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alzhir",
        description="The ALZHIR Registry. The database is ALZHIR_DATABASE_URL's "
        "(default: alzhir.sqlite3 in the working directory).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_core_commands(sub)
    for module in SUBCOMMAND_MODULES:
        importlib.import_module(module).add_subcommands(sub)
    return parser


def database_problem() -> str | None:
    """Why the configured database cannot serve a command yet, in one sentence, or None."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return f"cannot open the database {_where()}: {_first_line(error)}"
    if pending:
        return (
            f"the database {_where()} is not set up for this version "
            f"({len(pending)} migrations to apply): run `alzhir migrate` first"
        )
    return None


def user_error(error: Exception) -> str | None:
    """One line for an error the user can act on; None for a defect (which keeps its
    traceback, to be reported)."""
    from django.db import OperationalError

    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.filename}: {error.strerror or error}"
    if isinstance(error, OperationalError):  # unreachable, locked, out of space
        return f"the database {_where()} refused: {_first_line(error)}"
    return None


def _where() -> str:
    from django.db import connection

    settings = connection.settings_dict
    host = f"{settings['HOST']}/" if settings.get("HOST") else ""
    return f"{connection.vendor}:{host}{settings['NAME']}"


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _parse(parser: argparse.ArgumentParser, argv) -> argparse.Namespace:
    """Options in any order: words left over after the options (`search --limit 2 Рахиль
    Мессерер`) join a command's free-text argument where it has one (`words_into`)."""
    args, extra = parser.parse_known_args(argv)
    into = getattr(args, "words_into", None)
    if extra and into and not any(word.startswith("-") for word in extra):
        setattr(args, into, [*getattr(args, into), *extra])
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv=None) -> int:
    args = _parse(build_parser(), argv)
    _setup_django()
    usage_problem = getattr(args, "usage_problem", None)
    if usage_problem and (problem := usage_problem(args)):
        print(f"alzhir {args.command}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if getattr(args, "needs_migrated", True):
            problem = database_problem()
            if problem:
                print(f"alzhir {args.command}: {problem}", file=sys.stderr)
                return 1
        status = args.func(args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # The reader went away (`alzhir export persons | head`): stop quietly, as cat does.
        # stdout is pointed at /dev/null so the interpreter's final flush finds no pipe either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as error:
        message = user_error(error)
        if message is None:
            raise
        print(f"alzhir {args.command}: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
