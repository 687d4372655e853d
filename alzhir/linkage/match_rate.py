"""How common true matches are, corrected by what EM learnt about the rules that count them.

Splink estimates the match rate by counting pairs that near-certain rules find and dividing by
an assumed recall of those rules. Lists differ wildly in that recall (a memory book with
initials meets "same surname, given name, patronymic and year" far less often than a
register), so after EM the recall is recomputed from the model itself: the chance that a true
match agrees on every key of a rule is the product of the m probabilities of the agreeing
levels (the model's own independence assumption), times the chance that both records have
all the rule's keys.
Splink has no such step; this is hand-written.
"""

from __future__ import annotations

import pyarrow as pa

from alzhir.linkage.settings import AGREEMENT_LEVELS, DETERMINISTIC_KEYS


def model_implied_recall(splink_model: dict, features: pa.Table) -> float:
    """Probability that a true match is found by at least one deterministic rule."""
    missed_by_all = 1.0
    for columns in DETERMINISTIC_KEYS:
        complete = features.select(list(columns)).drop_null().num_rows / max(features.num_rows, 1)
        found = complete * complete
        for column in columns:
            found *= _agreement(splink_model, column)
        missed_by_all *= 1 - found
    return 1 - missed_by_all


def _agreement(splink_model: dict, column: str) -> float:
    name, labels = AGREEMENT_LEVELS[column]
    comparison = next(c for c in splink_model["comparisons"] if c["output_column_name"] == name)
    return sum(
        level.get("m_probability") or 0.0
        for level in comparison["comparison_levels"]
        if level.get("label_for_charts") in labels
    )
