"""The time limit on pattern scans, kept by one CPU-time timer instead of a clock per call.

Hostile text can drive a backtracking pattern into hours of work, so no scan may run longer
than SCAN_TIMEOUT seconds of CPU. The `regex` module's own `timeout=` keeps that limit by
reading the process CPU clock (CLOCK_PROCESS_CPUTIME_ID) as each call starts and ends: a
real system call, unlike the monotonic clock, at about 1.3 us a call here, and an article's
rules make some sixty calls (a tenth of their time).

So while an article's rules run in the main thread (`watched`), a user-CPU interval timer
(ITIMER_VIRTUAL) ticks once a second instead, and every scan that starts counts itself
(`scan_timeout`). A tick that finds no new scan for SCAN_TIMEOUT seconds while a rule runs
(`RULE_RUN`) raises TimeoutError there: the `regex` module checks for signals while it
matches, so a runaway scan stops, as the per-call limit stopped it (to within a tick), and
the rule is reported as timed out. Two system calls an article.

What differs from the per-call limit, knowingly: the time counted is user CPU (not system
time too); a rule that runs SCAN_TIMEOUT seconds without starting any scan is stopped as
well; a `finditer` whose loop starts other scans is limited scan by scan, not as a whole (so
a long but sound article is no longer cut off); and the date scan's budget for a whole text
is kept by the date scan itself, so its last call may overrun it by one limit. Every single
scan stays bounded, which is what keeps hostile text from hanging a run. The signal handler,
once installed, stays for the life of the process; it does nothing outside a rule run.
Anywhere else (threads, platforms without `setitimer`) scans keep their own `timeout=`.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# Seconds of CPU one scan may spend on one text before it gives up (user CPU, under the watch).
SCAN_TIMEOUT = 5.0
TICK = 1.0  # seconds of CPU between two ticks of the watch


class _Watch(threading.local):
    """Per thread: the `timeout=` its scans pass (None while the watch covers them); and for
    the timer's ticks, which the main thread takes: scans started, the count the last tick
    saw, ticks since a new scan, and `live` while a rule runs (the only code a tick stops)."""

    timeout: float | None = SCAN_TIMEOUT
    started = 0
    seen = 0
    idle = 0
    live = False

    def __init__(self) -> None:
        self.outer: list[tuple[bool, int, int]] = []  # rule runs this one is nested in


_WATCH = _Watch()


def scan_timeout() -> float | None:
    """The `timeout=` for a scan that starts now: None while the watch covers it."""
    watch = _WATCH
    timeout = watch.timeout
    if timeout is None:
        watch.started += 1
    return timeout


def _tick(signum: int, frame: FrameType | None) -> None:
    watch = _WATCH
    if watch.timeout is not None or not watch.live:
        return  # between rules, or as the watch ends: raising there would escape the rule
    if watch.started != watch.seen:
        watch.seen, watch.idle = watch.started, 0
        return
    watch.idle += 1
    if watch.idle * TICK >= SCAN_TIMEOUT:
        watch.idle = 0
        raise TimeoutError(f"a scan ran for over {SCAN_TIMEOUT:g} s of CPU")


def _can_watch() -> bool:
    """The main thread, a platform with CPU-time timers, and the signal ours to take."""
    if not hasattr(signal, "setitimer"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    handler = signal.getsignal(signal.SIGVTALRM)
    if handler is _tick:
        return True
    if handler not in (signal.SIG_DFL, None):
        return False  # someone else's timer
    signal.signal(signal.SIGVTALRM, _tick)
    return True


class _RuleRun:
    """Marks the code a tick may stop: `with RULE_RUN:` around one rule's run, inside
    `watched` and a `try` that handles TimeoutError. A class, not a generator context
    manager: it runs for every rule on every article."""

    def __enter__(self) -> None:
        watch = _WATCH
        watch.outer.append((watch.live, watch.seen, watch.idle))
        watch.seen, watch.idle, watch.live = watch.started, 0, True

    def __exit__(self, *exc: object) -> None:
        watch = _WATCH
        watch.live, watch.seen, watch.idle = watch.outer.pop()  # a rule run inside a rule


RULE_RUN = _RuleRun()


@contextmanager
def watched() -> Iterator[None]:
    """Scans started inside the block are limited by the watch, not by `timeout=`."""
    if _WATCH.timeout is None or not _can_watch():  # watched already, or it cannot be here
        yield
        return
    per_call, _WATCH.timeout = _WATCH.timeout, None
    signal.setitimer(signal.ITIMER_VIRTUAL, TICK, TICK)
    try:
        yield
    finally:
        _WATCH.timeout = per_call  # first: a tick that comes in late must not raise
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
