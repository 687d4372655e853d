"""Training goes on when Splink gives up on one of its EM sessions, and says which."""

import logging

from splink.internals import em_training_session

from alzhir.linkage import LinkageSettings, predict, prepare_features, train
from alzhir.linkage.synthetic import synthetic_registry
from tests.linkage.invented_names import POOL


def test_an_em_session_that_underflows_is_skipped_and_named(monkeypatch, caplog):
    """At three million records one EM session stopped on an m probability below 1e-300
    (docs/benchmarks.md). Splink had already edited the model when it raised; the model
    must come back whole from the other sessions, and the log must name the blocking rule."""
    maximise = em_training_session.expectation_maximisation
    calls = []

    def underflowing_first(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise ValueError("m_probability value 5.19674982e-315 is below the minimum allowed")
        return maximise(**kwargs)

    monkeypatch.setattr(em_training_session, "expectation_maximisation", underflowing_first)
    features = prepare_features(synthetic_registry(POOL, 3000, seed=11))
    with caplog.at_level(logging.WARNING, logger="alzhir.linkage.model"):
        model = train(features, linkage=LinkageSettings(u_max_pairs=1e5))

    sessions = len(calls)
    assert sessions >= 2
    assert model.data["m_source"] == f"em ({sessions - 1} of {sessions} sessions)"
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert len(skipped) == 1 and 'l."surname_block" = r."surname_block"' in skipped[0]
    # every comparison and level is still there, with an m probability, and the model scores
    levels = [w for w in model.weights() if w["m"] is not None]
    assert {w["comparison"] for w in levels} >= {"surname", "given_name", "birth"}
    assert predict(model, features, 0.5).num_rows > 100
