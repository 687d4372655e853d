"""A linkage run's effect on the registry (alzhir.linkage scores, this writes): the run kept
with its model, the persons of each sure cluster merged (each merge its own audited change, as
`do_merge_groups` writes them), and uncertain pairs queued for review. Archivists' verdicts are
labels the run was given and never overrides."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from alzhir.progress import Progress
from alzhir.registry.actions.base import audit, declare
from alzhir.registry.actions.persons import do_merge_groups
from alzhir.registry.models import LinkageRun, MatchProposal, ProposalStatus, Record

REVIEW_CHUNK = 2000

declare(
    "linkage_run",
    "registry.add_linkagerun",
    "not undone as a whole: each of its merges is undone on its own; its review items wait "
    "in the queue for a verdict",
)


@transaction.atomic
def do_apply_linkage(
    *,
    actor: str,
    backend: str,
    settings: dict,
    parameters: dict,
    clusters: dict[str, str],
    to_review: list[dict],
    summary: dict,
    progress: Progress | None = None,
) -> dict:
    """Keep the run, merge its clusters, queue its review items; returns the run's summary.
    `progress` hears the steps and counts the long ones."""
    progress = progress or Progress(shown=False)
    run = LinkageRun.objects.create(
        started_by=actor, kind="duplicates", backend=backend, settings=settings,
        parameters=parameters,
    )  # fmt: skip
    merges = _apply_clusters(clusters, run, actor, progress)
    progress.say(f"queueing {len(to_review)} pairs for review")
    queued = _queue_reviews(to_review, run)
    run.summary = {**summary, "merges": merges, "review_items_queued": queued}
    run.finished_at = timezone.now()
    run.save(update_fields=["summary", "finished_at"])
    audit(actor, "linkage_run", "linkage_run", run.pk, new=run.summary)
    return run.summary


def _apply_clusters(clusters: dict[str, str], run, actor, progress: Progress) -> int:
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
    return do_merge_groups(groups, actor, reason=f"linkage run {run.pk}", progress=progress)


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
