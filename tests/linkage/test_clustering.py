"""Clustering honours archivists: "different" is never joined, "same" always is."""

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from alzhir.linkage import cluster

IDS = [f"src:{i}" for i in range(12)]


def pairs_table(edges: list[tuple[str, str, float]]) -> pa.Table:
    return pa.table(
        {
            "unique_id_l": [a for a, _, _ in edges],
            "unique_id_r": [b for _, b, _ in edges],
            "match_probability": [p for _, _, p in edges],
            "match_weight": [p * 20 - 10 for _, _, p in edges],
        }
    )


edge = st.tuples(st.sampled_from(IDS), st.sampled_from(IDS), st.floats(0.0, 1.0))
id_pair = st.tuples(st.sampled_from(IDS), st.sampled_from(IDS)).filter(lambda p: p[0] != p[1])


@given(st.lists(edge, max_size=40), st.lists(id_pair, max_size=4))
def test_known_different_records_never_share_a_person(edges, apart):
    clusters = cluster(pairs_table(edges), 0.9, record_ids=IDS, known_different=apart)
    for a, b in apart:
        assert clusters[a] != clusters[b]


@given(st.lists(edge, max_size=40), st.lists(id_pair, max_size=4))
def test_links_above_threshold_join_unless_a_decision_forbids(edges, same):
    clusters = cluster(pairs_table(edges), 0.9, record_ids=IDS, known_same=same)
    for a, b in same:
        assert clusters[a] == clusters[b]
    for a, b, probability in edges:
        if probability >= 0.9:
            assert clusters[a] == clusters[b]


def test_a_weak_chain_cannot_join_two_women_told_apart():
    # a - b strong, b - c weaker; a and c are known different: b goes with a, c stays alone.
    edges = [("w:a", "w:b", 0.999), ("w:b", "w:c", 0.995)]
    clusters = cluster(pairs_table(edges), 0.99, known_different=[("w:a", "w:c")])
    assert clusters["w:a"] == clusters["w:b"] != clusters["w:c"]


def test_cluster_id_is_the_smallest_member_and_singletons_are_kept():
    clusters = cluster(pairs_table([("x:2", "x:1", 1.0)]), 0.5, record_ids=["x:1", "x:2", "x:3"])
    assert clusters == {"x:1": "x:1", "x:2": "x:1", "x:3": "x:3"}
