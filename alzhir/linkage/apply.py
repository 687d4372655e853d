"""Run the linker over the registry and apply what it is sure of, through the registry's
action (alzhir.registry.actions.do_apply_linkage): sure pairs merge persons, uncertain pairs
become review items, and archivists' decisions (and records already joined in one person) are
labels no run overrides. This module only reads."""

from collections import defaultdict
from itertools import combinations

from alzhir.ingest.readers import Rows
from alzhir.linkage.run import link_records
from alzhir.linkage.settings import LinkageSettings
from alzhir.progress import Progress
from alzhir.registry import actions
from alzhir.registry.models import (
    Event,
    EventType,
    MatchProposal,
    Name,
    ProposalStatus,
    Record,
    Source,
)
from alzhir.registry.queries import RowsByRecord

CAMP_EVENTS = (EventType.CAMP_ARRIVAL, EventType.CAMP_TRANSFER)


def record_features_input():
    """One dict per record of a current person, in the form prepare_features reads.

    Read as three flat streams in record order (records, their names, their camp and sentence
    events) and joined here: model instances with prefetches cost a million-record registry
    most of its linkage time.
    """
    current = Record.objects.filter(person__merged_into=None)
    sources = dict(Source.objects.values_list("pk", "name"))
    names = RowsByRecord(
        Name.objects.filter(record__person__merged_into=None)
        .order_by("record_id", "pk")
        .values_list("record_id", "surname", "given_name", "patronymic", "full_text")
        .iterator(chunk_size=20_000)
    )
    events = RowsByRecord(
        Event.objects.filter(
            record__person__merged_into=None, type__in=[*CAMP_EVENTS, EventType.SENTENCE]
        )
        .order_by("record_id", "pk")
        .values_list("record_id", "type", "date_edtf", "place__key")
        .iterator(chunk_size=20_000)
    )
    rows = current.order_by("pk").values_list("pk", "source_id", "sex", "birth_edtf", "fields")
    for pk, source_id, sex, birth_edtf, fields in rows.iterator(chunk_size=20_000):
        name = next(iter(names.take(pk)), None)
        record_events = events.take(pk)
        arrival = next((e for e in record_events if e[1] in CAMP_EVENTS), None)
        sentence = next((e for e in record_events if e[1] == EventType.SENTENCE), None)
        fields = fields or {}
        _, surname, given_name, patronymic, full_text = name or (None, "", "", "", "")
        yield {
            "unique_id": str(pk),
            "source": sources[source_id],
            "surname": surname,
            "given_name": given_name,
            "patronymic": patronymic,
            "full_name": full_text,
            "sex": sex,
            "birth_date": birth_edtf,
            "birth_place": fields.get("birth_place", ""),
            "residence": fields.get("residence", ""),
            "occupation": fields.get("occupation", ""),
            "camp": (arrival[3] if arrival else "") or fields.get("camp", ""),
            "sentence_date": sentence[2] if sentence else "",
            "arrival_date": arrival[2] if arrival else "",
        }


def _labels():
    """Archivists' verdicts, plus every pair of records already joined in one person."""
    same, different = [], []
    for a, b, status in MatchProposal.objects.exclude(status=ProposalStatus.PROPOSED).values_list(
        "record_a", "record_b", "status"
    ):
        (same if status == ProposalStatus.CONFIRMED else different).append((str(a), str(b)))
    members = defaultdict(list)
    for pk, person in Record.objects.filter(person__merged_into=None).values_list("pk", "person"):
        members[person].append(str(pk))
    for records in members.values():
        same += list(combinations(sorted(records), 2))
    return same, different


def run_duplicate_linkage(
    backend="duckdb", actor="cli", progress: Progress | None = None, linkage=None
) -> dict:
    """Train, score, and apply through the registry's action. Returns the run's summary
    (pairs scored, links, merges, review items)."""
    linkage = linkage or LinkageSettings()
    progress = progress or Progress()
    same, different = _labels()
    current = Record.objects.filter(person__merged_into=None).count()
    result = link_records(
        Rows(record_features_input, current),
        backend=backend,
        linkage=linkage,
        known_same=same,
        known_different=different,
        progress=progress,
    )
    progress.say("applying")
    return actions.do_apply_linkage(
        actor=actor,
        backend=backend,
        settings={"model": result.model.splink_model, "trained_at": result.model.trained_at},
        parameters={
            "sure_threshold": linkage.sure_threshold,
            "apply_threshold": linkage.apply_threshold,
            "review_threshold": linkage.review_threshold,
            "labels_same": len(same),
            "labels_different": len(different),
            "data": result.model.data,
        },
        clusters=result.clusters,
        to_review=result.to_review,
        summary=result.summary,
        progress=progress,
    )
