"""Record linkage: which records are one person, proposed for the archivist to decide.

A pure engine (no Django): records in as dicts, proposals out. Splink 5 does the statistics on
an embedded DuckDB (default) or on Spark, with one settings object for both.

    features = prepare_features(records)          # dicts -> Arrow table of comparison keys
    model = train(features)                       # EM; model.save("model.json")
    pairs = predict(model, features, 0.5)         # scored pairs with per-comparison weights
    persons = cluster(pairs, 0.99, known_different=[("a:1", "b:7")])
    explain(pairs.to_pylist()[0], model)          # ["surname: sounds the same, +5.2", ...]
    run = link_records(records, known_same=..., known_different=...)   # all of the above
"""

from alzhir.linkage.clustering import cluster
from alzhir.linkage.explain import explain
from alzhir.linkage.features import prepare_features
from alzhir.linkage.model import TrainedModel, predict, train
from alzhir.linkage.run import LinkageRun, labels_table, link_records
from alzhir.linkage.settings import LinkageSettings, build_settings

__all__ = [
    "LinkageRun",
    "LinkageSettings",
    "TrainedModel",
    "build_settings",
    "cluster",
    "explain",
    "labels_table",
    "link_records",
    "predict",
    "prepare_features",
    "train",
]
