"""Spark beside DuckDB: one trained model, the same SYNTHETIC registry, the same clusters?

    .venv/bin/python -m bench.spark_bench --records 100000
    .venv/bin/python -m bench.spark_bench --records 1000000 --cores 2 --memory 12g

The registry is `alzhir.linkage.synthetic` over the real list's names (several sources per
woman: registers, memory books, a Latin museum list; every record marked synthetic). The
model is trained once on DuckDB and saved as JSON, as docs/scaling.md tells a cluster to do;
Spark (local mode) and DuckDB then each score and cluster the registry with it. Printed: time
per step, peak memory of this process and of Spark's JVM, pairwise F1 against the truth for
both, and how far the two partitions differ (pairs joined by one backend and not the other).
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from pathlib import Path

from alzhir.linkage import LinkageSettings, TrainedModel, prepare_features, train
from alzhir.linkage.backends import local_spark_session
from alzhir.linkage.model import predict
from alzhir.linkage.run import cluster_with
from bench.linkage_bench import pairwise_f1, peak_rss_gib, synthetic


def jvm_peak_gib() -> float:
    """Peak resident memory of the JVMs this process started (Spark's driver in local mode)."""
    peak = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != os.getpid():
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError):
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return peak / 2**20


def score_and_cluster(model, features, backend: str, session=None) -> tuple[dict, dict]:
    linkage = LinkageSettings()
    started = time.monotonic()
    pairs = predict(model, features, linkage.review_threshold, backend=backend,
                    spark_session=session)  # fmt: skip
    scored = time.monotonic() - started
    clusters = cluster_with(pairs, linkage, record_ids=features["unique_id"].to_pylist())
    timing = {"score": scored, "cluster": time.monotonic() - started - scored,
              "pairs": pairs.num_rows}  # fmt: skip
    return clusters, timing


def timing_text(timing: dict) -> str:
    return (f"scored {timing['pairs']:,} pairs in {timing['score']:.1f} s, "
            f"clustered in {timing['cluster']:.1f} s")  # fmt: skip


def joined_pairs(clusters: dict[str, str]) -> int:
    return sum(n * (n - 1) // 2 for n in Counter(clusters.values()).values())


def partition_difference(a: dict[str, str], b: dict[str, str]) -> dict:
    """Pairs of records joined in `a` and not in `b`, and the other way round."""
    both = joined_pairs({uid: (a[uid], b[uid]) for uid in a})
    return {"only_first": joined_pairs(a) - both, "only_second": joined_pairs(b) - both,
            "both": both}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--memory", default="8g", help="Spark driver memory")
    args = parser.parse_args()

    records, truth = synthetic(args.records)
    started = time.monotonic()
    features = prepare_features(records)
    del records
    print(f"{args.records:,} SYNTHETIC records; features {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    model_file = Path(f"/tmp/alzhir-spark-bench-{args.records}.json")
    train(features, "duckdb").save(model_file)
    model = TrainedModel.load(model_file)
    print(f"trained on DuckDB {time.monotonic() - started:.0f} s ({model.data['m_source']})")

    on_duckdb, duck_time = score_and_cluster(model, features, "duckdb")
    print(f"DuckDB: {timing_text(duck_time)}, peak RSS of this process {peak_rss_gib():.1f} GiB")
    started = time.monotonic()
    session = local_spark_session(cores=args.cores, memory=args.memory)
    print(f"Spark session {time.monotonic() - started:.0f} s")
    on_spark, spark_time = score_and_cluster(model, features, "spark", session)
    print(f"Spark: {timing_text(spark_time)}, peak RSS of Spark's JVM {jvm_peak_gib():.1f} GiB, "
          f"of this process {peak_rss_gib():.1f} GiB")  # fmt: skip
    session.stop()

    print("| backend | precision | recall | F1 | persons |")
    print("|---|---|---|---|---|")
    for name, clusters in (("DuckDB", on_duckdb), ("Spark", on_spark)):
        s = pairwise_f1(clusters, truth)
        print(f"| {name} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | "
              f"{len(set(clusters.values())):,} |")  # fmt: skip
    difference = partition_difference(on_duckdb, on_spark)
    print(f"joined by both {difference['both']:,}; by DuckDB only {difference['only_first']:,}; "
          f"by Spark only {difference['only_second']:,}")  # fmt: skip


if __name__ == "__main__":
    main()
