"""`alzhir link` on the real ALZHIR list: the registry merges what is sure, queues what is not,
and never overrides an archivist."""

import pytest

from alzhir.cli import main
from alzhir.ingest.importer import import_file
from alzhir.registry.actions import do_decide_match, do_undo
from alzhir.registry.models import AuditEntry, MatchProposal, Person, Record

SAME_WOMAN = [(279, 280), (409, 410), (832, 833), (3989, 3990), (4400, 4401), (4901, 4902),
              (5717, 5718)]  # fmt: skip
NAMESAKES = [(179, 180), (219, 220), (2011, 2012), (2229, 2230), (4032, 4033), (5554, 5555),
             (5856, 5857)]  # fmt: skip


def person_of(row: int) -> int:
    return Record.objects.get(source__name="algir", record_id=str(row)).person_id


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_linking_the_real_list_respects_the_archivist(algir_csv, capsys):
    import_file(algir_csv, source_name="algir", profile="memorial", progress=False)
    assert main(["link"]) == 0
    assert "merges applied" in capsys.readouterr().out

    for a, b in SAME_WOMAN:
        assert person_of(a) == person_of(b), f"rows {a} and {b} are one woman"
    for a, b in NAMESAKES:
        assert person_of(a) != person_of(b), f"rows {a} and {b} are namesakes"

    # The archivist says a queued namesake pair is two women; a rerun keeps them apart.
    anderson = MatchProposal.objects.get(
        record_a__record_id="179", record_b__record_id="180", status="proposed"
    )
    do_decide_match(anderson, "different", "archivist")
    # ... and undoes one of the machine's merges, then says the pair is different.
    merge = AuditEntry.objects.filter(action="merge_persons").get(object_id=str(person_of(279)))
    do_undo(merge, "archivist")
    assert person_of(279) != person_of(280)
    rejected = MatchProposal.objects.create(
        record_a=Record.objects.get(record_id="279"),
        record_b=Record.objects.get(record_id="280"),
        status="proposed",
    )
    do_decide_match(rejected, "different", "archivist")

    assert main(["link"]) == 0
    assert person_of(179) != person_of(180)
    assert person_of(279) != person_of(280)
    assert person_of(409) == person_of(410)
    anderson.refresh_from_db()
    assert anderson.status == "rejected" and anderson.decided_by == "archivist"
    # Merged-away persons keep their ids and point to where their records went.
    merged = Person.objects.exclude(merged_into=None)
    assert merged.exists() and not Record.objects.filter(person__in=merged).exists()


def test_link_refuses_a_review_band_above_the_apply_threshold(capsys):
    assert main(["link", "--apply-threshold", "0.8", "--review-threshold", "0.9"]) == 2
    assert "--review-threshold <= --apply-threshold" in capsys.readouterr().err
    assert main(["link", "--apply-threshold", "0.995", "--sure-threshold", "0.99"]) == 2
    assert "--apply-threshold <= --sure-threshold" in capsys.readouterr().err


def test_link_help_states_the_engines_own_default_thresholds(capsys):
    from alzhir.linkage.settings import LinkageSettings

    with pytest.raises(SystemExit):
        main(["link", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    defaults = LinkageSettings()
    assert f"(default {defaults.sure_threshold})" in shown
    assert f"(default {defaults.apply_threshold})" in shown
    assert f"(default {defaults.review_threshold})" in shown
