"""The same settings and the same trained model score the same pairs on Spark as on DuckDB.

Runs Spark in local mode; skips cleanly where pyspark 4 or a Java runtime is missing.
"""

import shutil

import pytest

from alzhir.linkage import TrainedModel, predict, prepare_features, train
from alzhir.linkage.synthetic import NamePool, synthetic_registry

pytest.importorskip("pyspark", minversion="4.0")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

# A few invented names are enough: this checks the backend, not the model's quality.
POOL = NamePool(
    surnames=["Плисецкая", "Тухачевская", "Андерсон", "Калинина", "Зимина", "Орлова"],
    given_names=["Рахиль", "Нина", "Мария", "Анна", "Екатерина"],
    patronymics=["Михайловна", "Ивановна", "Петровна"],
    places=["г. Москва", "г. Ленинград", "г. Баку", "г. Тифлис"],
)


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
    model = train(features, "duckdb")
    on_duckdb = predict(model, features, 0.5, backend="duckdb")
    on_spark = predict(model, features, 0.5, backend="spark", spark_session=spark)
    assert on_duckdb.num_rows > 20

    def scores(pairs):
        return {
            tuple(sorted((row["unique_id_l"], row["unique_id_r"]))): row["match_weight"]
            for row in pairs.select(["unique_id_l", "unique_id_r", "match_weight"]).to_pylist()
        }

    duck, sparked = scores(on_duckdb), scores(on_spark)
    assert duck.keys() == sparked.keys()
    for pair, weight in duck.items():
        assert sparked[pair] == pytest.approx(weight, abs=1e-6)


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
