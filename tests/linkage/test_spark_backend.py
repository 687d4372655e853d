"""The same settings and the same trained model score the same pairs on Spark as on DuckDB.

Runs Spark in local mode; skips cleanly where pyspark 4 or a Java runtime is missing.
"""

import shutil
from pathlib import Path

import pytest

from alzhir.linkage import TrainedModel, predict, prepare_features, train
from alzhir.linkage.synthetic import synthetic_registry
from tests.linkage.invented_names import POOL

pytest.importorskip("pyspark", minversion="4.0")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from alzhir.linkage.backends import local_spark_session

    session = local_spark_session(cores=2, memory="1g")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def features():
    return prepare_features(synthetic_registry(POOL, 300, seed=3))


def test_spark_scores_pairs_like_duckdb_with_one_model(spark, features):
    """The same blocked pairs and the same weights. The one known difference: DuckDB and
    Splink's Spark UDF compute Jaro-Winkler a little differently, so a pair whose spelling
    similarity sits right at a level's threshold (0.92, 0.8) may land one level apart."""
    model = train(features, "duckdb")
    on_duckdb = predict(model, features, 0.0, backend="duckdb")
    on_spark = predict(model, features, 0.0, backend="spark", spark_session=spark)
    assert on_duckdb.num_rows > 20
    # what the clustering and the explanations read, without the compared values, which at
    # three million records were too much to collect on Spark's driver
    assert sorted(on_spark.column_names) == sorted(on_duckdb.column_names)
    assert {"unique_id_l", "source_r", "match_probability", "gamma_surname", "mw_surname"} <= set(
        on_spark.column_names
    )
    assert "surname_text_l" not in on_spark.column_names

    def rows(pairs):
        return {tuple(sorted((r["unique_id_l"], r["unique_id_r"]))): r for r in pairs.to_pylist()}

    duck, sparked = rows(on_duckdb), rows(on_spark)
    assert duck.keys() == sparked.keys()
    apart = [
        p for p, r in duck.items() if abs(sparked[p]["match_weight"] - r["match_weight"]) > 1e-6
    ]
    assert len(apart) <= 0.01 * len(duck)
    for pair in apart:
        gammas = {k for k in duck[pair] if k.startswith("gamma_")}
        differ = {k for k in gammas if duck[pair][k] != sparked[pair][k]}
        assert differ <= {"gamma_surname", "gamma_given_name"}, (pair, differ)


def test_spark_trains_a_model_from_the_unchanged_settings(spark, features, tmp_path):
    model = train(features, "spark", spark_session=spark)
    model.save(tmp_path / "spark_model.json")
    loaded = TrainedModel.load(tmp_path / "spark_model.json")
    assert loaded.backend == "spark"
    surname_same = next(
        w
        for w in loaded.weights()
        if w["comparison"] == "surname" and w["level"].startswith("same")
    )
    assert surname_same["u"] < 0.5 < surname_same["m"]


def test_on_a_cluster_the_features_reach_spark_through_its_checkpoint_directory(
    spark, features, monkeypatch
):
    """A cluster's executors cannot read the driver's disk: Spark writes the features once
    into the checkpoint directory (shared storage there) and scoring reads them from it,
    with Splink breaking lineage into Parquet files as it does on a cluster."""
    from alzhir.linkage import backends

    model = train(features, "duckdb")
    in_local_mode = predict(model, features, 0.0, backend="spark", spark_session=spark)
    monkeypatch.setattr(backends, "on_one_machine", lambda session: False)
    as_on_a_cluster = predict(model, features, 0.0, backend="spark", spark_session=spark)

    checkpoints = Path(spark.sparkContext.getCheckpointDir().removeprefix("file:"))
    assert len(list(checkpoints.glob("alzhir-features-*/*.parquet"))) >= 1
    assert as_on_a_cluster.num_rows == in_local_mode.num_rows > 20
    by_pair = [("unique_id_l", "ascending"), ("unique_id_r", "ascending")]
    # the same rows (not `Table.equals`: the schema differs after Spark's own Parquet)
    assert (
        as_on_a_cluster.sort_by(by_pair).to_pylist() == in_local_mode.sort_by(by_pair).to_pylist()
    )
