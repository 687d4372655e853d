"""`alzhir names analyze|compare`: the names engine from the command line (no database)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import TextIO


def add_subcommands(subparsers) -> None:
    """Add `names analyze` and `names compare` to the `alzhir` command's subparsers."""
    names = subparsers.add_parser("names", help="analyze and compare names (no database)")
    commands = names.add_subparsers(dest="names_command", required=True, metavar="COMMAND")
    p = commands.add_parser("analyze", help="parts, script and keys of a name")
    p.add_argument("name")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.set_defaults(func=cmd_analyze, needs_migrated=False)

    p = commands.add_parser(
        "compare",
        help="how alike two names are, and why",
        description="Two names, or --batch FILE: tab-separated pairs in, one JSON object a "
        "line out (a blank line gives an empty result).",
    )
    p.add_argument("a", nargs="?", help="a name")
    p.add_argument("b", nargs="?", help="the other name")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument("--batch", metavar="FILE", help='TSV of pairs ("-" for standard input)')
    p.set_defaults(func=cmd_compare, needs_migrated=False, parser=p)


def analyze(name: str) -> dict:
    from alzhir.names.compare import name_keys
    from alzhir.names.parse import parse_name
    from alzhir.names.translit import canonical, detect_script, phonetic_key

    readings = []
    for parts in parse_name(name):
        keys = {kind: sorted(values) for kind, values in name_keys(parts).items()}
        readings.append({**asdict(parts), "keys": keys})
    return {
        "name": name,
        "script": detect_script(name),
        "canonical": canonical(name),
        "phonetic": phonetic_key(name),
        "readings": readings,
    }


def comparison_json(a: str, b: str) -> dict:
    """How alike a and b are; two empty names are an empty result, not a match."""
    from alzhir.names.compare import compare

    if not a.strip() and not b.strip():
        return {"a": a, "b": b, "score": 0.0, "same": False, "why": []}
    result = compare(a, b)
    return {"a": a, "b": b, "score": result.score, "same": result.same, "why": result.why}


def cmd_analyze(args, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    result = analyze(args.name)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2), file=out)
        return 0
    print(f"{args.name}  [{result['script']}]  {result['canonical']}", file=out)
    for reading in result["readings"]:
        print(f"  {reading['order']}: surname={reading['surname']!r} "
              f"given={reading['given']!r} patronymic={reading['patronymic']!r}",
              file=out)  # fmt: skip
        for kind, values in reading["keys"].items():
            print(f"    {kind}: {' '.join(values)}", file=out)
    return 0


def cmd_compare(args, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if args.batch:
        if args.a is not None:
            args.parser.error("give two names or --batch FILE, not both")
        return _batch(args.batch, out)
    if args.a is None or args.b is None:
        args.parser.error("give two names, or --batch FILE")
    result = comparison_json(args.a, args.b)
    if args.json:
        print(json.dumps(result, ensure_ascii=False), file=out)
    else:
        verdict = "same" if result["same"] else "different"
        print(f"{result['score']:.3f} {verdict}: {'; '.join(result['why'])}", file=out)
    return 0


def _batch(path: str, out: TextIO) -> int:
    """One JSON line for every input line, so line N of the output answers line N of the
    input; a blank line gives an empty result. A line without a tab stops the run."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for number, line in enumerate(stream, start=1):
            line = line.rstrip("\r\n")
            fields = line.split("\t") if line.strip() else ["", ""]
            if len(fields) < 2:
                print(f"{path}:{number}: expected two tab-separated names", file=sys.stderr)
                return 1
            print(json.dumps(comparison_json(fields[0], fields[1]), ensure_ascii=False),
                  file=out)  # fmt: skip
    finally:
        if stream is not sys.stdin:
            stream.close()
    return 0
