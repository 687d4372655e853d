"""Linkage on the real ALZHIR list: one woman listed twice merges, namesakes stay apart."""

import pytest

from alzhir.linkage import (
    LinkageSettings,
    TrainedModel,
    explain,
    features,
    link_records,
    predict,
    prepare_features,
)

from .conftest import NAMESAKE_ROWS, SAME_WOMAN_ROWS


def uid(row: int) -> str:
    return f"algir:{row}"


@pytest.fixture(scope="module")
def first_run(algir_records, latin_sample):
    renderings = [latin for _, latin in latin_sample]
    # a smaller random sample for u than a production run: the list is small
    return link_records(algir_records + renderings, linkage=LinkageSettings(u_max_pairs=1e6))


@pytest.mark.parametrize(("a", "b"), SAME_WOMAN_ROWS)
def test_one_woman_listed_for_two_episodes_becomes_one_person(first_run, a, b):
    assert first_run.clusters[uid(a)] == first_run.clusters[uid(b)]


@pytest.mark.parametrize(("a", "b"), NAMESAKE_ROWS)
def test_namesakes_born_elsewhere_stay_two_persons(first_run, a, b):
    assert first_run.clusters[uid(a)] != first_run.clusters[uid(b)]


def test_latin_script_museum_list_links_to_the_cyrillic_records(first_run, latin_sample):
    # Every rendering is either joined to its original or put before an archivist; the
    # renderings carry only surname, given name, a patronymic initial, a year and a place, so
    # a few with a common given name stay below the apply threshold.
    queued = {(item["unique_id_l"], item["unique_id_r"]) for item in first_run.to_review}
    linked, asked = 0, 0
    for original, latin in latin_sample:
        a, b = original["unique_id"], latin["unique_id"]
        if first_run.clusters[a] == first_run.clusters[b]:
            linked += 1
        elif (a, b) in queued or (b, a) in queued:
            asked += 1
    assert linked + asked == len(latin_sample)
    assert linked / len(latin_sample) >= 0.85


def test_a_latin_rendering_joins_no_other_woman(first_run, latin_sample):
    members: dict[str, set[str]] = {}
    for record_id, cluster_id in first_run.clusters.items():
        members.setdefault(cluster_id, set()).add(record_id)
    for original, latin in latin_sample:
        joined = members[first_run.clusters[latin["unique_id"]]]
        assert joined <= {original["unique_id"], latin["unique_id"]}


def test_a_rejected_pair_stays_apart_after_a_rerun(first_run, algir_records):
    rejected = (uid(409), uid(410))
    rerun = link_records(algir_records, model=first_run.model, known_different=[rejected])
    assert rerun.clusters[rejected[0]] != rerun.clusters[rejected[1]]
    asked = {(item["unique_id_l"], item["unique_id_r"]) for item in rerun.to_review}
    assert rejected not in asked and rejected[::-1] not in asked
    # the other same-woman pairs are still merged: one decision changes one pair
    assert rerun.clusters[uid(279)] == rerun.clusters[uid(280)]


def test_an_accepted_pair_is_joined_even_when_the_model_doubts_it(first_run, algir_records):
    accepted = (uid(179), uid(180))
    rerun = link_records(algir_records, model=first_run.model, known_same=[accepted])
    assert rerun.clusters[accepted[0]] == rerun.clusters[accepted[1]]


@pytest.fixture(scope="module")
def algir_pairs(first_run, algir_records):
    # Term frequencies come from the scored data, so score the whole list, not a slice.
    return predict(first_run.model, prepare_features(algir_records), 0.5)


def test_each_applied_link_is_explained_in_words(first_run, algir_pairs):
    pair = next(
        row
        for row in algir_pairs.to_pylist()
        if {row["unique_id_l"], row["unique_id_r"]} == {uid(279), uid(280)}
    )
    why = explain(pair, first_run.model)
    assert why[0].startswith(("surname: same", "birth place: same", "residence: same"))
    assert any(line.startswith("given name: same, +") for line in why)
    assert any(line.startswith("birth date: same year, +") for line in why)
    assert any(line.startswith("sentence date: different, -") for line in why)


def test_saved_model_scores_the_same_after_loading(first_run, algir_pairs, algir_records, tmp_path):
    path = tmp_path / "model.json"
    first_run.model.save(path)
    loaded = TrainedModel.load(path)
    assert loaded.trained_by and loaded.trained_at and loaded.thresholds["apply"] > 0.5
    again = predict(loaded, prepare_features(algir_records), 0.5)
    assert sorted(again["match_weight"].to_pylist()) == pytest.approx(
        sorted(algir_pairs["match_weight"].to_pylist())
    )


def test_features_made_by_worker_processes_are_those_of_one_process(
    algir_records, latin_sample, monkeypatch
):
    # a million-record run prepares its features over every core, in chunks that must come
    # back in order and whole, whatever the workers forget between chunks: here chunks of
    # 500 records over two workers, a cache emptied once it holds a thousand values
    records = algir_records + [latin for _, latin in latin_sample]
    monkeypatch.setattr(features, "FEATURE_CHUNK", 500)
    monkeypatch.setattr(features, "WORKER_CACHE_ENTRIES", 1000)
    alone = prepare_features(records)
    assert prepare_features(iter(records), processes=2).equals(alone)
    assert alone["unique_id"].to_pylist() == [r["unique_id"] for r in records]
