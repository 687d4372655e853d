"""`alzhir serve`: Django's development server for the demo and trials, or with --production
gunicorn (docs/production.md). Django is set up by alzhir.cli before a command runs."""

import os
import sys


def add_subcommands(subparsers) -> None:
    """Add `serve` to the `alzhir` command's subparsers."""
    p = subparsers.add_parser(
        "serve",
        help="serve the memorial site",
        description="Without --production: Django's development server, for the demo and "
        "trials on this machine (it migrates first). With --production: gunicorn, for the "
        "open internet behind a TLS proxy; the database must be migrated and ALZHIR_SECRET_KEY "
        "set (see docs/production.md).",
    )
    p.add_argument("--demo", action="store_true", help="load the demo registry if empty")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.add_argument("--production", action="store_true", help="serve with gunicorn")
    p.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("ALZHIR_WORKERS", "0")) or 2 * (os.cpu_count() or 1) + 1,
        help="gunicorn worker processes (default: 2 × cores + 1, or ALZHIR_WORKERS)",
    )
    # The development server migrates itself, so it may start on a fresh database.
    p.set_defaults(func=cmd_serve, needs_migrated=False)


def cmd_serve(args) -> int:
    from django.core.management import call_command

    if args.production:
        return _serve_production(args)
    call_command("migrate", interactive=False, verbosity=0)
    if args.demo:
        from alzhir.demo.load import load_demo_if_empty

        print(load_demo_if_empty())
    print(f"Serving the ALZHIR Registry at http://{args.host}:{args.port}/ (development server)")
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)
    return 0


def _serve_production(args) -> int:
    from alzhir.cli import database_problem
    from alzhir.web.production import ProductionServer, refusals

    if args.demo:
        print("alzhir serve: --demo is for the development server only", file=sys.stderr)
        return 2
    problems = [*refusals(), *filter(None, [database_problem()])]
    for problem in problems:
        print(f"alzhir serve --production: {problem}", file=sys.stderr)
    if problems:
        return 1
    ProductionServer(bind=f"{args.host}:{args.port}", workers=args.workers).run()
    return 0
