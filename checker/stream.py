"""Ingest -> cache -> extract as one ordered stream: texts are read, checked and dropped.

Items come one at a time: Articles read by ingest here, or FileJobs, corpus files that the
extractor's workers read, decode and date themselves (so that only paths go out and only
claims come back). Each chunk of them is looked up in the cache in one query (a FileJob
by its path, size and mtime: an unchanged file is not read at all); the misses are gathered
into batches for the extractor, at most `window` batches in flight. Results leave in the
order ingest gave the articles, whichever batch or cache row they came from, so a run gives
the same claims in the same order with any number of jobs, engine or cache state. What is kept per article is its ArticleInfo, its
claims, problems and claim contexts; the text goes with the batch once it is checked.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from checker.batch import ArticleResult, FileCheck, FileJob, FileOutput
from checker.cache import ClaimCache, article_key, file_key
from checker.claim_blocks import ClaimBlocks
from checker.codec import CachedClaims
from checker.ingest import DEFAULT_MAX_BYTES
from checker.model import Article, Claim, Skipped
from checker.pool import Extractor
from checker.report.build import ArticleInfo, ClaimContext
from checker.report.entries import ClaimEntries
from checker.report.json import article_entries

LOOKUP_CHUNK = 256  # articles per cache query
BATCH_SIZE = 16  # articles per extraction batch: small enough to spread, big enough to amortise


@dataclass(slots=True)
class Collected:
    """What the stream keeps: one ArticleInfo per article, and the claims with their contexts."""

    articles: list[ArticleInfo] = field(default_factory=list)
    # Article by article; claims from the cache are read back only when asked for.
    claims: ClaimBlocks = field(default_factory=ClaimBlocks)
    skipped: list[Skipped] = field(default_factory=list)
    # Per article with claims, its claims' contexts: in step with `claims`, article by
    # article. Those from the cache are decoded only if read (see cache.CachedContexts).
    contexts: list[Sequence[ClaimContext]] = field(default_factory=list)
    extracted: int = 0  # articles the rules ran on in this run (the rest came from the cache)
    # One object for each equal key and date span: claims arrive as separate copies from
    # workers, and a large run keeps hundreds of thousands of them. (Claims read back from
    # the cache share them already, through the codec's caches of keys and spans.)
    shared: dict[Any, Any] = field(default_factory=dict)
    # The claims' JSON report entries, kept when a cache is used (it stores them anyway).
    entries: ClaimEntries | None = None

    def add(self, info: ArticleInfo, result: ArticleResult, rendered: bytes | None = None) -> None:
        """Keep one article's result, and its claims' report entries when they are kept."""
        if self.entries is not None:
            if rendered is None:
                rendered = article_entries([result.claims])[0]
            self.entries.add(rendered, len(result.claims))
        self.articles.append(info)
        if type(result.claims) is not CachedClaims:
            shared = self.shared
            for c in result.claims:
                key = shared.setdefault(c.key, c.key)
                if key is not c.key:
                    object.__setattr__(c, "key", key)  # equal and immutable: only memory changes
                if c.dates is not None:
                    dates = shared.setdefault(c.dates, c.dates)
                    if dates is not c.dates:
                        object.__setattr__(c, "dates", dates)
        self.claims.add(result.claims)
        if result.claims:
            self.contexts.append(result.contexts)
        self.skipped.extend(result.problems)

    def lazy_cited_contexts(self, cited: Iterable[Claim]) -> Mapping[str, ClaimContext]:
        """cited_contexts, worked out when first read: only the HTML report and review read
        them, and finding them hashes every cited claim's id."""
        return _CitedContexts(Collected(claims=self.claims, contexts=self.contexts), list(cited))

    def cited_contexts(self, cited: Iterable[Claim]) -> dict[str, ClaimContext]:
        """The contexts of the cited claims (those of the findings), by claim id."""
        cited = list(cited)
        # Findings hold the very claims kept here: found by identity, no id is worked out
        # for a claim no finding cites. Findings made of copies (from Dask) go by id.
        objects = {id(c) for c in cited}
        at = {id(c): (block, i) for c, block, i in self._placed() if id(c) in objects}
        if len(at) == len(objects):
            found = {}
            for c in cited:
                block, i = at[id(c)]
                found[c.id] = block[i]
            return found
        ids = {c.id for c in cited}
        return {cid: block[i] for c, block, i in self._placed() if (cid := c.id) in ids}

    def _placed(self) -> Iterator[tuple[Claim, Sequence[ClaimContext], int]]:
        """Each claim with its article's contexts and its place among them."""
        if sum(map(len, self.contexts)) != len(self.claims):
            raise ValueError("claims and contexts are out of step")
        claims = iter(self.claims)
        for block in self.contexts:
            for i, c in enumerate(islice(claims, len(block))):
                yield c, block, i


