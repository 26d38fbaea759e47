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
from concurrent.futures import Future
from typing import Any, Protocol

from checker.batch import (
    ArticleResult,
    FileCheck,
    FileJob,
    FileOutput,
    check_article,
    check_batch,
    check_file_batch,
    check_files,
    load_worker_rules,
)
from checker.model import Article
from checker.rule import Rule
from checker.worker_pool import WorkerPool


class Extractor(Protocol):
    """Checks batches of articles or files; `submit*` return something with `.result()`."""

    # Whether batches are checked in other processes too: then work done with a batch (its
    # report entries, say) is spread out, instead of waiting for this process after the last.
    spreads: bool

    # A Future of list[ArticleResult]; `contexts`: with the claims' sentences cut out.
    def submit(self, articles: list[Article], contexts: bool = True) -> Any: ...
    # A Future of list[FileOutput]: the files are read, dated and checked where the work
    # runs, as `how` says.
    def submit_files(self, jobs: list[FileJob], how: FileCheck) -> Any: ...
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

    spreads = False

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)

    def submit(self, articles: list[Article], contexts: bool = True) -> Future[list[ArticleResult]]:
        """Check the batch now; the future is already done."""
        future: Future[list[ArticleResult]] = Future()
        future.set_result([check_article(a, self.rules, contexts) for a in articles])
        return future

    def submit_files(self, jobs: list[FileJob], how: FileCheck) -> Future[list[FileOutput]]:
        """Read and check the files now; the future is already done."""
        future: Future[list[FileOutput]] = Future()
        future.set_result(check_file_batch(jobs, self.rules, how))
        return future

    def flush(self) -> None:
        """Nothing is held back."""

    def close(self) -> None:
        """Nothing to shut down."""


# Batches sent to the workers and not yet done, per worker, from which this process checks
# the next batch itself. With 2, a worker sometimes ran dry while this process checked a slow
# batch (0.25 s idle in a 10k run); with 3 it still has two queued when this process begins.
QUEUED_PER_WORKER = 3


class PoolExtractor:
    """--jobs N: this process and N-1 worker processes check the batches between them.

    This process is one of the N. With N workers it would compete with them for the N
    cores (walking folders, unpacking their results) and otherwise wait. It sends a batch
    to the workers while they have fewer than QUEUED_PER_WORKER each still to do, and
    checks the batch itself otherwise, so that neither side waits for the other.

    The pool starts only when a second batch arrives, so a small corpus (or a warm cache with
    few changes) is checked in this process without paying for workers. The second batch
    goes to the new worker and the first is checked here meanwhile: each process readies
    the patterns it uses (from the user's pattern store, some 0.05 s; see pattern_store)
    at the same time. (Before the store, each compiled them, half a second of CPU, and the
    worker was forked after the first batch to inherit what it compiled: the main process
    then checked it alone, 0.06-0.09 s at the start of every --jobs run.)
    """

    spreads = True

    def __init__(self, rules: Sequence[Rule], jobs: int) -> None:
        self.rules = list(rules)
        self.rule_ids = tuple(r.id for r in rules)
        self.workers = max(1, jobs - 1)
        self.pool: WorkerPool | None = None
        self.pending: list[Future[Any]] = []  # batches sent to the workers, not yet done
        # How the batches were shared out, for tests and measurements.
        self.sent = 0
        self.checked_here = 0
        # The first batch, held until a second comes: its future, and its work done here.
        self.held: tuple[Future[Any], Callable[[], Any]] | None = None

    def _start(self) -> WorkerPool:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        return WorkerPool(self.workers, context, _start_worker, (self.rule_ids,))

    def _submit(
        self, task: Callable[[WorkerPool], Future[Any]], here: Callable[[], Any]
    ) -> Future[Any]:
        if self.pool is None:
            if self.held is None:
                held: Future[Any] = Future()
                self.held = (held, here)
                return held
            self.pool = self._start()
            sent = self._send(task)
            self.flush()  # the first batch, here, while the worker starts on this one
            return sent
        if self._workers_have_enough():
            return self._check_here(here)
        return self._send(task)

    def _send(self, task: Callable[[WorkerPool], Future[Any]]) -> Future[Any]:
        assert self.pool is not None
        sent = task(self.pool)
        self.pending.append(sent)
        self.sent += 1
        return sent

    def _workers_have_enough(self) -> bool:
        """Whether the workers have QUEUED_PER_WORKER batches each sent and not yet done."""
        self.pending = [f for f in self.pending if not f.done()]
        return len(self.pending) >= QUEUED_PER_WORKER * self.workers

    def _check_here(
        self, here: Callable[[], Any], future: Future[Any] | None = None
    ) -> Future[Any]:
        done: Future[Any] = Future() if future is None else future
        done.set_result(here())
        self.checked_here += 1
        return done

    def submit(self, articles: list[Article], contexts: bool = True) -> Future[list[ArticleResult]]:
        """Check the batch here or in a worker (the first batch waits for a second)."""
        return self._submit(
            lambda pool: pool.submit(check_batch, articles, self.rule_ids, contexts),
            lambda: [check_article(a, self.rules, contexts) for a in articles],
        )

    def submit_files(self, jobs: list[FileJob], how: FileCheck) -> Future[list[FileOutput]]:
        """Read, date and check a batch of files here or in a worker."""

        return self._submit(
            lambda pool: pool.submit(check_files, jobs, self.rule_ids, how),
            lambda: check_file_batch(jobs, self.rules, how),
        )

    def flush(self) -> None:
        """Check the held batch here, if there is one (no more batches, or the pool starts)."""
        if self.held is not None:
            held, here = self.held
            self.held = None
            self._check_here(here, held)

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


def local_extractor(rules: Sequence[Rule], jobs: int) -> Extractor:
    """The extractor for --jobs: inline for 1, a process pool for more."""
    return InlineExtractor(rules) if jobs <= 1 else PoolExtractor(rules, jobs)
