"""The search index: hashed name terms and full-text documents, both keyed by person.

Rows are derived data, rebuilt from the registry at will (`rebuild_index()`), so they carry no
foreign-key constraints: bulk loads of millions of rows stay fast on both backends.
"""

from django.db import models

from alzhir.registry.models import Person, Record


class NameKey(models.Model):
    """One lookup term (see alzhir.search.keys) under which a person's public names are found."""

    term = models.BigIntegerField()
    person = models.ForeignKey(
        Person, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )

    class Meta:
        # Named here (not implied by the foreign key) so rebuild_index can drop them during a
        # bulk load and build them once afterwards.
        indexes = [
            models.Index(fields=["term", "person"], name="search_namekey_term"),
            models.Index(fields=["person"], name="search_namekey_person"),
        ]

    def __str__(self):
        return f"term {self.term} → person {self.person_id}"


class SurnameNeighbour(models.Model):
    """A phonetic surname key found in the index, under each of its one-letter deletions
    (alzhir.search.keys): one row per distinct surname and deletion, whatever the persons."""

    deletion = models.BigIntegerField()
    phonetic = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["deletion", "phonetic"], name="search_neighbour_deletion")]

    def __str__(self):
        return f"{self.phonetic} under deletion {self.deletion}"


class TextDocument(models.Model):
    """The words of one record that are not names: notes, sentence text, events, testimony.
    SQLite searches it through an FTS5 table, PostgreSQL through a GIN index (migration 0002)."""

    person = models.ForeignKey(
        Person, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    record = models.ForeignKey(
        Record, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    body = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["person"], name="search_textdocument_person")]

    def __str__(self):
        return f"text of record {self.record_id}"