class _CitedContexts(Mapping[str, ClaimContext]):
    """The contexts of the cited claims by claim id, found on first use."""

    def __init__(self, collected: Collected, cited: list[Claim]) -> None:
        self._source: tuple[Collected, list[Claim]] | None = (collected, cited)
        self._found: dict[str, ClaimContext] = {}

    def _contexts(self) -> dict[str, ClaimContext]:
        source = self._source  # read once: two threads may ask at the same time
        if source is not None:
            self._found = source[0].cited_contexts(source[1])
            self._source = None  # the other claims' contexts can go now
        return self._found

    def __getitem__(self, claim_id: str) -> ClaimContext:
        return self._contexts()[claim_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._contexts())

    def __len__(self) -> int:
        return len(self._contexts())


@dataclass(slots=True)
class _Batch:
    """Articles (or files) sent to the extractor together; texts are dropped once results are in."""

    articles: list[Article] = field(default_factory=list)
    jobs: list[FileJob] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)  # cache keys, of articles or files
    future: Any = None
    results: list[Any] | None = None  # ArticleResult per article, or FileOutput per file
    # Report entries: bytes per article, or per file a list of bytes, one per article read.
    rendered: list[Any] | None = None

    def __len__(self) -> int:
        return len(self.articles) + len(self.jobs)

    def collect(self, cache: ClaimCache | None, render: bool = False) -> list[Any]:
        """Wait for the results (once), store them in the cache, and drop the texts.

        `render`: keep the claims' report entries (the cache stores them anyway).
        """
        if self.results is None:
            self.results = self.future.result()
            if self.jobs and (cache is not None or render):
                self.rendered = _rendered_files(self.results)
            elif cache is not None or render:
                self.rendered = article_entries([r.claims for r in self.results])
            if cache is not None and self.jobs:
                cache.store_files(
                    [
                        (j, k, r, t)
                        for j, k, r, t in zip(
                            self.jobs, self.keys, self.results, self.rendered, strict=True
                        )
                        if k
                    ]
                )
            elif cache is not None:
                cache.store(
                    [
                        (k, a, r, t)
                        for k, a, r, t in zip(
                            self.keys, self.articles, self.results, self.rendered, strict=True
                        )
                        if k
                    ]
                )
            self.articles = []
            self.jobs = []
        return self.results


def _rendered_files(outputs: Sequence[FileOutput]) -> list[list[bytes]]:
    """The report entries of each file's articles: as rendered where the batch was checked,
    else encoded here in one go for the whole batch."""
    if all(o.rendered is not None for o in outputs):
        return [list(o.rendered) for o in outputs]  # type: ignore[arg-type]
    read = [[x[1] for x in o.items if not isinstance(x, Skipped)] for o in outputs]
    texts = iter(article_entries([r.claims for results in read for r in results]))
    return [[next(texts) for _ in results] for results in read]


@dataclass(slots=True)
class _Slot:
    """One item of the stream in ingest order: a Skipped, an article or a file, and its results."""

    skipped: Skipped | None = None
    info: ArticleInfo | None = None  # an article read here
    result: ArticleResult | None = None  # its cached result
    rendered: bytes | None = None  # and its cached report entries
    file: bool = False  # a FileJob
    items: list[Any] | None = None  # its cached items: Skipped or (info, result, entries)
    batch: _Batch | None = None
    index: int = 0

    def waiting(self) -> bool:
        """Not yet looked up in the cache (nor sent)."""
        return self.batch is None and (
            self.items is None if self.file else self.info is not None and self.result is None
        )


