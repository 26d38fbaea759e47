"""Ingest -> cache -> extract as one ordered stream: texts are read, checked and dropped.

Articles come from ingest one at a time. Each chunk of them is looked up in the cache in
one query; the misses are gathered into batches for the extractor, at most `window`
batches in flight. Results leave in the order ingest gave the articles, whichever batch or
cache row they came from, so a run gives the same claims in the same order with any
number of jobs, engine or cache state. What is kept per article is its ArticleInfo, its
claims, problems and claim contexts; the text goes with the batch once it is checked.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from checker.batch import ArticleResult
from checker.cache import ClaimCache, article_key
from checker.model import Article, Claim, Skipped
from checker.pool import Extractor
from checker.report.build import ArticleInfo, ClaimContext
from checker.suppress import is_turned_off

LOOKUP_CHUNK = 256  # articles per cache query
BATCH_SIZE = 16  # articles per extraction batch: small enough to spread, big enough to amortise


@dataclass(slots=True)
class Collected:
    """What the stream keeps: one ArticleInfo per article, and the claims with their contexts."""

    articles: list[ArticleInfo] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    contexts: dict[str, ClaimContext] = field(default_factory=dict)
    extracted: int = 0  # articles the rules ran on in this run (the rest came from the cache)

    def add(self, info: ArticleInfo, result: ArticleResult) -> None:
        """Keep one article's result."""
        self.articles.append(info)
        self.claims.extend(result.claims)
        self.contexts.update((c.id, x) for c, x in zip(result.claims, result.contexts, strict=True))
        self.skipped.extend(result.problems)


@dataclass(slots=True)
class _Batch:
    """Articles sent to the extractor together; the texts are dropped once results are in."""

    articles: list[Article] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)
    future: Any = None
    results: list[ArticleResult] | None = None

    def collect(self, cache: ClaimCache | None) -> list[ArticleResult]:
        """Wait for the results (once), store them in the cache, and drop the texts."""
        if self.results is None:
            self.results = self.future.result()
            if cache is not None:
                cache.store(
                    [(k, a, r) for k, a, r in zip(self.keys, self.articles, self.results, strict=True) if k]
                )
            self.articles = []
        return self.results


@dataclass(slots=True)
class _Slot:
    """One item of the stream in ingest order: a Skipped, a cached result, or a place in a batch."""

    skipped: Skipped | None = None
    info: ArticleInfo | None = None
    result: ArticleResult | None = None
    batch: _Batch | None = None
    index: int = 0


def _chunks(items: Iterable[Article | Skipped], size: int) -> Iterator[list[Article | Skipped]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def check_stream(
    items: Iterable[Article | Skipped],
    rules: Sequence[Any],
    extractor: Extractor,
    cache: ClaimCache | None = None,
    version: str = "",
    window: int = 8,
    progress: Callable[[ArticleInfo], None] | None = None,
) -> Collected:
    """Check every article of the stream (from the cache where it can) and keep the results in order."""
    out = Collected()
    rule_ids = [r.id for r in rules]
    slots: deque[_Slot] = deque()
    in_flight: deque[_Batch] = deque()
    batch = _Batch()

    def emit(slot: _Slot) -> None:
        if slot.skipped is not None:
            out.skipped.append(slot.skipped)
            return
        result = slot.result if slot.batch is None else slot.batch.collect(cache)[slot.index]
        assert slot.info is not None and result is not None
        out.add(slot.info, result)
        if progress:
            progress(slot.info)

    def drain(block: bool) -> None:
        while slots:
            head = slots[0]
            if head.info is not None and head.result is None and head.batch is None:
                break  # not yet looked up
            if head.batch is not None and head.batch.results is None:
                if head.batch.future is None or not (block or head.batch.future.done()):
                    break
            emit(slots.popleft())
        # Batches whose results are in hold no text any more: they no longer count.
        while in_flight and in_flight[0].results is not None:
            in_flight.popleft()

    def send(full: _Batch) -> None:
        full.future = extractor.submit(full.articles)
        in_flight.append(full)
        while len(in_flight) > window:  # bound the texts in memory: wait for the oldest batch
            in_flight[0].collect(cache)
            drain(block=False)

    for chunk in _chunks(items, LOOKUP_CHUNK):
        waiting: list[tuple[_Slot, str | None, Article]] = []
        for item in chunk:
            if isinstance(item, Skipped):
                slots.append(_Slot(skipped=item))
            elif is_turned_off(item.text):
                slots.append(
                    _Slot(
                        skipped=Skipped(
                            item.id, "turned off by <!-- claimcheck: off -->", fatal=False
                        )
                    )
                )
            else:
                key = article_key(version, rule_ids, item) if cache is not None else None
                slots.append(_Slot(info=ArticleInfo.of(item)))
                waiting.append((slots[-1], key, item))
        hits = cache.lookup([(k, a) for _, k, a in waiting if k]) if cache is not None else {}
        for slot, key, article in waiting:
            hit = hits.get(key) if key else None
            if hit is not None:
                slot.result = hit
                continue
            slot.batch, slot.index = batch, len(batch.articles)
            batch.articles.append(article)
            batch.keys.append(key)
            out.extracted += 1
            if len(batch.articles) >= BATCH_SIZE:
                send(batch)
                batch = _Batch()
        drain(block=False)
    if batch.articles:
        send(batch)
    extractor.flush()
    drain(block=True)
    return out
