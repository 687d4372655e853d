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

from importlib import import_module

# Where each public name lives. They load on first use (PEP 562), so `alzhir --help` and the
# commands that never link do not pay for importing Splink (~0.4 s).
_PUBLIC = {
    "LinkageRun": "run",
    "LinkageSettings": "settings",
    "TrainedModel": "model",
    "build_settings": "settings",
    "cluster": "clustering",
    "explain": "explain",
    "labels_table": "run",
    "link_records": "run",
    "predict": "model",
    "prepare_features": "features",
    "train": "model",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"alzhir.linkage.{_PUBLIC[name]}"), name)
