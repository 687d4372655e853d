"""Records into persons: strongest links first, never across an archivist's "different",
and on one middling link alone only for a record that resembles no one else in another list.

Splink's own clustering takes connected components, which has no notion of a pair that must
stay apart: one weak chain of links could join two women an archivist has already told apart,
and a 0.9 link from one record of a person to one record of her sister joins the two women.
No library we found does constrained components, so this small union-find is written by hand:
archivists' "same" decisions are joined first, then links above the threshold from the
highest match weight down. A link is skipped when it would put a known-different pair into
one person; and a link below the `sure` threshold joins two groups only when most pairs
between them (more than half) were scored at or above `agreeing`: records of one person
vouch for each other, a chain through one resemblance does not (average-linkage in spirit).
Then two groups joined by several likely links, none sure enough alone, join when the links
together reach the threshold (a museum entry that resembles both the register's and the
memory book's record of one woman). Then a record still alone joins the one person it links
to above the threshold: the majority rule keeps two persons apart, each vouched for by her own
records, but a lone record ("Jamie Cleveley, Lewisham" beside eleven records of James
Cleveley of Deptford) is vouched for by nothing else and is most likely a sparse record of the
one person it resembles; when it resembles two persons it waits for an archivist. Last, a
record still alone joins, below the threshold, the one person of another source that all its
likely links (at `agreeing` or more) go to, when most pairs between them agree and, if she
too is alone, she resembles no one else. A list names a woman once (the real list: 7 of 6,464
rows twice, beside 7 pairs of namesakes that score alike), so within one source such a link
waits for an archivist; but a museum list's record usually has its counterpart in the
register: its "Vilkova Nadezhda", no year, patronymic or place, scores 0.82 against the
register's only Вилкова Надежда, and waited with 130 true pairs like it (the Latin list's F1
at 0.9 went from 0.963 to 0.986 on one scoring, precision from 0.994 to 0.995). The rules
are measured in docs/benchmarks.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc

from alzhir.progress import Progress

Pair = tuple[str, str]
# A link this likely counts towards joining two groups together with other links between
# them (chosen on the benchmarks, 0.5 and 0.7 tried: docs/benchmarks.md).
CORROBORATING = 0.7


def cluster(
    pairs: pa.Table,
    threshold: float,
    *,
    sure: float | None = None,
    agreeing: float = 0.5,
    record_ids: Iterable[str] = (),
    known_same: Iterable[Pair] = (),
    known_different: Iterable[Pair] = (),
    progress: Progress | None = None,
) -> dict[str, str]:
    """Map each unique_id to a cluster id (the smallest unique_id in its cluster).

    `pairs` needs unique_id_l, unique_id_r, match_probability and match_weight. Links at or
    above `sure` (default: `threshold`, i.e. plain connected components) join outright; links
    between `threshold` and `sure` join when most pairs between the two groups score at least
    `agreeing`; then groups with two or more links of at least CORROBORATING that together
    reach `threshold` join, on the same condition; then a record still alone joins the one
    group it links to at `threshold` or more; then, below it, the one group of another source
    (source_l, source_r) that all its links of at least `agreeing` go to, on the same
    condition. Records named in `record_ids` but in no pair
    come back as clusters of one. `progress` counts the links as they are weighed.
    """
    progress = progress or Progress()
    sure = threshold if sure is None else sure
    clusters = _ConstrainedUnionFind(known_different)
    for uid in record_ids:
        clusters.add(uid)
    for a, b in known_same:
        clusters.union(a, b, force=True)
    guarded = sure > threshold
    scores = _scores_at_least(pairs, agreeing) if guarded else {}
    links = list(_links_strongest_first(pairs, threshold))
    for a, b, probability in progress.count(links, "clustering", "links", len(links)):
        if probability >= sure or clusters.mostly_agree(a, b, scores):
            clusters.union(a, b)
    if guarded:
        for a, b, probability in _links_strongest_first(pairs, CORROBORATING):
            if probability < threshold and clusters.corroborated(a, b, scores, threshold):
                clusters.union(a, b)
        for lone, other in _lone_records_with_one_person(clusters, links):
            clusters.union(lone, other)
        source = _source_of(pairs)
        likely = _links_strongest_first(pairs, agreeing)
        for lone, other in _lone_records_with_one_person(clusters, likely, mutual=True):
            if source.get(lone, lone) != source.get(other, lone) and clusters.mostly_agree(
                lone, other, scores
            ):
                clusters.union(lone, other)
    return clusters.labels()


def _lone_records_with_one_person(
    clusters: _ConstrainedUnionFind, links: Iterable[tuple[str, str, float]], mutual=False
) -> list[Pair]:
    """(record, a record of the person) for each record alone whose `links` all go to one
    person; `mutual`: when that person is a record alone too, her links must all come back
    (else a chain of two lone records, one middling link each, joins two namesakes)."""
    persons: dict[str, dict[str, str]] = {}
    for a, b, _probability in links:
        for lone, other in ((a, b), (b, a)):
            if clusters.size(lone) == 1:
                persons.setdefault(lone, {}).setdefault(clusters.find(other), other)
    joins = []
    for lone, found in persons.items():
        if len(found) != 1:
            continue
        (other,) = found.values()
        if mutual and clusters.size(other) == 1 and list(persons.get(other, {})) != [lone]:
            continue
        joins.append((lone, other))
    return joins


def _source_of(pairs: pa.Table) -> dict[str, str]:
    """Each record's source, where the pairs carry it (source_l, source_r)."""
    if "source_l" not in pairs.column_names:
        return {}
    found = dict(zip(pairs["unique_id_l"].to_pylist(), pairs["source_l"].to_pylist(), strict=True))
    found.update(zip(pairs["unique_id_r"].to_pylist(), pairs["source_r"].to_pylist(), strict=True))
    return found


