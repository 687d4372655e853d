"""Archivists' decisions train the model once there are enough of them."""

from collections import defaultdict

from alzhir.linkage import LinkageSettings, labels_table, prepare_features, train
from alzhir.linkage.model import MIN_SAME_LABELS_FOR_M
from alzhir.linkage.synthetic import synthetic_registry
from tests.linkage.invented_names import POOL


def test_enough_same_decisions_replace_em_estimates():
    records = list(synthetic_registry(POOL, 1500, seed=11))
    by_person = defaultdict(list)
    for record in records:
        by_person[record["truth"]].append(record["unique_id"])
    same = [tuple(ids[:2]) for ids in by_person.values() if len(ids) >= 2]
    assert len(same) >= MIN_SAME_LABELS_FOR_M

    model = train(
        prepare_features(records),
        linkage=LinkageSettings(u_max_pairs=1e5),
        labels=labels_table(same, known_different=[]),
    )

    assert model.data["m_source"] == "archivist labels"
    surname = {w["level"]: w["m"] for w in model.weights() if w["comparison"] == "surname"}
    # decided pairs mostly share the folded surname (the rest are typos and transliterations)
    assert surname["same after gender and case fold"] > 0.5