def _fresh_items(output: FileOutput, rendered: list[Any] | None, index: int) -> list[Any]:
    """A checked file's items as the cache gives them: Skipped or (info, result, entries)."""
    texts = iter(rendered[index]) if rendered is not None else None
    return [
        x if isinstance(x, Skipped) else (x[0], x[1], next(texts) if texts else None)
        for x in output.items
    ]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def check_stream(
    items: Iterable[Article | Skipped | FileJob],
    rules: Sequence[Any],
    extractor: Extractor,
    cache: ClaimCache | None = None,
    version: str = "",
    window: int = 8,
    progress: Callable[[ArticleInfo], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    spool: bool = True,
    contexts: bool = True,
    shown: bool = True,
) -> Collected:
    """Check every article of the stream (from the cache where it can), keeping the order.

    `spool`: keep the claims' JSON report entries for the report: with a cache (which
    stores them anyway), or when the extractor spreads the batches over other processes,
    which then render them too instead of leaving them all to this process at the end.
    `contexts`: cut each claim's sentence out (see batch.check_article). `shown`: whether
    the report may show them; if not, the cache's are not even read.
    """
    render = spool and (cache is not None or extractor.spreads)
    how = FileCheck(version if cache is not None else None, max_bytes, render, contexts)
    folder = cache.folder if cache is not None else None
    out = Collected(entries=ClaimEntries(folder) if render else None)
    rule_ids = [r.id for r in rules]
    slots: deque[_Slot] = deque()
    in_flight: deque[_Batch] = deque()
    batch = _Batch()

    def keep(info: ArticleInfo, result: ArticleResult, rendered: bytes | None = None) -> None:
        out.add(info, result, rendered)
        if progress:
            progress(info)

    def emit(slot: _Slot) -> None:
        if slot.skipped is not None:
            out.skipped.append(slot.skipped)
            return
        if slot.file:
            if slot.items is not None:
                found = slot.items
            else:
                assert slot.batch is not None
                output: FileOutput = slot.batch.collect(cache, render)[slot.index]
                found = _fresh_items(output, slot.batch.rendered, slot.index)
                out.extracted += sum(1 for x in found if not isinstance(x, Skipped))
            for x in found:
                if isinstance(x, Skipped):
                    out.skipped.append(x)
                else:
                    keep(*x)
            return
        if slot.batch is None:
            result, rendered = slot.result, slot.rendered
        else:
            result = slot.batch.collect(cache, render)[slot.index]
            rendered = None if slot.batch.rendered is None else slot.batch.rendered[slot.index]
        assert slot.info is not None and result is not None
        keep(slot.info, result, rendered)

    def drain(block: bool) -> None:
        while slots:
            head = slots[0]
            if head.waiting():
                break
            if head.batch is not None and head.batch.results is None:
                if head.batch.future is None or not (block or head.batch.future.done()):
                    break
            emit(slots.popleft())
        # Batches whose results are in hold no text any more: they no longer count.
        while in_flight and in_flight[0].results is not None:
            in_flight.popleft()

    def send(full: _Batch) -> None:
        if full.jobs:
            full.future = extractor.submit_files(full.jobs, how)
        else:
            full.future = extractor.submit(full.articles, contexts)
        in_flight.append(full)
        while len(in_flight) > window:  # bound the texts in memory: wait for the oldest batch
            in_flight[0].collect(cache, render)
            drain(block=False)

    def add_to_batch(slot: _Slot, key: str | None, work: Article | FileJob) -> None:
        nonlocal batch
        if len(batch) and bool(batch.jobs) != isinstance(work, FileJob):
            send(batch)  # a batch holds articles or files, not both
            batch = _Batch()
        slot.batch, slot.index = batch, len(batch)
        (batch.jobs if isinstance(work, FileJob) else batch.articles).append(work)  # type: ignore[arg-type]
        batch.keys.append(key)
        if len(batch) >= BATCH_SIZE:
            send(batch)
            batch = _Batch()

    for chunk in _chunks(items, LOOKUP_CHUNK):
        waiting: list[tuple[_Slot, str | None, Article]] = []
        files: list[tuple[_Slot, FileJob, str | None, int, int]] = []
        for item in chunk:
            if isinstance(item, Skipped):
                slots.append(_Slot(skipped=item))
            elif isinstance(item, FileJob):
                slots.append(_Slot(file=True))
                fkey, size, mtime = None, -1, -1
                if cache is not None:
                    fkey = file_key(version, rule_ids, item, max_bytes)
                    try:
                        st = os.stat(item.path)
                        size, mtime = st.st_size, st.st_mtime_ns
                    except OSError:
                        pass  # the worker reports it
                files.append((slots[-1], item, fkey, size, mtime))
            else:
                key = article_key(version, rule_ids, item) if cache is not None else None
                slots.append(_Slot(info=ArticleInfo.of(item)))
                waiting.append((slots[-1], key, item))
        if files:
            cached = (
                cache.lookup_files([(j, k, s, m) for _, j, k, s, m in files if k], max_bytes, shown)
                if cache is not None
                else {}
            )
            for slot, job, fkey, _, _ in files:
                got = cached.get(job.rel)
                if got is not None:
                    slot.items = got
                else:
                    add_to_batch(slot, fkey, job)
        hits = (
            cache.lookup([(k, a) for _, k, a in waiting if k], shown) if cache is not None else {}
        )
        for slot, key, article in waiting:
            hit = hits.get(key) if key else None
            if hit is not None:
                slot.result, slot.rendered = hit
                continue
            add_to_batch(slot, key, article)
            out.extracted += 1
        drain(block=False)
    if len(batch):
        send(batch)
    extractor.flush()
    drain(block=True)
    return out
