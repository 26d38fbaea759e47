"""--engine dask: extraction and comparison on a Dask cluster (the `claimcheck[dask]` extra).

Extraction: the stream sends each batch of articles to the cluster as one task (rule ids
go along, and each worker loads the registry itself), at most a window of batches at once,
so the texts are never all in memory on this side; results come back in order. Why not a
dask.bag of all batches: a bag is built from the whole sequence, which would hold every
article's text here before the first task ran.

Comparison: the claims become a dask.bag, grouped by key on the cluster, and each group is
compared there with the same `compare_group` the local engine uses; the findings are sorted
as `compare` sorts them, so the report is identical to the local engine's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checker.batch import check_batch
from checker.compare import compare_group, comparison_entries
from checker.fx import FxTable
from checker.model import Article, Claim, Finding
from checker.rule import Rule

CLAIMS_PER_PARTITION = 20_000


def connect(scheduler: str | None, jobs: int) -> Any:
    """A client of the cluster at `scheduler`, else of a new local cluster of `jobs` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError("--engine dask needs Dask: pip install 'claimcheck[dask]'") from exc
    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(
        n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = Client(cluster)
    client.own_cluster = cluster  # closed with the client
    return client


def close(client: Any) -> None:
    """Close the client, and the local cluster it started, if any."""
    cluster = getattr(client, "own_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


class DaskExtractor:
    """Sends batches of articles to the cluster; each result is a distributed Future."""

    # Articles go out, not files: the report entries are rendered here, after the last batch.
    spreads = False

    def __init__(self, client: Any, rules: Sequence[Rule]) -> None:
        self.client = client
        self.rule_ids = tuple(r.id for r in rules)

    def submit(self, articles: list[Article], contexts: bool = True) -> Any:
        """One task per batch: check_batch(articles, rule ids) on some worker."""
        return self.client.submit(check_batch, articles, self.rule_ids, contexts, pure=False)

    def flush(self) -> None:
        """Nothing is held back."""

    def close(self) -> None:
        """The client is closed by the run."""


def _key_of(entry: tuple[Claim, Claim]) -> str:
    return str(entry[0].key)


def _compare_pair(
    item: tuple[str, list[tuple[Claim, Claim]]], fx: FxTable | None
) -> Finding | None:
    _, entries = item
    compared = [c for c, _ in entries]
    return compare_group(compared[0].key, compared, fx, [o for _, o in entries])


def compare_on_dask(
    client: Any, claims: Sequence[Claim], fx: FxTable | None = None
) -> list[Finding]:
    """`compare(claims, fx)`, with the grouping by key and the comparisons done on the cluster."""
    import dask.bag as db

    if not claims:
        return []
    partitions = max(1, min(len(claims) // CLAIMS_PER_PARTITION + 1, 64))
    bag = db.from_sequence(list(comparison_entries(claims)), npartitions=partitions)
    grouped = bag.groupby(_key_of, shuffle="tasks")
    found = grouped.map(_compare_pair, fx).filter(lambda f: f is not None)
    findings: list[Finding] = found.compute(scheduler=client)
    return sorted(findings, key=lambda f: (str(f.key), f.id))
