"""`alzhir names analyze|compare`: the lead's alzhir/cli.py delegates here via run()."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TextIO

from alzhir.names.compare import compare, name_keys
from alzhir.names.parse import parse_name
from alzhir.names.translit import canonical, detect_script, phonetic_key


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alzhir names")
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser("analyze", help="parts, script and keys of a name")
    analyze.add_argument("name")
    analyze.add_argument("--json", action="store_true")
    comparison = commands.add_parser("compare", help="how alike two names are, and why")
    comparison.add_argument("a", nargs="?")
    comparison.add_argument("b", nargs="?")
    comparison.add_argument("--json", action="store_true")
    comparison.add_argument("--batch", metavar="FILE", help='TSV of pairs ("-" for stdin)')
    return parser


def analyze(name: str) -> dict:
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


def _comparison_json(a: str, b: str) -> dict:
    result = compare(a, b)
    return {"a": a, "b": b, "score": result.score, "same": result.same, "why": result.why}


def _batch(path: str, stdout: TextIO) -> int:
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for number, line in enumerate(stream, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) < 2:
                print(f"{path}:{number}: expected two tab-separated names", file=sys.stderr)
                return 2
            print(json.dumps(_comparison_json(fields[0], fields[1]), ensure_ascii=False),
                  file=stdout)  # fmt: skip
    finally:
        if stream is not sys.stdin:
            stream.close()
    return 0


def run(argv: list[str], stdout: TextIO) -> int:
    args = _parser().parse_args(argv)
    if args.command == "analyze":
        result = analyze(args.name)
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=2), file=stdout)
        else:
            print(f"{args.name}  [{result['script']}]  {result['canonical']}", file=stdout)
            for reading in result["readings"]:
                print(f"  {reading['order']}: surname={reading['surname']!r} "
                      f"given={reading['given']!r} patronymic={reading['patronymic']!r}",
                      file=stdout)  # fmt: skip
                for kind, values in reading["keys"].items():
                    print(f"    {kind}: {' '.join(values)}", file=stdout)
        return 0
    if args.batch:
        return _batch(args.batch, stdout)
    if args.a is None or args.b is None:
        _parser().error("compare needs two names or --batch FILE")
    result = _comparison_json(args.a, args.b)
    if args.json:
        print(json.dumps(result, ensure_ascii=False), file=stdout)
    else:
        verdict = "same" if result["same"] else "different"
        print(f"{result['score']:.3f} {verdict}: {'; '.join(result['why'])}", file=stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:], sys.stdout))
