"""`alzhir search`: one query, a batch of queries (one a line, JSON lines out), or --reindex.

The lead wires `alzhir search` to run(argv, out) with the words after `search`; Django must be
set up before the call.
"""

from __future__ import annotations

import argparse
import json
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alzhir search", description=__doc__.splitlines()[0])
    parser.add_argument("query", nargs="*", help="a name as you know it, a year, a place")
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print the JSON of the API")
    parser.add_argument("--batch", metavar="FILE|-", help="one query a line; JSON lines out")
    parser.add_argument("--reindex", action="store_true", help="rebuild the search index")
    parser.add_argument("--born-from", type=int)
    parser.add_argument("--born-to", type=int)
    parser.add_argument("--source", default="", help="only persons with a record in it")
    parser.add_argument("--camp", default="", help="place key or name of a camp")
    parser.add_argument("--event", default="", help="only persons with an event of this type")
    parser.add_argument("--text", default="", help="words in notes or sentence text")
    return parser


def _print_hits(response, out) -> None:
    if not response.results:
        print(f"nothing found for «{response.query}» ({response.took_ms} ms)", file=out)
    for rank, hit in enumerate(response.results, start=1):
        sources = ", ".join(f"{r['source']}:{r['record_id']}" for r in hit.records)
        born = f", b. {hit.birth_date}" if hit.birth_date else ""
        synthetic = " [synthetic]" if hit.is_synthetic else ""
        print(
            f"{rank}. {hit.name}{born}{synthetic}  score {hit.score}  person {hit.person_id}",
            file=out,
        )
        print(f"   sources: {sources}", file=out)
        print(f"   why: {'; '.join(hit.why)}", file=out)


def run(argv: list[str], out=None) -> int:
    from alzhir.search.engine import Filters, search
    from alzhir.search.index import rebuild_index

    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    if args.reindex:
        stats = rebuild_index(progress=lambda message: print(message, file=sys.stderr))
        print(json.dumps(stats), file=out)
        return 0
    filters = Filters(args.born_from, args.born_to, args.source, args.camp, args.event, args.text)
    if args.batch:
        stream = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8")
        with stream:
            for line in stream:
                if line.strip():
                    response = search(line.strip(), limit=args.limit, filters=filters)
                    print(json.dumps(response.as_json(), ensure_ascii=False), file=out)
        return 0
    query = " ".join(args.query)
    if not query and filters == Filters():
        print("give a query, --batch FILE or --reindex", file=sys.stderr)
        return 2
    response = search(query, limit=args.limit, filters=filters)
    if args.json:
        print(json.dumps(response.as_json(), ensure_ascii=False, indent=2), file=out)
    else:
        _print_hits(response, out)
    return 0
