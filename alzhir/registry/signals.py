"""Signals other layers listen to (the search index) without the registry importing them."""

from django.dispatch import Signal

# Sent inside the writing transaction with person_ids=set of ids whose records or names
# changed (import, merge, split, undo).
persons_changed = Signal()

# Sent inside the writing transaction with target_of={merged-away person id: the person whose
# records it joined} when records only moved between persons (a linkage run's merges): no
# name, record or privacy flag changed, so derived data can follow the records.
persons_merged = Signal()
