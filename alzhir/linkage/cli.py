"""`alzhir link`: propose and apply duplicates over the registry (Splink). Django is set up by
alzhir.cli before a command runs."""

import sys
import time


def add_subcommands(subparsers) -> None:
    """Add `link` to the `alzhir` command's subparsers."""
    p = subparsers.add_parser("link", help="propose and apply duplicates (clusters of records)")
    p.add_argument("--backend", choices=["duckdb", "spark"], default="duckdb")
    p.add_argument("--actor", default="cli", help="who runs it, for the audit trail")
    p.add_argument(
        "--sure-threshold",
        type=float,
        metavar="P",
        help="match probability at or above which two records join one person outright "
        "(default 0.99)",
    )
    p.add_argument(
        "--apply-threshold",
        type=float,
        metavar="P",
        help="from here up to the sure threshold, a pair joins when most record pairs between "
        "the two persons score at least the review threshold (default 0.9)",
    )
    p.add_argument(
        "--review-threshold",
        type=float,
        metavar="P",
        help="pairs from here up to the apply threshold go to the archivists' review queue "
        "(default 0.5)",
    )
    p.set_defaults(func=cmd_link, usage_problem=threshold_problem)


def _settings(args):
    from alzhir.linkage.settings import LinkageSettings

    chosen = {
        "sure_threshold": args.sure_threshold,
        "apply_threshold": args.apply_threshold,
        "review_threshold": args.review_threshold,
    }
    return LinkageSettings(**{k: v for k, v in chosen.items() if v is not None})


def threshold_problem(args) -> str | None:
    """Thresholds out of order: said before the database is touched."""
    linkage = _settings(args)
    if 0 < linkage.review_threshold <= linkage.apply_threshold <= linkage.sure_threshold < 1:
        return None
    return (
        "thresholds must satisfy "
        "0 < --review-threshold <= --apply-threshold <= --sure-threshold < 1"
    )


def cmd_link(args) -> int:
    from alzhir.linkage.apply import run_duplicate_linkage
    from alzhir.progress import Progress

    started = time.monotonic()

    def say(stage):
        # a line per stage, in a log too; the bars between them only on a terminal
        print(f"[{time.monotonic() - started:7.1f} s] {stage}", file=sys.stderr, flush=True)

    linkage = _settings(args)
    if args.backend == "spark":
        from alzhir.linkage.backends import default_spark_session

        spark = default_spark_session().sparkContext
        say(f"Spark {spark.version} at {spark.master}, checkpoints in {spark.getCheckpointDir()}")
    summary = run_duplicate_linkage(
        backend=args.backend, actor=args.actor, progress=Progress(say), linkage=linkage
    )
    print(
        f"{summary['records']} records, {summary['pairs_scored']} pairs scored, "
        f"{summary['merges']} merges applied ({summary['links_applied']} links), "
        f"{summary['review_items_queued']} new review items, {summary['seconds']} s "
        f"(joined outright at {linkage.sure_threshold}, when their records agree from "
        f"{linkage.apply_threshold}, review from {linkage.review_threshold})"
    )
    return 0
