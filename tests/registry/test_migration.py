"""The data migration that moves privacy from persons to their records: what was hidden stays
hidden, merged-away persons get back the records they gave up, and faces are recomputed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from alzhir.registry.models import Person, Record

BEFORE = [("registry", "0002_place_type_transit")]


@pytest.mark.django_db(transaction=True)
def test_privacy_moves_from_the_cluster_to_its_records():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    source = old.get_model("registry", "Source").objects.create(name="memory-book")

    def person(name, birth=None, **flags):
        p = old.get_model("registry", "Person").objects.create(display_name=name, **flags)
        r = old.get_model("registry", "Record").objects.create(
            source=source, record_id=name, person=p, original={"name": name}, sex="F",
            birth_lower=birth,
        )  # fmt: skip
        old.get_model("registry", "Name").objects.create(record=r, full_text=name)
        return p, r

    living, _ = person("Тайнова Елизавета", is_private=True, is_living=True)
    public, _ = person("Иванова Анна")
    hidden_name, record = person("Петрова Мария")
    old.get_model("registry", "Name").objects.filter(record=record).update(is_private=True)
    merged, merged_record = person("Сидорова Вера")
    old.get_model("registry", "Person").objects.filter(pk=merged.pk).update(merged_into=public)
    old.get_model("registry", "Record").objects.filter(pk=merged_record.pk).update(person=public)
    old.get_model("registry", "AuditEntry").objects.create(
        actor="archivist", action="merge_persons", object_type="person", object_id=str(public.pk),
        old={"moves": [[merged_record.pk, merged.pk]]}, new={"person": public.pk,
                                                             "merged": [merged.pk]},
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert set(Record.objects.filter(is_private=True).values_list("record_id", flat=True)) == {
        "Тайнова Елизавета",
        "Петрова Мария",
    }
    assert set(Person.objects.public().values_list("pk", flat=True)) == {public.pk}
    assert set(Person.objects.filter(has_public_records=True).values_list("pk", flat=True)) == {
        public.pk
    }
    assert Person.objects.get(pk=living.pk).display_name == ""
    assert Person.objects.get(pk=hidden_name.pk).display_name == ""
    assert Person.objects.get(pk=merged.pk).merged_records == [merged_record.pk]
    assert Person.objects.get(pk=public.pk).display_name == "Иванова Анна"
    assert set(Record.objects.values_list("role", flat=True)) == {"repressed"}
