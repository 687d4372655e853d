"""Signals other layers listen to (the search index) without the registry importing them."""

from django.dispatch import Signal

# Sent inside the writing transaction with person_ids=set of ids whose records or names
# changed (import, merge, split, undo).
persons_changed = Signal()
