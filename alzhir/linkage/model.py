"""Training and scoring: Splink's EM on the registry's features, on DuckDB or Spark."""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import sqlglot
from splink import Linker
from splink.internals.dialects import SplinkDialect
from splink.internals.exceptions import EMTrainingException

from alzhir.linkage.backends import close, make_db_api, spark_input, watched
from alzhir.linkage.fixed import (
    MIN_RECORDS_TO_TRAIN,
    fixed_settings,
    is_fixed,
    without_term_frequencies,
)
from alzhir.linkage.match_rate import model_implied_recall
from alzhir.linkage.settings import (
    TRAINING_KEYS,
    LinkageSettings,
    build_settings,
    deterministic_rules,
    training_rules,
)
from alzhir.progress import Progress

M_FLOOR = 5e-3
MIN_SAME_LABELS_FOR_M = 50
logger = logging.getLogger(__name__)
"""Below this many archivist "same" decisions, m stays with EM (labels stay constraints)."""


@dataclass
class TrainedModel:
    """A Splink model (its own JSON) plus the run facts the issue asks to keep with it."""

    splink_model: dict
    thresholds: dict = field(default_factory=dict)
    trained_by: str = ""
    trained_at: str = ""
    backend: str = "duckdb"
    data: dict = field(default_factory=dict)

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), "utf-8")

    @classmethod
    def load(cls, path: str | Path) -> TrainedModel:
        return cls(**json.loads(Path(path).read_text("utf-8")))

    def weights(self) -> list[dict]:
        """Each comparison level's match weight, for showing what the model learnt."""
        rows = []
        for comparison in self.splink_model["comparisons"]:
            for level in comparison["comparison_levels"]:
                if level.get("is_null_level"):
                    continue
                m, u = level.get("m_probability"), level.get("u_probability")
                rows.append(
                    {
                        "comparison": comparison["output_column_name"],
                        "level": level.get("label_for_charts", level["sql_condition"]),
                        "m": m,
                        "u": u,
                    }
                )
        return rows


def train(
    features: pa.Table,
    backend: str = "duckdb",
    *,
    linkage: LinkageSettings | None = None,
    labels: pa.Table | None = None,
    spark_session: Any = None,
    trained_by: str | None = None,
    progress: Progress | None = None,
) -> TrainedModel:
    """Estimate the model on `features` (from `prepare_features`).

    u probabilities come from random pairs and the match rate from near-certain rules. m
    probabilities come from expectation maximisation over up to four blocking passes (then
    the match rate is corrected, see `match_rate.py`), but only when
    the data holds enough likely duplicates for EM to find them: a list with a handful of
    repeats (the ALZHIR list has seven) would teach EM nonsense, so there the priors in
    `settings.py` stay. When archivists have decided enough pairs to be the same person
    (`labels`: unique_id_l, unique_id_r, decision "same"/"different"), m comes from those.
    On DuckDB, `progress` shows how far each of Splink's queries has got.
    """
    linkage = linkage or LinkageSettings()
    facts = {
        "thresholds": {
            "sure": linkage.sure_threshold,
            "apply": linkage.apply_threshold,
            "review": linkage.review_threshold,
        },
        "trained_by": trained_by or getpass.getuser(),
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": backend,
    }
    data = {"records": features.num_rows, "sources": _source_counts(features)}
    if features.num_rows < MIN_RECORDS_TO_TRAIN:
        return _fixed(features, linkage, facts, data, f"{features.num_rows} records")
    with (
        _linker(features, build_settings(linkage), backend, spark_session) as linker,
        watched(linker._db_api, progress or Progress(), "training"),
    ):
        linker.training.estimate_probability_two_random_records_match(
            deterministic_rules(), recall=linkage.recall_of_deterministic_rules
        )
        if not 0 < linker._settings_obj._probability_two_random_records_match < 1:
            return _fixed(features, linkage, facts, data, "no near-certain pair to count")
        linker.training.estimate_u_using_random_sampling(
            max_pairs=linkage.u_max_pairs, seed=linkage.seed
        )
        m_source = "priors"
        if _likely_matches(linker, features.num_rows, linkage) >= linkage.min_matches_for_em:
            sessions = [
                _em_session(linker, rule, linkage)
                for rule in training_rules(usable_training_keys(features))
            ]
            m_source = f"em ({sum(sessions)} of {len(sessions)} sessions)"
            _correct_match_rate(linker, features, linkage.recall_of_deterministic_rules)
        same = _same_pairs(labels)
        if same is not None and same.num_rows >= MIN_SAME_LABELS_FOR_M:
            linker.training.estimate_m_from_pairwise_labels(linker._db_api.register(same))
            m_source = "archivist labels"
        splink_model = linker.misc.save_model_to_json()
    return TrainedModel(
        splink_model=_with_m_floor(splink_model),
        data={**data, "m_source": m_source},
        **facts,
    )


