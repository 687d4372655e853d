"""Spark beside DuckDB: one trained model, the same SYNTHETIC registry, the same clusters?

    .venv/bin/python -m bench.spark_bench --records 100000
    .venv/bin/python -m bench.spark_bench --records 1000000 --cores 2 --memory 12g
    .venv/bin/python -m bench.spark_bench --records 3000000 --spark-only --sample 100000

The registry is `alzhir.linkage.synthetic` over the real list's names (several sources per
woman: registers, memory books, a Latin museum list; every record marked synthetic). The
model is trained once on DuckDB and saved as JSON, as docs/scaling.md tells a cluster to do;
Spark (local mode) and DuckDB then each score and cluster the registry with it. Printed: time
per step, peak memory of this process and of Spark's JVM, pairwise F1 against the truth for
both, and how far the two partitions differ (pairs joined by one backend and not the other).
With `--spark-only` the whole registry is scored on Spark alone, and `--sample N` compares the
two backends' clusters on about N records of the same registry (whole persons, drawn at random).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from alzhir.forking import usable_cores
from alzhir.linkage import LinkageSettings, TrainedModel, prepare_features, train
from alzhir.linkage.backends import local_spark_session
from alzhir.linkage.model import predict
from alzhir.linkage.run import cluster_with
from alzhir.linkage.synthetic import synthetic_registry
from bench.linkage_bench import algir_name_pool, pairwise_f1, peak_rss_gib


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


def features_and_truth(size: int) -> tuple[pa.Table, dict[str, str]]:
    """The registry's features, prepared on every core, and each record's true person; the
    records themselves stream through (three million as dicts would hold gigabytes)."""
    truth: dict[str, str] = {}

    def noted(records):
        for record in records:
            truth[record["unique_id"]] = record["truth"]
            yield record

    records = noted(synthetic_registry(algir_name_pool(), size))
    return prepare_features(records, processes=usable_cores()), truth


def sample_of_persons(truth: dict[str, str], size: int) -> set[str]:
    """Records of persons drawn at random until about `size` records: whole persons, so each
    backend can join in the sample what it joins in the registry."""
    records_of: dict[str, list[str]] = {}
    for uid, person in truth.items():
        records_of.setdefault(person, []).append(uid)
    persons = sorted(records_of)
    random.Random(11).shuffle(persons)
    chosen: set[str] = set()
    for person in persons:
        if len(chosen) >= size:
            break
        chosen.update(records_of[person])
    return chosen


def compare(model, features, truth, session) -> None:
    """Both backends on `features`: F1 against the truth, and the pairs they join apart."""
    on_duckdb, duck_time = score_and_cluster(model, features, "duckdb")
    print(f"DuckDB: {timing_text(duck_time)}, peak RSS of this process {peak_rss_gib():.1f} GiB")
    on_spark, spark_time = score_and_cluster(model, features, "spark", session)
    print(f"Spark: {timing_text(spark_time)}, peak RSS of Spark's JVM {jvm_peak_gib():.1f} GiB")
    report({"DuckDB": on_duckdb, "Spark": on_spark}, truth)
    difference = partition_difference(on_duckdb, on_spark)
    print(f"joined by both {difference['both']:,}; by DuckDB only {difference['only_first']:,}; "
          f"by Spark only {difference['only_second']:,}")  # fmt: skip


def report(partitions: dict[str, dict], truth: dict[str, str]) -> None:
    print("| backend | precision | recall | F1 | persons |")
    print("|---|---|---|---|---|")
    for name, clusters in partitions.items():
        s = pairwise_f1(clusters, {uid: truth[uid] for uid in clusters})
        print(f"| {name} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | "
              f"{len(set(clusters.values())):,} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--memory", default="8g", help="Spark driver memory")
    parser.add_argument("--spark-only", action="store_true",
                        help="score the whole registry on Spark alone")  # fmt: skip
    parser.add_argument("--sample", type=int, default=0, metavar="N",
                        help="also compare both backends on about N of its records")  # fmt: skip
    args = parser.parse_args()

    started = time.monotonic()
    features, truth = features_and_truth(args.records)
    print(f"{features.num_rows:,} SYNTHETIC records; features {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    model_file = Path(f"/tmp/alzhir-spark-bench-{args.records}.json")
    train(features, "duckdb").save(model_file)
    model = TrainedModel.load(model_file)
    print(f"trained on DuckDB {time.monotonic() - started:.0f} s ({model.data['m_source']})")

    started = time.monotonic()
    session = local_spark_session(cores=args.cores, memory=args.memory)
    print(f"Spark session {time.monotonic() - started:.0f} s")
    if args.spark_only:
        on_spark, spark_time = score_and_cluster(model, features, "spark", session)
        print(f"Spark: {timing_text(spark_time)}, peak RSS of Spark's JVM "
              f"{jvm_peak_gib():.1f} GiB, of this process {peak_rss_gib():.1f} GiB")  # fmt: skip
        report({"Spark": on_spark}, truth)
    else:
        compare(model, features, truth, session)
    if args.sample:
        chosen = sample_of_persons(truth, args.sample)
        sample = features.filter(pc.is_in(features["unique_id"], pa.array(sorted(chosen))))
        print(f"sample of the same registry: {sample.num_rows:,} records")
        compare(model, sample, truth, session)
    session.stop()


if __name__ == "__main__":
    main()
