"""Full-text search over TextDocument: an FTS5 table on SQLite (stems computed in Python, see
alzhir.search.fulltext), a GIN index over the Russian text-search vector on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_textdocument_fts "
    "USING fts5(stems, tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_textdocument_fts"
POSTGRES_CREATE = (
    "CREATE INDEX IF NOT EXISTS search_textdocument_tsv "
    "ON search_textdocument USING gin (to_tsvector('russian', body))"
)
POSTGRES_DROP = "DROP INDEX IF EXISTS search_textdocument_tsv"


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
