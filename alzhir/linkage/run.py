"""One linkage run: features, model, scored pairs, what to apply and what to ask about.

Archivists' decisions rule: a pair decided "different" is never applied and never ends in one
cluster, a pair decided "same" always does, and neither comes back as a review item.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sized
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from alzhir.forking import usable_cores
from alzhir.linkage.clustering import Pair, cluster
from alzhir.linkage.explain import explain
from alzhir.linkage.features import prepare_features
from alzhir.linkage.model import TrainedModel, predict, train
from alzhir.linkage.settings import LinkageSettings
from alzhir.progress import Progress

PARALLEL_FEATURES_FROM = 100_000
PAIR_COLUMNS = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]


@dataclass
class LinkageRun:
    """What a run proposes. The caller (the registry) applies it; nothing here writes."""

    model: TrainedModel
    clusters: dict[str, str]
    to_apply: list[dict]
    to_review: list[dict]
    summary: dict = field(default_factory=dict)


def link_records(
    records: Iterable[dict],
    *,
    backend: str = "duckdb",
    linkage: LinkageSettings | None = None,
    known_same: Iterable[Pair] = (),
    known_different: Iterable[Pair] = (),
    model: TrainedModel | None = None,
    spark_session: Any = None,
    progress: Progress | None = None,
) -> LinkageRun:
    """Train (unless `model` is given), score, cluster, and sort pairs into apply and review.

    `to_apply`: pairs the clustering joined (each a dict with unique_id_l/_r,
    match_probability, match_weight). `to_review`: pairs in the review
    band, strongest first, that no archivist has decided and that the clustering did not
    join, each also with `why` (the explanation in words). `clusters`: unique_id -> cluster
    id for every record. `progress` hears the stages and counts the long loops (records
    prepared, pairs clustered, review items explained).
    """
    linkage = linkage or LinkageSettings()
    progress = progress or Progress()
    say = progress.say
    started = time.monotonic()
    known_same = [_ordered(p) for p in known_same]
    known_different = [_ordered(p) for p in known_different]

    say("preparing features")
    total = len(records) if isinstance(records, Sized) else None
    features = prepare_features(
        progress.count(records, "features", "records", total), processes=_processes(total)
    )
    if model is None:
        say("training the model")
        model = train(
            features,
            backend,
            linkage=linkage,
            labels=labels_table(known_same, known_different),
            spark_session=spark_session,
            progress=progress,
        )
    say("scoring candidate pairs")
    pairs = predict(
        model, features, linkage.review_threshold, backend=backend,
        spark_session=spark_session, progress=progress,
    )  # fmt: skip
    say("clustering")
    record_ids, record_count = features["unique_id"].to_pylist(), features.num_rows
    # Scored, the features are not needed again: half a GiB at a million records, freed
    # before the clustering's Python objects take their place (the run's peak was there).
    del features
    pa.default_memory_pool().release_unused()
    decided = set(known_same) | set(known_different)
    undecided = _drop_pairs(pairs, decided)
    clusters = cluster_with(
        undecided,
        linkage,
        record_ids=record_ids,
        known_same=known_same,
        known_different=known_different,
        progress=progress,
    )
    say("explaining the pairs for review")
    to_apply, to_review = _split(undecided, clusters, model, progress)
    summary = {
        "records": record_count,
        "pairs_scored": pairs.num_rows,
        "links_applied": len(to_apply),
        "review_items": len(to_review),
        "persons": len(set(clusters.values())),
        "seconds": round(time.monotonic() - started, 1),
        "m_source": model.data.get("m_source"),
    }
    say("done")
    return LinkageRun(model, clusters, to_apply, to_review, summary)


def _processes(records: int | None) -> int:
    """Worker processes for the features: every core from PARALLEL_FEATURES_FROM records up
    (a million took 89 s on one core; starting the workers costs a second or two)."""
    if records is None or records < PARALLEL_FEATURES_FROM:
        return 1
    return min(usable_cores(), 8)


def cluster_with(pairs: pa.Table, linkage: LinkageSettings, **decided) -> dict[str, str]:
    """The run's clustering under `linkage`'s three thresholds (`decided`: record_ids,
    known_same, known_different and progress, as `cluster` takes them)."""
    return cluster(
        pairs,
        linkage.apply_threshold,
        sure=linkage.sure_threshold,
        agreeing=linkage.review_threshold,
        **decided,
    )


def labels_table(known_same: Iterable[Pair], known_different: Iterable[Pair]) -> pa.Table:
    rows = [(a, b, "same") for a, b in known_same] + [
        (a, b, "different") for a, b in known_different
    ]
    return pa.table(
        {
            "unique_id_l": [r[0] for r in rows],
            "unique_id_r": [r[1] for r in rows],
            "decision": [r[2] for r in rows],
        },
        schema=pa.schema(
            [("unique_id_l", pa.string()), ("unique_id_r", pa.string()), ("decision", pa.string())]
        ),
    )


def _split(pairs: pa.Table, clusters: dict[str, str], model, progress: Progress):
    ordered = pairs.sort_by([("match_weight", "descending")])
    joined = pa.array(
        [
            clusters[a] == clusters[b]
            for a, b in zip(
                ordered["unique_id_l"].to_pylist(), ordered["unique_id_r"].to_pylist(), strict=True
            )
        ],
        pa.bool_(),  # typed even when a rerun has no undecided pair left
    )
    # Every joined pair is applied (a lone record joins the one person it resembles below the
    # apply threshold, see clustering.py); a sure pair the clustering refused (it would join a
    # known-different pair) is asked about.
    applied = ordered.filter(joined).select(PAIR_COLUMNS).to_pylist()
    asked = ordered.filter(pc.invert(joined)).to_pylist()
    return applied, [
        {**{k: row[k] for k in PAIR_COLUMNS}, "why": explain(row, model)}
        for row in progress.count(asked, "explaining", "pairs", len(asked))
    ]


def _drop_pairs(pairs: pa.Table, decided: set[Pair]) -> pa.Table:
    if not decided:
        return pairs
    keys = [
        "\x1f".join(_ordered((a, b)))
        for a, b in zip(
            pairs["unique_id_l"].to_pylist(), pairs["unique_id_r"].to_pylist(), strict=True
        )
    ]
    wanted = {"\x1f".join(p) for p in decided}
    keep = pc.invert(pc.is_in(pa.array(keys, pa.string()), value_set=pa.array(list(wanted))))
    return pairs.filter(keep)


def _ordered(pair: Pair) -> Pair:
    a, b = str(pair[0]), str(pair[1])
    return (a, b) if a <= b else (b, a)
