"""Fixed weights for registries too small to train on (the demo's 44 records, a museum's first
list of a few hundred).

Splink estimates u from random pairs and the match rate from near-certain pairs. On a few
hundred records most comparison levels are never seen among random pairs (u = 0 would make
them infinitely strong) and no near-certain pair may exist (a match rate of 0 is the
`math domain error` the demo used to stop with). Such a run uses the m and u probabilities in
`fixed_weights.json` instead: a Splink model JSON trained by this module on the SYNTHETIC
registry of `synthetic.py` (100,000 records drawn from the real list's names; nothing real is
in the file). Parameters are carried onto the current settings by comparison and level label,
so a changed blocking rule needs no rebuild; a changed level does (tests check every level
has its pair of probabilities).

The match rate cannot come from another registry's size: it is set so that one record in
`DUPLICATE_SHARE` has a duplicate, the share the real list's 6,464 rows show (seven women
listed twice) rounded up generously, since a small list is usually linked against itself
because someone suspects repeats.

    python -m alzhir.linkage.fixed     # rebuild fixed_weights.json (about a minute)
"""

from __future__ import annotations

import json
from pathlib import Path

from alzhir.linkage.settings import LinkageSettings, build_settings

FIXED_WEIGHTS = Path(__file__).with_name("fixed_weights.json")
MIN_RECORDS_TO_TRAIN = 1000
"""Fewer records than this are never trained on: at 1,000 records random sampling still sees
each common level (u) a few hundred times; below it, levels go missing."""
DUPLICATE_SHARE = 0.01


def match_rate(records: int) -> float:
    """Probability that two random records are one person when one record in a hundred has a
    duplicate: `records * share` true pairs among `records * (records - 1) / 2`."""
    if records < 2:
        return DUPLICATE_SHARE
    return min(0.5, 2 * DUPLICATE_SHARE / (records - 1))


def _labelled(model: dict) -> dict[tuple[str, str], dict]:
    return {
        (comparison["output_column_name"], level.get("label_for_charts", level["sql_condition"])): {
            key: level[key] for key in ("m_probability", "u_probability") if key in level
        }
        for comparison in model["comparisons"]
        for level in comparison["comparison_levels"]
        if not level.get("is_null_level")
    }


def fixed_settings(records: int, linkage: LinkageSettings, backend: str) -> dict:
    """The current settings (in `backend`'s dialect) with the fixed m and u probabilities."""
    settings = build_settings(linkage).get_settings(backend).as_dict()
    fixed = _labelled(json.loads(FIXED_WEIGHTS.read_text("utf-8")))
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            label = level.get("label_for_charts", level["sql_condition"])
            level.update(fixed[comparison["output_column_name"], label])
    settings["probability_two_random_records_match"] = match_rate(records)
    return without_term_frequencies(settings)


def without_term_frequencies(settings: dict) -> dict:
    """How often a surname occurs among forty records says nothing of how common it is:
    Калинина twice in the demo would count as a very common name."""
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            level.pop("tf_adjustment_column", None)
            level.pop("tf_adjustment_weight", None)
    return settings


def is_fixed(model_data: dict) -> bool:
    return str(model_data.get("m_source", "")).startswith("fixed weights")


def build(records: int = 100_000) -> dict:
    """Train on the synthetic registry and write the parameters (a Splink model JSON)."""
    import csv

    from alzhir.linkage.features import prepare_features
    from alzhir.linkage.model import train
    from alzhir.linkage.synthetic import NamePool, synthetic_registry

    algir = Path(__file__).resolve().parents[2].parent / "shared/data/alzhir/algir.csv"
    with algir.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    words = [row["fullname_y"].split() for row in rows]
    pool = NamePool(
        surnames=sorted({w[0] for w in words if len(w) >= 3 and not w[0].endswith("-")}),
        given_names=[w[1] for w in words if len(w) >= 3],
        patronymics=[w[2] for w in words if len(w) >= 3],
        places=[row["bplace"] for row in rows if row["bplace"]],
    )
    features = prepare_features(synthetic_registry(pool, records))
    model = train(features, trained_by="alzhir.linkage.fixed").splink_model
    FIXED_WEIGHTS.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return model


if __name__ == "__main__":
    build()
    print(f"wrote {FIXED_WEIGHTS}")