def _links_strongest_first(pairs: pa.Table, threshold: float) -> Iterable[tuple[str, str, float]]:
    above = pairs.filter(pc.greater_equal(pairs["match_probability"], threshold))
    if above.num_rows == 0:
        return []
    ordered = above.sort_by([("match_weight", "descending")])
    return zip(
        ordered["unique_id_l"].to_pylist(),
        ordered["unique_id_r"].to_pylist(),
        ordered["match_probability"].to_pylist(),
        strict=True,
    )


def _scores_at_least(pairs: pa.Table, probability: float) -> dict[Pair, float]:
    kept = pairs.filter(pc.greater_equal(pairs["match_probability"], probability))
    left, right = kept["unique_id_l"].to_pylist(), kept["unique_id_r"].to_pylist()
    return {
        ((a, b) if a <= b else (b, a)): p
        for a, b, p in zip(left, right, kept["match_probability"].to_pylist(), strict=True)
    }


class _ConstrainedUnionFind:
    """Union-find whose groups may be kept apart. A record alone holds only its parent entry:
    a million records each with its own set and list of members took 7 s of a linkage run's
    18 s of clustering (py-spy, `bench/link_registry_bench.py`), most of them never joined."""

    def __init__(self, cannot_link: Iterable[Pair]):
        self._parent: dict[str, str] = {}
        self._apart: dict[str, set[str]] = {}  # roots with records they must not join
        self._members: dict[str, list[str]] = {}  # roots of groups of two or more
        for a, b in cannot_link:
            self._apart.setdefault(self.find(a), set()).add(b)
            self._apart.setdefault(self.find(b), set()).add(a)

    def add(self, uid: str) -> None:
        self._parent.setdefault(uid, uid)

    def find(self, uid: str) -> str:
        root = self._parent.setdefault(uid, uid)
        if root == uid:
            return uid
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[uid] != root:
            self._parent[uid], uid = root, self._parent[uid]
        return root

    def union(self, a: str, b: str, force: bool = False) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if not force and self._kept_apart(root_a, root_b):
            return False
        if len(self._apart.get(root_a, ())) < len(self._apart.get(root_b, ())):
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        if root_b in self._apart:
            self._apart.setdefault(root_a, set()).update(self._apart.pop(root_b))
        self._members[root_a] = self._group(root_a) + (self._members.pop(root_b, None) or [root_b])
        return True

    def size(self, uid: str) -> int:
        return len(self._group(self.find(uid)))

    def mostly_agree(self, a: str, b: str, scores: dict[Pair, float]) -> bool:
        """More than half the record pairs between a's group and b's are in `scores`."""
        return _mostly(self._cross(a, b, scores))

    def corroborated(self, a: str, b: str, scores: dict[Pair, float], threshold: float) -> bool:
        """Two or more likely links between the groups that together (as independent
        evidence) reach `threshold`, and the groups mostly agree."""
        cross = self._cross(a, b, scores)
        likely = [p for p in cross if p >= CORROBORATING]
        together = 1 - math.prod(1 - p for p in likely)
        return len(likely) >= 2 and together >= threshold and _mostly(cross)

    def _group(self, root: str) -> list[str]:
        return self._members.get(root) or [root]

    def _cross(self, a: str, b: str, scores: dict[Pair, float]) -> list[float]:
        """The score of every record pair between a's group and b's (0 when not in `scores`)."""
        left, right = self._group(self.find(a)), self._group(self.find(b))
        return [scores.get((x, y) if x <= y else (y, x), 0.0) for x in left for y in right]

    def _kept_apart(self, root_a: str, root_b: str) -> bool:
        # A root's set holds members of other clusters it must not join (any member, so
        # resolve each through find: those clusters may have grown since).
        smaller, other = sorted((root_a, root_b), key=lambda r: len(self._apart.get(r, ())))
        return any(self.find(uid) == other for uid in self._apart.get(smaller, ()))

    def labels(self) -> dict[str, str]:
        labels = {uid: uid for uid in self._parent}
        for group in self._members.values():
            smallest = min(group)
            labels.update(dict.fromkeys(group, smallest))
        return labels


def _mostly(cross: list[float]) -> bool:
    return 2 * sum(p > 0 for p in cross) > len(cross)
