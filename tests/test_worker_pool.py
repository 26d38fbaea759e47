"""The worker pool (checker/worker_pool.py): results in order, failures visible, no strays."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from concurrent.futures import CancelledError

import pytest
from processes import is_live

from checker.worker_pool import WorkerLost, WorkerPool

CONTEXT = multiprocessing.get_context(
    "fork" if "fork" in multiprocessing.get_all_start_methods() else None
)


def _nothing() -> None:
    pass


def square_after(n: int, seconds: float = 0.0) -> int:
    time.sleep(seconds)
    return n * n


def fail(message: str) -> None:
    raise ValueError(message)


def own_pid() -> int:
    return os.getpid()


def die() -> None:
    os._exit(3)


@pytest.fixture()
def pool():
    made: list[WorkerPool] = []

    def make(workers: int = 1) -> WorkerPool:
        made.append(WorkerPool(workers, CONTEXT, _nothing))
        return made[-1]

    yield make
    for p in made:
        p.shutdown(cancel_futures=True)


def test_results_come_back_in_order_from_every_worker(pool):
    workers = pool(2)
    futures = [workers.submit(square_after, n, 0.01 * (n % 3)) for n in range(12)]
    assert [f.result() for f in futures] == [n * n for n in range(12)]
    pids = {f.result() for f in [workers.submit(own_pid) for _ in range(4)]}
    assert len(pids) == 2 and os.getpid() not in pids  # both workers, neither this process


def test_done_reads_what_has_arrived_without_waiting(pool):
    workers = pool()
    slow = workers.submit(square_after, 3, 0.3)
    assert not slow.done()  # asked at once: not back yet, and the question did not wait
    deadline = time.monotonic() + 10
    while not slow.done():
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert slow.result() == 9


def test_a_failing_task_fails_its_future_and_the_worker_goes_on(pool):
    workers = pool()
    bad = workers.submit(fail, "this batch")
    good = workers.submit(square_after, 5)
    with pytest.raises(ValueError, match="this batch"):
        bad.result()
    assert good.result() == 25


def test_a_worker_that_dies_fails_its_batches_instead_of_hanging(pool):
    workers = pool()
    lost = workers.submit(die)
    after = workers.submit(square_after, 2)
    with pytest.raises(WorkerLost, match="exit code 3"):
        lost.result()
    with pytest.raises(WorkerLost):
        after.result()


def test_shutdown_ends_the_workers_and_cancels_what_is_left(pool):
    workers = pool(2)
    processes = [w.process for w in workers._workers]
    assert workers.submit(square_after, 4).result() == 16
    left = workers.submit(square_after, 1, 5.0)
    started = time.monotonic()
    workers.shutdown(cancel_futures=True)
    assert time.monotonic() - started < 4  # not waiting for the five-second batch
    assert not any(p.is_alive() for p in processes)
    with pytest.raises(CancelledError):
        left.result()
    with pytest.raises(RuntimeError, match="shut down"):
        workers.submit(square_after, 1)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a forked parent to kill")
def test_workers_end_when_the_process_that_feeds_them_is_killed(tmp_path):
    """No stray worker waits for ever on a pipe nobody will write to again."""
    pid_file = tmp_path / "pids"
    parent = os.fork()
    if parent == 0:  # the child: starts a pool of two, writes their pids, then waits
        try:
            workers = WorkerPool(2, CONTEXT, _nothing)
            pid_file.write_text(" ".join(str(w.process.pid) for w in workers._workers))
            time.sleep(60)
        finally:
            os._exit(0)
    deadline = time.monotonic() + 20
    while not (pid_file.exists() and pid_file.read_text()):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    pids = [int(p) for p in pid_file.read_text().split()]
    os.kill(parent, signal.SIGKILL)
    os.waitpid(parent, 0)
    deadline = time.monotonic() + 10
    try:
        while any(is_live(p) for p in pids):
            assert time.monotonic() < deadline, "a worker outlived the process that fed it"
            time.sleep(0.05)
    finally:  # a stray would hold pytest's output open: not left behind even on failure
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_workers_started_by_spawn_work_too():
    """Where fork is missing (Windows) workers are spawned: everything they get must pickle."""
    workers = WorkerPool(1, multiprocessing.get_context("spawn"), _nothing)
    try:
        futures = [workers.submit(square_after, n) for n in range(5)]
        assert [f.result() for f in futures] == [0, 1, 4, 9, 16]
    finally:
        workers.shutdown()
