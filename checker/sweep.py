"""Which value clusters of one key cannot both hold, without trying every pair of clusters.

Amount clusters of one unit are intervals: two are incompatible exactly when one's widened
lower end lies above the other's widened upper end. Sorted by lower end, the clusters
incompatible with A above it are a suffix (found by bisection), and sorted by upper end,
those below it a prefix; so counting the incompatible pairs costs O(k log k) for k clusters,
listing them costs their number, and each cluster's nearest incompatible neighbour on
either side is found in O(log k). Date clusters (and the rare claim with both an amount
and a date) are few per key and are compared pairwise, as before.

A pair of clusters only counts when some claim of one and some claim of the other come from
different articles: the `signature` of a cluster is its article when it has just one, else
None (any partner then has a claim from another article).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from checker.intervals import comparable, compatible, widened
from checker.model import Claim


def signature(cluster: Sequence[Claim]) -> str | None:
    """The single article a cluster's claims come from, or None when there are several."""
    first = cluster[0].article
    return first if all(c.article == first for c in cluster) else None


def can_pair(a: str | None, b: str | None) -> bool:
    """True when two clusters with these signatures hold claims of two different articles."""
    return a is None or b is None or a != b


class IntervalIndex:
    """Amount clusters of one unit, sorted by each end, for incompatibility queries."""

    def __init__(self, members: list[tuple[int, float, float, str | None]]) -> None:
        # members: (cluster index, widened lower, widened upper, signature)
        self.by_lo = sorted(members, key=lambda m: (m[1], m[0]))
        self.by_hi = sorted(members, key=lambda m: (m[2], m[0]))
        self.los = [m[1] for m in self.by_lo]
        self.his = [m[2] for m in self.by_hi]
        # next_other[p]: the first position after p in by_lo whose signature differs from p's;
        # prev_other[p]: the last position before p in by_hi whose signature differs from p's.
        n = len(members)
        self.next_other = [n] * n
        for p in range(n - 2, -1, -1):
            same = self.by_lo[p + 1][3] == self.by_lo[p][3]
            self.next_other[p] = self.next_other[p + 1] if same else p + 1
        self.prev_other = [-1] * n
        for p in range(1, n):
            same = self.by_hi[p - 1][3] == self.by_hi[p][3]
            self.prev_other[p] = self.prev_other[p - 1] if same else p - 1

    def count_above(self, hi: float) -> int:
        """How many clusters lie wholly above `hi`."""
        return len(self.los) - bisect_right(self.los, hi)

    def above(self, hi: float) -> Iterator[int]:
        """The cluster indices lying wholly above `hi`."""
        for m in self.by_lo[bisect_right(self.los, hi) :]:
            yield m[0]

    def nearest_above(self, hi: float, sig: str | None) -> int | None:
        """The cluster lying wholly above `hi` nearest to it that can pair with signature `sig`."""
        p = bisect_right(self.los, hi)
        if p < len(self.by_lo) and not can_pair(sig, self.by_lo[p][3]):
            p = self.next_other[p]
        return self.by_lo[p][0] if p < len(self.by_lo) else None

    def nearest_below(self, lo: float, sig: str | None) -> int | None:
        """The cluster lying wholly below `lo` nearest to it that can pair with signature `sig`."""
        q = bisect_left(self.his, lo) - 1
        if q >= 0 and not can_pair(sig, self.by_hi[q][3]):
            q = self.prev_other[q]
        return self.by_hi[q][0] if q >= 0 else None


def _is_interval(cluster: Sequence[Claim]) -> bool:
    return cluster[0].amount is not None and cluster[0].dates is None


def _pairwise(
    clusters: Sequence[Sequence[Claim]], singles: list[int], others: list[int]
) -> Iterator[tuple[int, int]]:
    """Incompatible pairs involving a non-interval cluster, tried one by one."""
    for n, i in enumerate(others):
        partners = others[n + 1 :] + (singles if clusters[i][0].amount is not None else [])
        for j in partners:
            a, b = clusters[i][0], clusters[j][0]
            if comparable(a, b) and not compatible(a, b):
                yield (min(i, j), max(i, j))


class ClusterIndex:
    """All clusters of one key: interval indexes per unit, and the rest."""

    def __init__(self, clusters: Sequence[Sequence[Claim]]) -> None:
        self.clusters = clusters
        self.sigs = [signature(c) for c in clusters]
        self.bounds: dict[int, tuple[float, float]] = {}
        per_unit: dict[str, list[tuple[int, float, float, str | None]]] = {}
        self.others: list[int] = []
        for i, cluster in enumerate(clusters):
            if _is_interval(cluster):
                amount = cluster[0].amount
                assert amount is not None
                lo, hi = widened(amount)
                self.bounds[i] = (lo, hi)
                per_unit.setdefault(amount.unit, []).append((i, lo, hi, self.sigs[i]))
            else:
                self.others.append(i)
        self.units = {unit: IntervalIndex(members) for unit, members in per_unit.items()}
        self.unit_of = {i: clusters[i][0].amount.unit for i in self.bounds}  # type: ignore[union-attr]

    def incompatible_pairs(self, limit: int) -> list[tuple[int, int]] | None:
        """Every incompatible cluster pair (i < j), or None when there are more than `limit`."""
        total = sum(
            self.units[self.unit_of[i]].count_above(hi) for i, (_, hi) in self.bounds.items()
        )
        if total > limit:
            return None
        pairs = [
            (min(i, j), max(i, j))
            for i, (_, hi) in self.bounds.items()
            for j in self.units[self.unit_of[i]].above(hi)
        ]
        for pair in _pairwise(self.clusters, list(self.bounds), self.others):
            pairs.append(pair)
            if len(pairs) > limit:
                return None
        return sorted(set(pairs))

    def nearest_pairs(self, plan: Sequence[bool]) -> list[tuple[int, int]]:
        """For each cluster, its nearest incompatible neighbours on either side that can pair.

        Built separately among actual clusters, among plans, and between the two, so that
        every kind of conflict that exists is found (verdicts stay exact); sorted, i < j.
        """
        found: set[tuple[int, int]] = set()
        for side in (False, True):
            for other_side in (False, True):
                members: dict[str, list[tuple[int, float, float, str | None]]] = {}
                for i, (lo, hi) in self.bounds.items():
                    if plan[i] == other_side:
                        members.setdefault(self.unit_of[i], []).append((i, lo, hi, self.sigs[i]))
                indexes = {unit: IntervalIndex(m) for unit, m in members.items()}
                for i, (lo, hi) in self.bounds.items():
                    index = indexes.get(self.unit_of[i])
                    if plan[i] != side or index is None:
                        continue
                    for j in (
                        index.nearest_above(hi, self.sigs[i]),
                        index.nearest_below(lo, self.sigs[i]),
                    ):
                        if j is not None:
                            found.add((min(i, j), max(i, j)))
        found.update(_pairwise(self.clusters, list(self.bounds), self.others))
        return sorted(found)
