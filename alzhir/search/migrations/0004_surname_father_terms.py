"""The index gained a term for the surname's sound key with the father's name ("pf", see
alzhir.search.keys): an index written before it finds a woman whose surname and given name
both carry a slip only by the surname's sound, among all her namesakes. An existing index is
rebuilt once (about two minutes at a million persons); an empty one, as in a new registry,
is left alone."""

from django.db import migrations


def rebuild_existing_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM search_namekey LIMIT 1")
        if cursor.fetchone() is None:
            return
    from alzhir.search.index import rebuild_index

    rebuild_index()


class Migration(migrations.Migration):
    # the rebuild drops and creates the index's own indexes and commits in batches
    atomic = False
    dependencies = [("search", "0003_surname_neighbours")]

    operations = [migrations.RunPython(rebuild_existing_index, migrations.RunPython.noop)]
