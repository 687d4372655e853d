"""`alzhir dates`: every date kept as written but not fully read, or implausible beside the
record's other dates. Django is set up by alzhir.cli before the command runs, so the registry
is imported only inside it."""

import json
import sys


def add_subcommands(subparsers) -> None:
    """Add `dates` to the `alzhir` command's subparsers."""
    p = subparsers.add_parser(
        "dates", help="dates kept as written but not fully read, or implausible, for review"
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="one JSON object a line: source, record_id, column, text, reading, "
        "problem (and field, kind)",
    )
    p.add_argument("--source", action="append", default=[], help="only this source (repeatable)")
    p.add_argument(
        "--kind",
        choices=["unread", "implausible"],
        default="",
        help="only dates not fully read, or only implausible ones",
    )
    p.set_defaults(func=run_dates)


def run_dates(args, out=None) -> int:
    from alzhir.ingest.date_review import date_problems

    out = out or sys.stdout
    counts = {"unread": 0, "implausible": 0}
    for problem in date_problems(tuple(args.source), args.kind):
        counts[problem.kind] += 1
        if args.json:
            out.write(json.dumps(problem.as_json(), ensure_ascii=False) + "\n")
        else:
            reading = problem.reading or "no reading"
            out.write(
                f"{problem.source}:{problem.record_id}  {problem.column}  "
                f"«{problem.text}» → {reading}  ({problem.kind}) {problem.problem}\n"
            )
    if not args.json:
        out.write(
            f"{counts['unread']} date(s) kept as written but not fully read, "
            f"{counts['implausible']} implausible\n"
        )
    return 0
