"""The `alzhir` command. Each subcommand is a thin call into the layer that does the work."""

import argparse
import os
import sys
from pathlib import Path


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
    from alzhir.ingest.importer import ImportRefused, import_file
    from alzhir.ingest.profiles import ProfileError
    from alzhir.ingest.readers import ReadError

    if args.skip_invalid and not args.rejects:
        print(
            "--skip-invalid needs --rejects OUT.csv, so no rejected row goes unseen",
            file=sys.stderr,
        )
        return 2
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
    except (ProfileError, ReadError, FileNotFoundError) as error:
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
            print(f"export {args.what} needs --out PATH", file=sys.stderr)
            return 2
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


def cmd_serve(args):
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if args.demo:
        from alzhir.demo.load import load_demo_if_empty

        print(load_demo_if_empty())
    print(f"Serving the ALZHIR Registry at http://{args.host}:{args.port}/")
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)
    return 0


def cmd_link(args):
    import time

    from alzhir.linkage.apply import run_duplicate_linkage
    from alzhir.linkage.settings import LinkageSettings

    started = time.monotonic()

    def say(stage):
        print(f"[{time.monotonic() - started:7.1f} s] {stage}", file=sys.stderr, flush=True)

    chosen = {
        "sure_threshold": args.sure_threshold,
        "apply_threshold": args.apply_threshold,
        "review_threshold": args.review_threshold,
    }
    linkage = LinkageSettings(**{k: v for k, v in chosen.items() if v is not None})
    if not 0 < linkage.review_threshold <= linkage.apply_threshold <= linkage.sure_threshold < 1:
        print(
            "alzhir link: thresholds must satisfy "
            "0 < --review-threshold <= --apply-threshold <= --sure-threshold < 1",
            file=sys.stderr,
        )
        return 2
    summary = run_duplicate_linkage(
        backend=args.backend, actor=args.actor, progress=say, linkage=linkage
    )
    print(
        f"{summary['records']} records, {summary['pairs_scored']} pairs scored, "
        f"{summary['merges']} merges applied ({summary['links_applied']} links), "
        f"{summary['review_items_queued']} new review items, {summary['seconds']} s "
        f"(joined outright at {linkage.sure_threshold}, when their records agree from "
        f"{linkage.apply_threshold}, review from {linkage.review_threshold})"
    )
    return 0


def cmd_names(args):
    from alzhir.names.cli import run

    return run(args.rest, sys.stdout)


def cmd_search(args):
    from alzhir.search.cli import run

    return run(args.rest, sys.stdout)


def cmd_token(args):
    from alzhir.web.api.tokens import issue_token

    token = issue_token(args.user, args.name)
    print(f"API token for {args.user} ({args.name}), shown once: {token}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alzhir", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="create or upgrade the database (idempotent)")
    p.add_argument("-v", "--verbosity", type=int, default=1)
    p.set_defaults(func=cmd_migrate)

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
    p.add_argument("--rejects", help="CSV for rejected rows, with a reason column")
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

    p = sub.add_parser("serve", help="serve the memorial site")
    p.add_argument("--demo", action="store_true", help="load the demo registry if empty")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("link", help="propose and apply duplicates (clusters of records)")
    p.add_argument("--backend", choices=["duckdb", "spark"], default="duckdb")
    p.add_argument("--actor", default="cli", help="who runs it, for the audit trail")
    p.add_argument(
        "--sure-threshold",
        type=float,
        help="match probability at or above which two records join one person outright "
        "(default 0.99)",
    )
    p.add_argument(
        "--apply-threshold",
        type=float,
        help="from here up to the sure threshold, a pair joins when most record pairs between "
        "the two persons score at least the review threshold (default 0.9)",
    )
    p.add_argument(
        "--review-threshold",
        type=float,
        help="pairs from here up to the apply threshold go to the archivists' review queue "
        "(default 0.5)",
    )
    p.set_defaults(func=cmd_link)

    from alzhir.family.cli import add_subcommands as add_family_commands
    from alzhir.opendata.cli import add_subcommands as add_opendata_commands
    from alzhir.registry.cli import add_subcommands as add_registry_commands
    from alzhir.stats.cli import add_subcommands as add_stats_commands

    add_family_commands(sub)
    add_opendata_commands(sub)
    add_registry_commands(sub)
    add_stats_commands(sub)

    p = sub.add_parser("token", help="issue an API token for a staff user (shown once)")
    p.add_argument("user", help="the staff user's username")
    p.add_argument("name", help="what the token is for, e.g. 'review script'")
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("names", help="analyze and compare names", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_names)

    p = sub.add_parser("search", help="find persons by name, in any script", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_search)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    _setup_django()
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
