"""Run the linker over the registry and apply what it is sure of, through the registry's
actions: sure pairs merge persons, uncertain pairs become review items, and archivists'
decisions (and records already joined in one person) are labels no run overrides."""

from collections import defaultdict
from itertools import combinations

from django.db import transaction
from django.utils import timezone

from alzhir.linkage.run import link_records
from alzhir.linkage.settings import LinkageSettings
from alzhir.registry import actions
from alzhir.registry.models import (
    Event,
    EventType,
    LinkageRun,
    MatchProposal,
    Name,
    ProposalStatus,
    Record,
    Source,
)
from alzhir.registry.queries import RowsByRecord

CAMP_EVENTS = (EventType.CAMP_ARRIVAL, EventType.CAMP_TRANSFER)
REVIEW_CHUNK = 2000


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


def run_duplicate_linkage(backend="duckdb", actor="cli", progress=None, linkage=None) -> dict:
    """Train, score and apply. Returns the run's summary (pairs scored, links, review items)."""
    linkage = linkage or LinkageSettings()
    same, different = _labels()
    result = link_records(
        record_features_input(),
        backend=backend,
        linkage=linkage,
        known_same=same,
        known_different=different,
        progress=progress,
    )
    with transaction.atomic():
        run = LinkageRun.objects.create(
            started_by=actor,
            kind="duplicates",
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
        )
        merges = _apply_clusters(result.clusters, run, actor)
        queued = _queue_reviews(result.to_review, run)
        run.summary = {**result.summary, "merges": merges, "review_items_queued": queued}
        run.finished_at = timezone.now()
        run.save(update_fields=["summary", "finished_at"])
        actions.audit(actor, "linkage_run", "linkage_run", run.pk, new=run.summary)
    return run.summary


def _apply_clusters(clusters: dict[str, str], run, actor) -> int:
    """Merge the persons of each cluster into the one with the lowest id (the oldest)."""
    # Every current record, not an IN list of the run's: SQLite refuses a query with more than
    # 250,000 parameters, and the run saw every current record anyway.
    person_of = dict(
        Record.objects.filter(person__merged_into=None)
        .values_list("pk", "person")
        .iterator(chunk_size=50_000)
    )
    persons_by_cluster = defaultdict(set)
    for record, cluster in clusters.items():
        # a record whose person was merged away since the run read it waits for the next run
        if (person := person_of.get(int(record))) is not None:
            persons_by_cluster[cluster].add(person)
    groups = [sorted(p) for p in persons_by_cluster.values() if len(p) > 1]
    return actions.do_merge_groups(groups, actor, reason=f"linkage run {run.pk}")


def _queue_reviews(pairs, run) -> int:
    """New review items; a pair an archivist already decided is never asked about again, and
    one still waiting takes this run's score and explanation."""
    wanted = {tuple(sorted((int(p["unique_id_l"]), int(p["unique_id_r"])))): p for p in pairs}
    waiting = []
    records = sorted({r for pair in wanted for r in pair})
    for start in range(0, len(records), REVIEW_CHUNK):
        known = MatchProposal.objects.filter(record_a__in=records[start : start + REVIEW_CHUNK])
        for proposal in known.only("pk", "record_a", "record_b", "status"):
            pair = wanted.pop((proposal.record_a_id, proposal.record_b_id), None)
            if pair is not None and proposal.status == ProposalStatus.PROPOSED:
                proposal.run, proposal.score = run, pair["match_probability"]
                proposal.match_weight, proposal.explanation = pair["match_weight"], pair["why"]
                waiting.append(proposal)
    MatchProposal.objects.bulk_update(
        waiting, ["run", "score", "match_weight", "explanation"], batch_size=REVIEW_CHUNK
    )
    MatchProposal.objects.bulk_create(
        [
            MatchProposal(
                record_a_id=a,
                record_b_id=b,
                run=run,
                score=pair["match_probability"],
                match_weight=pair["match_weight"],
                explanation=pair["why"],
            )
            for (a, b), pair in wanted.items()
        ],
        batch_size=REVIEW_CHUNK,
    )
    return len(wanted)