def _fixed(features: pa.Table, linkage: LinkageSettings, facts: dict, data: dict, why: str):
    """The fixed weights of `fixed.py`, for data too small to estimate a model on."""
    logger.info("linkage model not trained (%s): fixed weights", why)
    return TrainedModel(
        splink_model=fixed_settings(features.num_rows, linkage, facts["backend"]),
        data={**data, "m_source": f"fixed weights ({why})"},
        **facts,
    )


def predict(
    model: TrainedModel,
    features: pa.Table,
    threshold: float | None = None,
    *,
    backend: str | None = None,
    spark_session: Any = None,
    progress: Progress | None = None,
) -> pa.Table:
    """Scored candidate pairs at or above `threshold` match probability.

    Columns: unique_id_l, unique_id_r, match_probability, match_weight, source_l/_r, and each
    comparison's level (`gamma_*`) and match weight (`mw_*`).
    On DuckDB, `progress` shows how far each of Splink's queries has got.
    """
    backend = backend or model.backend
    with (
        _linker(features, _settings_for(model, backend), backend, spark_session) as linker,
        watched(linker._db_api, progress or Progress(), "scoring"),
    ):
        return _to_arrow(linker.inference.predict(threshold_match_probability=threshold), backend)


def _correct_match_rate(linker: Linker, features: pa.Table, assumed_recall: float) -> None:
    recall = min(max(model_implied_recall(linker.misc.save_model_to_json(), features), 0.05), 1.0)
    settings = linker._settings_obj
    settings._probability_two_random_records_match *= assumed_recall / recall


def _em_session(linker: Linker, rule, linkage: LinkageSettings) -> bool:
    """One EM pass; False (and the model as it was) when Splink gives up on it.

    Splink 5.0.0 edits the model in place before an EM session runs and leaves it edited
    (comparisons dropped) when the session raises, e.g. when an m probability underflows on a
    level that is almost never seen among matches; so the parameters are restored here.
    """
    before = linker._settings_obj.core_model_settings.copy()
    try:
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True, max_pairs=linkage.em_max_pairs
        )
    except (ValueError, EMTrainingException) as error:
        sql = rule.get_blocking_rule(linker._db_api.sql_dialect.sql_dialect_str)
        logger.warning("EM session on %s skipped: %s", sql.blocking_rule_sql, error)
        linker._settings_obj.core_model_settings = before
        return False
    return True


def _with_m_floor(splink_model: dict) -> dict:
    """No level may be impossible: EM drives m to 0 for a level it never saw among matches
    (a typo in the day of birth, say), which would veto every such pair outright."""
    for comparison in splink_model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if isinstance(level.get("m_probability"), float):
                level["m_probability"] = max(level["m_probability"], M_FLOOR)
    return splink_model


def usable_training_keys(features: pa.Table) -> tuple[tuple[str, ...], ...]:
    """The EM blocking keys that pair up at least two records in this data.

    Checked beforehand: EM cannot run on a key that a list leaves empty (no patronymics).
    """
    usable = []
    for columns in TRAINING_KEYS:
        known = features.select(list(columns)).drop_null()
        if known.group_by(list(columns)).aggregate([]).num_rows < known.num_rows:
            usable.append(columns)
    return tuple(usable)


