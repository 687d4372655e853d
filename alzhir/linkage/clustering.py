"""Records into persons: strongest links first, never across an archivist's "different".

Splink's own clustering takes connected components, which has no notion of a pair that must
stay apart: one weak chain of links could join two women an archivist has already told apart.
No library we found does constrained components, so this small union-find is written by hand:
archivists' "same" decisions are joined first, then links above the threshold from the
highest match weight down, and a link is skipped when it would put a known-different pair into
one person.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc

Pair = tuple[str, str]


def cluster(
    pairs: pa.Table,
    threshold: float,
    *,
    record_ids: Iterable[str] = (),
    known_same: Iterable[Pair] = (),
    known_different: Iterable[Pair] = (),
) -> dict[str, str]:
    """Map each unique_id to a cluster id (the smallest unique_id in its cluster).

    `pairs` needs unique_id_l, unique_id_r, match_probability and match_weight. Records named
    in `record_ids` but in no pair come back as clusters of one.
    """
    clusters = _ConstrainedUnionFind(known_different)
    for uid in record_ids:
        clusters.add(uid)
    for a, b in known_same:
        clusters.union(a, b, force=True)
    for a, b in _links_strongest_first(pairs, threshold):
        clusters.union(a, b)
    return clusters.labels()


def _links_strongest_first(pairs: pa.Table, threshold: float) -> Iterable[Pair]:
    above = pairs.filter(pc.greater_equal(pairs["match_probability"], threshold))
    if above.num_rows == 0:
        return []
    ordered = above.sort_by([("match_weight", "descending")])
    return zip(ordered["unique_id_l"].to_pylist(), ordered["unique_id_r"].to_pylist(), strict=True)


class _ConstrainedUnionFind:
    def __init__(self, cannot_link: Iterable[Pair]):
        self._parent: dict[str, str] = {}
        self._apart: dict[str, set[str]] = {}
        for a, b in cannot_link:
            self.add(a)
            self.add(b)
            self._apart[a].add(b)
            self._apart[b].add(a)

    def add(self, uid: str) -> None:
        if uid not in self._parent:
            self._parent[uid] = uid
            self._apart[uid] = set()

    def find(self, uid: str) -> str:
        self.add(uid)
        root = uid
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
        if len(self._apart[root_a]) < len(self._apart[root_b]):
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        self._apart[root_a] |= self._apart.pop(root_b)
        return True

    def _kept_apart(self, root_a: str, root_b: str) -> bool:
        # A root's set holds members of other clusters it must not join (any member, so
        # resolve each through find: those clusters may have grown since).
        smaller, other = sorted((root_a, root_b), key=lambda r: len(self._apart[r]))
        return any(self.find(uid) == other for uid in self._apart[smaller])

    def labels(self) -> dict[str, str]:
        members: dict[str, list[str]] = {}
        for uid in self._parent:
            members.setdefault(self.find(uid), []).append(uid)
        return {uid: min(group) for group in members.values() for uid in group}
