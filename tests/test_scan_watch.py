"""The scan watch: the per-scan time limit, kept by a CPU-time timer in the main thread."""

from __future__ import annotations

import signal
import threading
import time

import pytest
import regex

from checker import scan_watch
from checker.extract import extract_article
from checker.model import Article, Family, PublishedBasis
from checker.patterns import SCAN_TIMEOUT, scan_timeout
from checker.rule import Rule

# Backtracks for hours on a long run of "a" that no "c" ends.
RUNAWAY = regex.compile(r"(?:a|aa)+c")

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no CPU-time timers")


@pytest.fixture()
def short_limit(monkeypatch: pytest.MonkeyPatch) -> float:
    monkeypatch.setattr(scan_watch, "SCAN_TIMEOUT", 0.3)
    monkeypatch.setattr(scan_watch, "TICK", 0.05)
    return 0.3


def test_a_runaway_scan_is_stopped_inside_the_watch(short_limit):
    started = time.process_time()
    with pytest.raises(TimeoutError), scan_watch.watched(), scan_watch.RULE_RUN:
        RUNAWAY.match("a" * 80, timeout=scan_timeout())
    assert time.process_time() - started < short_limit + 1.0
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)  # disarmed


def test_many_quick_scans_are_not_one_long_one(short_limit):
    quick = regex.compile(r"(?:a|aa)+c")
    started = time.process_time()
    with scan_watch.watched(), scan_watch.RULE_RUN:
        while time.process_time() - started < 3 * short_limit:
            quick.match("a" * 12 + "c", timeout=scan_timeout())


def test_code_between_rules_is_never_interrupted(short_limit):
    started = time.process_time()
    with scan_watch.watched():  # no rule runs: a tick must not raise here
        while time.process_time() - started < 3 * short_limit:
            pass


def test_the_watch_covers_only_its_block_and_its_thread():
    assert scan_timeout() == SCAN_TIMEOUT
    seen: list[float | None] = []
    with scan_watch.watched():
        assert scan_timeout() is None
        other = threading.Thread(target=lambda: seen.append(scan_timeout()))
        other.start()
        other.join()
        with scan_watch.watched():  # nested: still watched, and the outer block ends it
            assert scan_timeout() is None
        assert scan_timeout() is None
    assert seen == [SCAN_TIMEOUT]  # other threads keep the per-call limit
    assert scan_timeout() == SCAN_TIMEOUT


def test_a_runaway_rule_is_reported_and_the_other_rules_still_run(short_limit):
    def runaway(article: Article):
        RUNAWAY.match(article.text, timeout=scan_timeout())
        yield from ()

    def quiet(article: Article):
        yield from ()

    rules = [
        Rule(id="runaway", family=Family.DATE, summary="backtracks", extract=runaway),
        Rule(id="quiet", family=Family.DATE, summary="finds nothing", extract=quiet),
    ]
    article = Article(id="a.txt", text="a" * 80, published=None, basis=PublishedBasis.NONE)
    out = extract_article(article, rules)
    assert [(p.rule, p.reason) for p in out.problems] == [
        ("runaway", "text too hard to scan in time (pattern timeout)")
    ]


def test_a_rule_run_inside_a_rule_run_leaves_the_outer_one_watched(short_limit):
    # 38 letters: some five seconds unwatched, so a lost watch fails here instead of hanging.
    with pytest.raises(TimeoutError), scan_watch.watched(), scan_watch.RULE_RUN:
        with scan_watch.RULE_RUN:  # a rule that checks another article first
            scan_timeout()
        RUNAWAY.match("a" * 38, timeout=scan_timeout())
