"""`alzhir stats` and `alzhir events`: the statistics and the archivist's list of sentence
text not fully read. Django is set up by alzhir.cli after the parser is built and before these
run, so this module imports the registry only inside the commands."""

import json
import sys
import time
from collections import Counter
from dataclasses import asdict, is_dataclass


def add_subcommands(subparsers) -> None:
    """Add `stats` and `events` to the `alzhir` command's subparsers."""
    p = subparsers.add_parser("stats", help="statistics of the registry, every figure traceable")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--source", action="append", default=[], help="only this source (repeatable)")
    p.add_argument("--synthetic", action="store_true",
                   help="statistics of the synthetic sources instead of the real ones")  # fmt: skip
    p.set_defaults(func=run_stats)

    p = subparsers.add_parser("events", help="events read from sentence text")
    events = p.add_subparsers(dest="events_command", required=True)
    q = events.add_parser("unparsed", help="every record whose sentence text was not fully read")
    q.add_argument("--json", action="store_true")
    q.add_argument("--source", action="append", default=[], help="only this source (repeatable)")
    q.set_defaults(func=run_events)
    q = events.add_parser("extract", help="run the extractor on stored or given sentence text")
    q.add_argument("--source", action="append", default=[], help="only this source (repeatable)")
    q.add_argument("--text", help="read this one sentence text instead of the stored ones")
    q.set_defaults(func=run_events)


def run_stats(args, out=None) -> int:
    from alzhir.stats.report import build_report
    from alzhir.stats.snapshot import Scope

    out = out or sys.stdout
    report = build_report(Scope(synthetic=args.synthetic, sources=tuple(args.source)))
    if args.json:
        json.dump(report.as_json(), out, ensure_ascii=False, default=str)
        out.write("\n")
        return 0
    label = "synthetic" if args.synthetic else "real"
    out.write(f"{report.persons} persons from {report.records} records ({label} sources")
    out.write(f": {', '.join(args.source)})\n" if args.source else ")\n")
    out.write(report.duplicates_note + "\n\nWhat the sources say\n")
    for c in report.comparisons:
        out.write(f"  {c.claim}: {c.published_text} ({c.source}); registry: {c.registry}\n")
        out.write(f"    {c.verdict}\n")
    for table in report.tables.values():
        _write_table(table, out)
    return 0


def _write_table(table, out) -> None:
    columns = [str(label) for _, label in table.columns]
    out.write(f"\n{table.title}\n")
    width = max([len(str(table.row_header))] + [len(r.label) for r in table.rows]) + 2
    out.write(str(table.row_header).ljust(width) + "  ".join(c.rjust(8) for c in columns) + "\n")
    for row in table.rows:
        counts = [str(row.cell(c).count).rjust(max(8, len(label))) for c, label in
                  zip((c for c, _ in table.columns), columns, strict=True)]  # fmt: skip
        out.write(row.label.ljust(width) + "  ".join(counts) + "\n")
    totals = [str(table.total(c)).rjust(max(8, len(str(label)))) for c, label in table.columns]
    out.write("distinct persons".ljust(width) + "  ".join(totals) + "\n")
    for note in table.notes:
        out.write(f"  {note}\n")


def run_events(args, out=None) -> int:
    out = out or sys.stdout
    if args.events_command == "unparsed":
        return _unparsed(args, out)
    return _extract(args, out)


def _unparsed(args, out) -> int:
    from alzhir.stats.unparsed import unparsed_fragments

    patterns, records = unparsed_fragments(tuple(args.source))
    fragments = sum(len(p.items) for p in patterns)
    if args.json:
        result = {"records": records, "fragments": fragments,
                  "patterns": [p.as_json() for p in patterns]}  # fmt: skip
        json.dump(result, out, ensure_ascii=False)
        out.write("\n")
        return 0
    out.write(f"{records} records with sentence text not fully read: {fragments} fragments in "
              f"{len(patterns)} patterns\n")  # fmt: skip
    for pattern in patterns:
        out.write(f"\n[{len(pattern.items)}] {pattern.pattern}\n")
        for item in pattern.items:
            out.write(f"  {item.source}:{item.record_id}  «{item.fragment}»\n")
    return 0


def _extract(args, out) -> int:
    """Read sentence text with the current extractor: one text, or a summary of the stored."""
    from alzhir.ingest.sentence_text import extract_events

    if args.text is not None:
        extraction = extract_events(args.text)
        for event in extraction.events:
            out.write(json.dumps(_plain(event), ensure_ascii=False, default=str) + "\n")
        for fragment in extraction.unparsed:
            out.write(f"unparsed: «{fragment}»\n")
        return 0
    from alzhir.registry.models import Record

    records = Record.objects.filter(fields__has_key="sentence")
    if args.source:
        records = records.filter(source__name__in=args.source)
    started, total, full, types = time.perf_counter(), 0, 0, Counter()
    for fields in records.values_list("fields", flat=True).iterator(chunk_size=2000):
        extraction = extract_events(
            fields.get("sentence", ""),
            sentence_date=fields.get("sentence_date", ""),
            sentencing_body=fields.get("sentencing_body", ""),
            charge=fields.get("charge", ""),
        )
        total += 1
        full += bool(extraction.fully_parsed)
        types.update(e.type for e in extraction.events)
    seconds = time.perf_counter() - started
    share = 100 * full / total if total else 0.0
    out.write(f"{total} sentence texts, {full} fully read ({share:.1f}%), {seconds:.2f} s\n")
    for event_type, count in types.most_common():
        out.write(f"  {event_type}: {count}\n")
    return 0


def _plain(event) -> dict:
    return asdict(event) if is_dataclass(event) else dict(vars(event))
