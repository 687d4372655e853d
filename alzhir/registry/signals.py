"""Signals other layers listen to (the search index) without the registry importing them."""

from django.dispatch import Signal

# Sent inside the writing transaction with person_ids=set of ids whose records or names
# changed (import, merge, split, undo). An import sends it with imported=True for the persons
# it announced by persons_importing first.
persons_changed = Signal()

# Sent inside an import's transaction before its first row is written, with count=the number
# of new persons it writes, each of one record. A receiver may return a writer of data derived
# from the records (the search index): its write(rows) is called with each chunk of
# (person_id, record_id, ReadyRecord) as the chunk is written, and its finish() at the end, so
# that the parsed values serve in the same pass instead of being read back from the tables.
persons_importing = Signal()

# What such a writer needs of each RecordDraft, by the writer's name: pure functions of the
# draft, run where the import makes its records ready (in a worker process for a large file),
# their results in ReadyRecord.derived. Filled when the apps are ready.
draft_preparers: dict = {}

# Sent inside the writing transaction with target_of={merged-away person id: the person whose
# records it joined} when records only moved between persons (a linkage run's merges): no
# name, record or privacy flag changed, so derived data can follow the records.
persons_merged = Signal()
