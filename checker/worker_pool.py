"""Worker processes fed and read through pipes by the calling thread, with no helper thread.

Why not `concurrent.futures.ProcessPoolExecutor`: its results are read, unpickled and
handed on by a management thread of the main process, and its tasks written by a feeder
thread. In a --jobs 2 run the main process also checks batches itself, so those threads
took the interpreter lock from it: at 10k articles its batches waited 0.3 s for the lock
(4.24 s on the clock against 3.92 s of the thread's CPU), and its process used 0.5 s of
CPU beyond its own thread's. Here the main thread reads results itself, when it asks
whether a batch is done, between its own batches.

A worker runs tasks in order and keeps a thread of its own that only writes results to
the pipe: it never waits for the main process to read one before starting the next.
"""

from __future__ import annotations

import queue
import signal
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any

# How long a worker may take to finish its queue and end, once told to, before it is killed.
JOIN_TIMEOUT_S = 10.0


class WorkerLost(RuntimeError):
    """A worker process ended (killed, or out of memory) with batches still to return."""


class _Pumped(Future[Any]):
    """A batch sent to a worker: asking whether it is done reads whatever results arrived."""

    def __init__(self, pool: WorkerPool) -> None:
        super().__init__()
        self._pool = pool

    def done(self) -> bool:
        if not super().done():
            self._pool.pump(block=False)
        return super().done()

    def result(self, timeout: float | None = None) -> Any:
        while not super().done():
            self._pool.pump(block=True)
        return super().result(0)


@dataclass
class _Worker:
    process: BaseProcess
    tasks: Connection  # this process writes tasks to it
    results: Connection  # and reads results from it
    waiting: deque[_Pumped] = field(default_factory=deque)  # sent, in order, not yet back


class WorkerPool:
    """`workers` processes, each given `initializer(*initargs)` first; `submit` like an
    executor's (to the worker with the fewest batches waiting), `shutdown` to end them."""

    def __init__(
        self,
        workers: int,
        context: BaseContext,
        initializer: Callable[..., None],
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self._workers: list[_Worker] = []
        self._closed = False
        for _ in range(workers):
            tasks_out, tasks_in = context.Pipe(duplex=False)
            results_out, results_in = context.Pipe(duplex=False)
            # This process's ends (of this worker's pipes and the earlier ones'), closed in
            # the worker: a worker must see its task pipe end when this process does.
            ours = [tasks_in, results_out] + [
                c for w in self._workers for c in (w.tasks, w.results)
            ]
            process = context.Process(  # type: ignore[attr-defined]
                target=_serve,
                args=(tasks_out, results_in, ours, initializer, initargs),
                name="claimcheck-worker",
                daemon=True,
            )
            process.start()
            tasks_out.close()
            results_in.close()
            self._workers.append(_Worker(process, tasks_in, results_out))

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Send `fn(*args)` to a worker; its future completes as this thread reads results."""
        if self._closed:
            raise RuntimeError("the worker pool is shut down")
        worker = min(self._workers, key=lambda w: len(w.waiting))
        future = _Pumped(self)
        worker.tasks.send((fn, args))
        worker.waiting.append(future)
        return future

    def pump(self, block: bool) -> None:
        """Complete the futures whose results have arrived; with `block`, wait for one."""
        busy = [w for w in self._workers if w.waiting]
        if block and busy:
            wait([w.results for w in busy] + [w.process.sentinel for w in busy])
        for worker in busy:
            self._read(worker)
            if block and worker.waiting and not worker.process.is_alive():
                self._read(worker)  # what it wrote before it ended
                self._lost(worker)

    def _read(self, worker: _Worker) -> None:
        try:
            while worker.waiting and worker.results.poll():
                ok, value = ForkingPickler.loads(worker.results.recv_bytes())
                future = worker.waiting.popleft()
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)
        except (EOFError, OSError):  # the worker's end closed mid-message: it is gone
            self._lost(worker)

    def _lost(self, worker: _Worker) -> None:
        code = worker.process.exitcode
        for future in worker.waiting:
            future.set_exception(
                WorkerLost(f"a worker process ended (exit code {code}) before its batch")
            )
        worker.waiting.clear()

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        """End the workers: after their queued batches, or at once with `cancel_futures`
        while batches are still out (the run failed or was stopped)."""
        if self._closed:
            return
        self._closed = True
        cut_short = cancel_futures and any(w.waiting for w in self._workers)
        for worker in self._workers:
            for future in worker.waiting:
                future.cancel()
            worker.waiting.clear()
            if cut_short:
                worker.process.terminate()
                continue
            try:
                worker.tasks.send(None)
            except OSError:
                pass  # already gone
        for worker in self._workers:
            if wait:
                worker.process.join(JOIN_TIMEOUT_S)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
            worker.tasks.close()
            worker.results.close()


def _serve(
    tasks: Connection,
    results: Connection,
    inherited: list[Connection],
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
) -> None:
    """A worker: run each task as it comes, until told to stop or the pool's end closes."""
    # Ctrl-C reaches the whole process group: the main process stops the run (and ends the
    # workers); a worker that died of it first would only add a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for conn in inherited:
        conn.close()
    initializer(*initargs)
    outbox: queue.SimpleQueue[memoryview | None] = queue.SimpleQueue()
    sender = threading.Thread(target=_send_all, args=(outbox, results), daemon=True)
    sender.start()
    while True:
        try:
            task = tasks.recv()
        except EOFError:  # the main process is gone
            break
        if task is None:
            break
        fn, args = task
        try:
            reply: tuple[bool, Any] = (True, fn(*args))
        except Exception as exc:  # the batch fails, visibly, in the main process
            reply = (False, exc)
        try:
            data = ForkingPickler.dumps(reply)  # a view of the pickle: sent without a copy
        except Exception as exc:  # a result or an error that does not pickle
            data = ForkingPickler.dumps((False, RuntimeError(f"not sent back: {exc!r}")))
        outbox.put(data)
    outbox.put(None)
    sender.join()


def _send_all(outbox: queue.SimpleQueue[memoryview | None], results: Connection) -> None:
    while (data := outbox.get()) is not None:
        try:
            results.send_bytes(data)
        except OSError:  # the main process is gone
            return
