"""Where batches of articles are checked: in this process, in a process pool, or on Dask.

Each extractor takes a batch (a list of Articles) and returns a future of its results, in
the batch's order; the stream (`checker/stream.py`) keeps the order across batches, so every
extractor gives the same claims in the same order as --jobs 1.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from checker.batch import ArticleResult, check_article, check_batch, load_worker_rules
from checker.model import Article
from checker.rule import Rule


class Extractor(Protocol):
    """Checks batches of articles; `submit` returns something with `.result()`."""

    def submit(self, articles: list[Article]) -> Any: ...  # a Future of list[ArticleResult]
    def flush(self) -> None: ...
    def close(self) -> None: ...


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class InlineExtractor:
    """--jobs 1: each batch is checked at once, in this process, with the rules passed in."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)

    def submit(self, articles: list[Article]) -> Future[list[ArticleResult]]:
        """Check the batch now; the future is already done."""
        future: Future[list[ArticleResult]] = Future()
        future.set_result([check_article(a, self.rules) for a in articles])
        return future

    def flush(self) -> None:
        """Nothing is held back."""

    def close(self) -> None:
        """Nothing to shut down."""


class PoolExtractor:
    """--jobs N: batches go to N worker processes, each of which loads the registry itself.

    The pool starts only when a second batch arrives, so a small corpus (or a warm cache with
    few changes) is checked in this process without paying for workers. On POSIX the workers
    are forked: the rule modules are already imported, so loading the registry there is cheap.
    """

    def __init__(self, rules: Sequence[Rule], jobs: int) -> None:
        self.rules = list(rules)
        self.rule_ids = tuple(r.id for r in rules)
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.held: tuple[Future[list[ArticleResult]], list[Article]] | None = None

    def _start(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.pool = ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=load_worker_rules, initargs=(self.rule_ids,)
        )
        if self.held is not None:
            held, articles = self.held
            self.held = None
            _chain(self.pool.submit(check_batch, articles, self.rule_ids), held)
        return self.pool

    def submit(self, articles: list[Article]) -> Future[list[ArticleResult]]:
        """Send the batch to a worker (the first batch waits for a second before the pool starts)."""
        if self.pool is None and self.held is None:
            held: Future[list[ArticleResult]] = Future()
            self.held = (held, articles)
            return held
        pool = self.pool or self._start()
        return pool.submit(check_batch, articles, self.rule_ids)

    def flush(self) -> None:
        """No more batches: one held back alone is checked here."""
        if self.held is not None:
            held, articles = self.held
            self.held = None
            held.set_result([check_article(a, self.rules) for a in articles])

    def close(self) -> None:
        """Shut the workers down."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _chain(source: Future[list[ArticleResult]], target: Future[list[ArticleResult]]) -> None:
    """Complete `target` with whatever `source` ends with."""

    def copy(done: Future[list[ArticleResult]]) -> None:
        exc = done.exception()
        if exc is not None:
            target.set_exception(exc)
        else:
            target.set_result(done.result())

    source.add_done_callback(copy)


def local_extractor(rules: Sequence[Rule], jobs: int) -> Extractor:
    """The extractor for --jobs: inline for 1, a process pool for more."""
    return InlineExtractor(rules) if jobs <= 1 else PoolExtractor(rules, jobs)