def _likely_matches(linker: Linker, records: int, linkage: LinkageSettings) -> float:
    """Matches implied by the estimated match rate (near-certain pairs over their recall)."""
    rate = linker._settings_obj._probability_two_random_records_match
    return rate * records * (records - 1) / 2 * linkage.recall_of_deterministic_rules


def _settings_for(model: TrainedModel, backend: str) -> dict:
    """The model's settings in `backend`'s SQL dialect.

    Splink stores comparison SQL in the dialect it was trained on ("x_l" = "x_r" quotes a
    column in DuckDB but a string in Spark), so a model trained on one backend is rebuilt from
    `build_settings()` for the other, with its trained parameters carried over.
    """
    trained = model.splink_model
    if trained.get("sql_dialect") == backend:
        return trained
    rebuilt = build_settings().get_settings(backend).as_dict()
    rebuilt["probability_two_random_records_match"] = trained[
        "probability_two_random_records_match"
    ]
    rebuilt["blocking_rules_to_generate_predictions"] = [
        _translated_rule(rule, trained.get("sql_dialect", "duckdb"), backend)
        for rule in trained["blocking_rules_to_generate_predictions"]
    ]
    for target, source in zip(rebuilt["comparisons"], trained["comparisons"], strict=True):
        for level, trained_level in zip(
            target["comparison_levels"], source["comparison_levels"], strict=True
        ):
            for key in ("m_probability", "u_probability"):
                if key in trained_level:
                    level[key] = trained_level[key]
    return without_term_frequencies(rebuilt) if is_fixed(model.data) else rebuilt


def _translated_rule(rule: dict | str, source: str, target: str) -> dict | str:
    def translate(sql: str) -> str:
        return sqlglot.transpile(
            sql,
            read=SplinkDialect.from_string(source).sqlglot_dialect,
            write=SplinkDialect.from_string(target).sqlglot_dialect,
        )[0]

    if isinstance(rule, str):
        return translate(rule)
    return {**rule, "blocking_rule": translate(rule["blocking_rule"]), "sql_dialect": target}


@contextlib.contextmanager
def _linker(features: pa.Table, settings, backend: str, spark_session: Any) -> Iterator[Linker]:
    """A linker over `features`, its database closed after: left to the garbage collector
    (Splink's objects hold each other), DuckDB kept 1.4 GiB after training a million records
    and 0.8 GiB after scoring them, into the stages that followed (docs/benchmarks.md)."""
    db_api = make_db_api(backend, spark_session)
    records = db_api.register(spark_input(db_api, features) if backend == "spark" else features)
    try:
        yield Linker(records, settings, log_level=logging.ERROR)
    finally:
        close(db_api)


# What the clustering and the explanations read of a scored pair: ids, sources, probability,
# each comparison's level and match weight. The compared values (half the columns, lists among
# them) stay behind: at three million records Spark's scored pairs with them came to 1.3 GB from
# five of its eight tasks, past the driver's 1 GB limit (docs/benchmarks.md).
PAIR_COLUMN_PREFIXES = ("unique_id_", "source_", "match_", "gamma_", "mw_")


def _to_arrow(splink_frame, backend: str) -> pa.Table:
    if backend == "spark":
        frame = splink_frame.as_spark_dataframe()
        return frame.select(*_pair_columns(frame.columns)).toArrow()
    relation = splink_frame.as_duckdbpyrelation()
    return relation.select(*_pair_columns(relation.columns)).to_arrow_table()


def _pair_columns(names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(PAIR_COLUMN_PREFIXES)]


def _same_pairs(labels: pa.Table | None) -> pa.Table | None:
    if labels is None or labels.num_rows == 0:
        return None
    same = labels.filter(pc.equal(labels["decision"], "same"))
    return same.select(["unique_id_l", "unique_id_r"])


def _source_counts(features: pa.Table) -> dict[str, int]:
    counts = pc.value_counts(features["source"]).to_pylist()
    return {row["values"]: row["counts"] for row in counts}
