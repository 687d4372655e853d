"""Full-text search over the words of records that are not names (notes, sentence text, events,
testimonies), on SQLite FTS5 and PostgreSQL alike.

PostgreSQL's `russian` configuration stems Cyrillic words with the Russian Snowball stemmer and
Latin words with the English one, so one GIN index serves both languages. SQLite has no Russian
stemmer, so the same Snowball stemmers (PyStemmer) run here in Python, at indexing and at query
time, and FTS5 matches the stems.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from django.db import connection

# Record fields whose text is searched as words; names are searched by the name-key index.
TEXT_FIELDS = (
    "notes", "sentence", "summary", "testimony", "charge", "sentencing_body", "birth_place",
    "residence", "nationality", "camp", "orphanage", "death_place",
)  # fmt: skip
EVENT_TEXT_FIELDS = ("text", "place_text", "origin_text", "institution")
WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_RUSSIAN = Stemmer.Stemmer("russian")
_ENGLISH = Stemmer.Stemmer("english")


def document_body(fields: dict, event_texts: list[str]) -> str:
    """One record's searchable text: each distinct phrase once."""
    phrases = [str(fields[k]) for k in TEXT_FIELDS if fields.get(k)]
    return "\n".join(dict.fromkeys(p.strip() for p in phrases + event_texts if p and p.strip()))


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    word = word.lower().replace("ё", "е")
    return (_RUSSIAN if CYRILLIC.search(word) else _ENGLISH).stemWord(word)


def stems(text: str) -> str:
    return " ".join(stem(w) for w in WORD.findall(text))


def insert_documents(rows: list[tuple[int, int, str]]) -> None:
    """Write (person_id, record_id, body) documents and their full-text entries."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM search_textdocument")
            first = cursor.fetchone()[0] + 1
            # Entries past the last document are orphans (a flushed table): clear them.
            cursor.execute("DELETE FROM search_textdocument_fts WHERE rowid >= %s", [first])
            numbered = [(first + i, *row) for i, row in enumerate(rows)]
            cursor.executemany(
                "INSERT INTO search_textdocument (id, person_id, record_id, body) "
                "VALUES (%s, %s, %s, %s)",
                numbered,
            )
            cursor.executemany(
                "INSERT INTO search_textdocument_fts (rowid, stems) VALUES (%s, %s)",
                [(doc_id, stems(body)) for doc_id, _, _, body in numbered],
            )
        else:
            with cursor.cursor.copy(
                "COPY search_textdocument (person_id, record_id, body) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)


def delete_documents(person_ids: list[int]) -> None:
    """Remove the documents of these persons (at most a few thousand ids a call)."""
    from alzhir.search.models import TextDocument

    documents = TextDocument.objects.filter(person_id__in=person_ids)
    if connection.vendor == "sqlite":
        ids = list(documents.values_list("id", flat=True))
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM search_textdocument_fts WHERE rowid = %s", [(i,) for i in ids]
            )
    documents.delete()


def clear_documents() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_textdocument_fts")
            cursor.execute("DELETE FROM search_textdocument")
        else:
            cursor.execute("TRUNCATE search_textdocument")


def search_text(text: str, limit: int) -> list[tuple[int, float]]:
    """(person_id, relevance) of the documents containing every word of `text`, best first."""
    words = WORD.findall(text)
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " ".join(f'"{stem(w)}"*' for w in words)
            cursor.execute(
                "SELECT d.person_id, -f.rank FROM search_textdocument_fts f "
                "JOIN search_textdocument d ON d.id = f.rowid "
                "WHERE search_textdocument_fts MATCH %s ORDER BY f.rank LIMIT %s",
                [match, limit * 3],
            )
        else:
            cursor.execute(
                "SELECT person_id, ts_rank(to_tsvector('russian', body), q) AS relevance "
                "FROM search_textdocument, plainto_tsquery('russian', %s) AS q "
                "WHERE to_tsvector('russian', body) @@ q ORDER BY relevance DESC LIMIT %s",
                [" ".join(words), limit * 3],
            )
        found: dict[int, float] = {}
        for person_id, relevance in cursor.fetchall():
            found.setdefault(person_id, float(relevance))
    return list(found.items())[:limit]
