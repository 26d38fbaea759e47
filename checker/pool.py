"""Where batches of articles are checked: in this process, in a process pool, or on Dask.

Each extractor takes a batch (a list of Articles) and returns a future of its results, in
the batch's order; the stream (`checker/stream.py`) keeps the order across batches, so every
extractor gives the same claims in the same order as --jobs 1.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from checker.batch import (
    ArticleResult,
    FileJob,
    FileOutput,
    check_article,
    check_batch,
    check_file,
    check_files,
    load_worker_rules,
    unpack_output,
)
from checker.model import Article
from checker.rule import Rule


class Extractor(Protocol):
    """Checks batches of articles or files; `submit*` return something with `.result()`."""

    def submit(self, articles: list[Article]) -> Any: ...  # a Future of list[ArticleResult]
    # A Future of list[FileOutput]: the files are read, dated and checked where the work runs.
    def submit_files(self, jobs: list[FileJob], version: str | None, max_bytes: int) -> Any: ...
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

    def submit_files(
        self, jobs: list[FileJob], version: str | None, max_bytes: int
    ) -> Future[list[FileOutput]]:
        """Read and check the files now; the future is already done."""
        future: Future[list[FileOutput]] = Future()
        future.set_result([check_file(j, self.rules, version, max_bytes) for j in jobs])
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
        # The first batch, held until a second comes: (its future, the task, the same work here).
        self.held: (
            tuple[Future[Any], Callable[[ProcessPoolExecutor], Future[Any]], Callable[[], Any]]
            | None
        ) = None

    def _start(self) -> ProcessPoolExecutor:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.pool = ProcessPoolExecutor(
            self.jobs, mp_context=context, initializer=_start_worker, initargs=(self.rule_ids,)
        )
        if self.held is not None:
            held, task, _ = self.held
            self.held = None
            _chain(task(self.pool), held)
        return self.pool

    def _submit(
        self, task: Callable[[ProcessPoolExecutor], Future[Any]], here: Callable[[], Any]
    ) -> Future[Any]:
        if self.pool is None and self.held is None:
            held: Future[Any] = Future()
            self.held = (held, task, here)
            return held
        return task(self.pool or self._start())

    def submit(self, articles: list[Article]) -> Future[list[ArticleResult]]:
        """Send the batch to a worker (the first batch waits for a second before the pool starts)."""
        return self._submit(
            lambda pool: pool.submit(check_batch, articles, self.rule_ids),
            lambda: [check_article(a, self.rules) for a in articles],
        )

    def submit_files(
        self, jobs: list[FileJob], version: str | None, max_bytes: int
    ) -> Future[list[FileOutput]]:
        """Send a batch of files to a worker, which reads, dates and checks them."""

        def task(pool: ProcessPoolExecutor) -> Future[list[FileOutput]]:
            unpacked: Future[list[FileOutput]] = Future()
            packed = pool.submit(check_files, jobs, self.rule_ids, version, max_bytes)
            _chain(packed, unpacked, lambda outputs: [unpack_output(o) for o in outputs])
            return unpacked

        return self._submit(
            task, lambda: [check_file(j, self.rules, version, max_bytes) for j in jobs]
        )

    def flush(self) -> None:
        """No more batches: one held back alone is checked here."""
        if self.held is not None:
            held, _, here = self.held
            self.held = None
            held.set_result(here())

    def close(self) -> None:
        """Shut the workers down."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _start_worker(rule_ids: tuple[str, ...]) -> None:
    """A worker's set-up: the rules, and the cycle collector the run paused in its parent.

    What the worker inherited from its parent (modules, compiled patterns, the registry) is
    frozen first, so that the collector never walks it: it only sees the worker's own work.
    """
    load_worker_rules(rule_ids)
    gc.freeze()
    gc.enable()


def _chain(
    source: Future[Any], target: Future[Any], convert: Callable[[Any], Any] | None = None
) -> None:
    """Complete `target` with whatever `source` ends with (its result converted, if asked)."""

    def copy(done: Future[Any]) -> None:
        exc = done.exception()
        if exc is not None:
            target.set_exception(exc)
            return
        try:
            target.set_result(done.result() if convert is None else convert(done.result()))
        except Exception as failed:  # a result that does not unpack fails its batch, visibly
            target.set_exception(failed)

    source.add_done_callback(copy)


def local_extractor(rules: Sequence[Rule], jobs: int) -> Extractor:
    """The extractor for --jobs: inline for 1, a process pool for more."""
    return InlineExtractor(rules) if jobs <= 1 else PoolExtractor(rules, jobs)
