"""`alzhir search`: one query, a batch of queries (one a line, JSON lines out), or --reindex.
Django is set up by alzhir.cli before a command runs."""

from __future__ import annotations

import json
import sys


def add_subcommands(subparsers) -> None:
    """Add `search` to the `alzhir` command's subparsers."""
    p = subparsers.add_parser(
        "search",
        help="find persons by name, in any script",
        description="Find a person under any spelling. QUERY may be several words, before or "
        "after the options; --batch reads one query a line and prints one JSON object a line "
        "(a blank line gives an empty result).",
    )
    p.add_argument("query", nargs="*", help="a name as you know it, a year, a place")
    p.add_argument("--limit", type=int, default=10, help="at most this many persons")
    p.add_argument("--json", action="store_true", help="print the JSON of the API")
    p.add_argument("--batch", metavar="FILE|-", help="one query a line; JSON lines out")
    p.add_argument("--reindex", action="store_true", help="rebuild the search index")
    p.add_argument("--born-from", type=int, metavar="YEAR")
    p.add_argument("--born-to", type=int, metavar="YEAR")
    p.add_argument("--source", default="", help="only persons with a record in it")
    p.add_argument("--camp", default="", help="place key or name of a camp")
    p.add_argument("--event", default="", help="only persons with an event of this type")
    p.add_argument("--text", default="", help="words in notes or sentence text")
    p.set_defaults(func=cmd_search, words_into="query", parser=p)


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


def _batch(path: str, limit: int, filters, out) -> None:
    """One JSON line for every input line, so line N of the output answers line N of the
    input; a blank line (and no filter) gives a result with no persons."""
    from alzhir.search.engine import Filters, search

    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for line in stream:
            query = line.strip()
            if query or filters != Filters():
                result = search(query, limit=limit, filters=filters).as_json()
            else:
                result = {"query": "", "took_ms": 0.0, "results": []}
            print(json.dumps(result, ensure_ascii=False), file=out)
    finally:
        if stream is not sys.stdin:
            stream.close()


def cmd_search(args, out=None) -> int:
    from alzhir.progress import stage_bar
    from alzhir.search.engine import Filters, search
    from alzhir.search.index import rebuild_index

    out = out or sys.stdout
    if args.limit < 1:
        args.parser.error("--limit must be 1 or more")
    if args.reindex:
        with stage_bar("search index") as shown:
            stats = rebuild_index(progress=shown.set_postfix_str)
        print(json.dumps(stats), file=out)
        return 0
    filters = Filters(args.born_from, args.born_to, args.source, args.camp, args.event, args.text)
    if args.batch:
        if args.query:
            args.parser.error("give a query or --batch FILE, not both")
        _batch(args.batch, args.limit, filters, out)
        return 0
    query = " ".join(args.query)
    if not query and filters == Filters():
        args.parser.error("give a query, --batch FILE or --reindex")
    response = search(query, limit=args.limit, filters=filters)
    if args.json:
        print(json.dumps(response.as_json(), ensure_ascii=False, indent=2), file=out)
    else:
        _print_hits(response, out)
    return 0
