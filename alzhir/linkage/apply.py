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
    EventType,
    LinkageRun,
    MatchProposal,
    ProposalStatus,
    Record,
)

CAMP_EVENTS = (EventType.CAMP_ARRIVAL, EventType.CAMP_TRANSFER)


def record_features_input(records=None):
    """One dict a record in the form alzhir.linkage.prepare_features reads."""
    records = records or Record.objects.filter(person__merged_into=None)
    records = records.select_related("source").prefetch_related("names", "events__place")
    for record in records.order_by("pk").iterator(chunk_size=5000):
        name = next(iter(record.names.all()), None)
        events = list(record.events.all())
        arrival = next((e for e in events if e.type in CAMP_EVENTS), None)
        sentence = next((e for e in events if e.type == EventType.SENTENCE), None)
        yield {
            "unique_id": str(record.pk),
            "source": record.source.name,
            "surname": name.surname if name else "",
            "given_name": name.given_name if name else "",
            "patronymic": name.patronymic if name else "",
            "full_name": name.full_text if name else "",
            "sex": record.sex,
            "birth_date": record.birth_edtf,
            "birth_place": record.fields.get("birth_place", ""),
            "residence": record.fields.get("residence", ""),
            "camp": (arrival.place.key if arrival and arrival.place else "")
            or record.fields.get("camp", ""),
            "sentence_date": sentence.date_edtf if sentence else "",
            "arrival_date": arrival.date_edtf if arrival else "",
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
    person_of = dict(
        Record.objects.filter(pk__in=[int(r) for r in clusters]).values_list("pk", "person")
    )
    persons_by_cluster = defaultdict(set)
    for record, cluster in clusters.items():
        persons_by_cluster[cluster].add(person_of[int(record)])
    groups = [sorted(p) for p in persons_by_cluster.values() if len(p) > 1]
    return actions.do_merge_groups(groups, actor, reason=f"linkage run {run.pk}")


def _queue_reviews(pairs, run) -> int:
    """New review items; a pair an archivist already decided is never asked about again."""
    queued = 0
    for pair in pairs:
        a, b = sorted((int(pair["unique_id_l"]), int(pair["unique_id_r"])))
        proposal, created = MatchProposal.objects.get_or_create(
            record_a_id=a,
            record_b_id=b,
            defaults={
                "run": run,
                "score": pair["match_probability"],
                "match_weight": pair["match_weight"],
                "explanation": pair["why"],
            },
        )
        if not created and proposal.status == ProposalStatus.PROPOSED:
            proposal.run, proposal.score = run, pair["match_probability"]
            proposal.match_weight, proposal.explanation = pair["match_weight"], pair["why"]
            proposal.save(update_fields=["run", "score", "match_weight", "explanation"])
        queued += created
    return queued
