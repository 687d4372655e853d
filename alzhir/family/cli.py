"""`alzhir family`: propose family links. The lead wires add_subcommands into alzhir/cli.py."""

import sys


def add_subcommands(subparsers) -> None:
    p = subparsers.add_parser(
        "family", help="propose family links (mother, father, spouse, sibling) with reasons"
    )
    p.add_argument("--actor", default="family-linker", help="who the audit log names")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_family)


def cmd_family(args) -> int:
    from alzhir.family.registry import run_family

    def say(message):
        if not args.quiet:
            print(message, file=sys.stderr)

    summary = run_family(actor=args.actor, progress=False if args.quiet else None, say=say)
    print(summary.text())
    return 0
