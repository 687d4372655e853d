"""Merges and splits only move records, are audited, and can be undone."""

import pytest

from alzhir.cli import main
from alzhir.registry.actions import (
    ActionError,
    do_merge_groups,
    do_merge_persons,
    do_split_records,
    do_undo,
)
from alzhir.registry.models import AuditEntry, Person, Record

pytestmark = pytest.mark.django_db


def person_of(source, record_id) -> Person:
    return Record.objects.get(source__name=source, record_id=record_id).person


def test_a_fresh_record_is_its_own_person(demo, museum_list):
    main(["import", str(museum_list), "--source", "museum"])
    rachel = person_of("museum", "M-1")
    assert list(rachel.records.values_list("record_id", flat=True)) == ["M-1"]
    assert rachel.display_name == "Rachel Messerer-Plisetskaya"
    assert rachel.birth_year == 1902


def test_merge_moves_records_and_undo_restores_both_persons(demo, museum_list):
    main(["import", str(museum_list), "--source", "museum"])
    demo_rachel = person_of("qalam-alzhir-article", "messerer-plisetskaya-rachel")
    museum_rachel = person_of("museum", "M-1")
    entry = do_merge_persons(demo_rachel, [museum_rachel], "archivist", "same birth year")

    museum_rachel.refresh_from_db()
    assert museum_rachel.merged_into_id == demo_rachel.pk
    assert set(demo_rachel.records.values_list("source__name", flat=True)) == {
        "qalam-alzhir-article",
        "museum",
    }
    assert entry.action == "merge_persons" and entry.actor == "archivist"

    do_undo(entry, "archivist")
    museum_rachel.refresh_from_db()
    assert museum_rachel.merged_into_id is None
    assert person_of("museum", "M-1") == museum_rachel
    assert demo_rachel.records.get().source.name == "qalam-alzhir-article"
    museum_rachel.refresh_from_db()
    assert museum_rachel.display_name == "Rachel Messerer-Plisetskaya"
    assert list(AuditEntry.objects.values_list("action", flat=True)[:2]) == [
        "undo",
        "merge_persons",
    ]
    with pytest.raises(ActionError, match="already undone"):
        do_undo(entry, "archivist")


def test_split_gives_a_record_its_own_person_and_can_be_undone(demo, museum_list):
    main(["import", str(museum_list), "--source", "museum"])
    kalinina = person_of("qalam-alzhir-article", "kalinina-ekaterina")
    do_merge_persons(kalinina, [person_of("museum", "M-2")], "archivist")
    museum_record = Record.objects.get(source__name="museum", record_id="M-2")
    split = do_split_records([museum_record], "archivist", "different woman")
    museum_record.refresh_from_db()
    assert museum_record.person_id != kalinina.pk
    with pytest.raises(ActionError, match="at least one record"):
        do_split_records([museum_record], "archivist")
    do_undo(split, "archivist")
    museum_record.refresh_from_db()
    assert museum_record.person_id == kalinina.pk


def test_a_linkage_run_merges_groups_each_undoable_on_its_own(demo, museum_list):
    main(["import", str(museum_list), "--source", "museum"])
    rachel = person_of("qalam-alzhir-article", "messerer-plisetskaya-rachel")
    kalinina = person_of("qalam-alzhir-article", "kalinina-ekaterina")
    museum_rachel, museum_kalinina = person_of("museum", "M-1"), person_of("museum", "M-2")
    groups = [[museum_rachel.pk, rachel.pk], [kalinina.pk, museum_kalinina.pk], [rachel.pk]]

    assert do_merge_groups(groups, "linkage", "run 1") == 2
    assert person_of("museum", "M-1") == rachel and person_of("museum", "M-2") == kalinina
    assert set(Person.objects.exclude(merged_into=None).values_list("pk", "merged_into")) == {
        (museum_rachel.pk, rachel.pk),
        (museum_kalinina.pk, kalinina.pk),
    }
    rachel.refresh_from_db()
    assert rachel.display_name == "Мессерер Рахиль Михайловна"  # the Cyrillic name leads
    assert rachel.birth_year == 1902

    merge = AuditEntry.objects.get(action="merge_persons", object_id=str(kalinina.pk))
    assert (
        merge.old["moves"] == [[Record.objects.get(record_id="M-2").pk, museum_kalinina.pk]]
        and merge.reason == "run 1"
    )
    do_undo(merge, "archivist")
    assert person_of("museum", "M-2") == museum_kalinina
    kalinina.refresh_from_db()
    assert kalinina.birth_year is None  # the demo gives no birth; 1882 was the museum's
    assert person_of("museum", "M-1") == rachel
