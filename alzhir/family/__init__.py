"""Family links: which persons are mother, father, spouse or sibling of which, with reasons.

Candidates come from relatives named on records and from shared surnames (candidates.py); each
is described by named evidence levels (features.py) that a calibrated logistic model weighs
(model.py, weights.json from calibrate.py). registry.py reads the registry and writes the
proposals through alzhir.registry.actions; linker.py is the same pipeline without a database.
"""
