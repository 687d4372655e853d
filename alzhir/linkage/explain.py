"""Why the model scored a pair as it did, in words an archivist can check."""

from __future__ import annotations

from collections.abc import Mapping

from alzhir.linkage.settings import DESCRIPTIONS, build_settings


def explain(pair_row: Mapping, model=None) -> list[str]:
    """One line per comparison: "surname: same after gender and case fold, +6.1".

    `pair_row` is a row of `predict()` (a dict); `model` a TrainedModel, or None for the
    labels of the default settings. Comparisons with no evidence (a field missing on either
    side) say so and add nothing. Lines run from the strongest evidence to the weakest.
    """
    lines = []
    for name, description, levels in _comparisons(model):
        gamma = pair_row.get(f"gamma_{name}")
        if gamma is None:
            continue
        if gamma == -1:
            lines.append((0.0, f"{description}: not known on both records, +0.0"))
            continue
        weight = (pair_row.get(f"mw_{name}") or 0.0) + (pair_row.get(f"mw_tf_adj_{name}") or 0.0)
        lines.append((abs(weight), f"{description}: {levels.get(gamma, '?')}, {weight:+.1f}"))
    lines.sort(key=lambda item: -item[0])
    return [text for _, text in lines]


def _comparisons(model) -> list[tuple[str, str, dict[int, str]]]:
    settings = model.splink_model if model is not None else _default_settings()
    found = []
    for comparison in settings["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        # Splink numbers the non-null levels from the most alike (highest gamma) down to 0.
        labels = {
            len(levels) - 1 - index: level.get("label_for_charts", level["sql_condition"])
            for index, level in enumerate(levels)
        }
        name = comparison["output_column_name"]
        found.append((name, DESCRIPTIONS.get(name, name), labels))
    return found


def _default_settings() -> dict:
    return build_settings().get_settings("duckdb").as_dict()
