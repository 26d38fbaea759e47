"""--jobs N gives the same claims in the same order, and the same findings, as --jobs 1."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from scale_corpus import write_scale_corpus

from checker import pool
from checker.model import Article, PublishedBasis, Skipped
from checker.pool import QUEUED_PER_WORKER, PoolExtractor
from checker.report import json as json_report
from checker.report.build import quote_alone
from checker.run import RunOptions, ScaleOptions, run_check
from checker.stream import BATCH_SIZE


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_scale_corpus(tmp_path_factory.mktemp("parallel"))


@pytest.mark.parametrize("jobs", [2, 3])  # this process and one worker, or two
def test_jobs_n_matches_jobs_1(corpus, registry, jobs):
    one = run_check(RunOptions(corpus, registry.rules, scale=ScaleOptions(jobs=1)))
    two = run_check(RunOptions(corpus, registry.rules, scale=ScaleOptions(jobs=jobs)))
    assert len(one.articles) > 2 * BATCH_SIZE  # enough batches for the pool to start
    assert [c.id for c in two.claims] == [c.id for c in one.claims]
    assert two.claims == one.claims
    assert [(f.id, f.verdict) for f in two.findings] == [(f.id, f.verdict) for f in one.findings]
    assert two.skipped == one.skipped
    assert json_report.render(two) == json_report.render(one)
    # The workers rendered the claims' JSON entries with their batches; the report splices
    # them in, and they are the bytes the report would have encoded itself.
    assert one.claim_entries is None
    assert two.claim_entries is not None and two.claim_entries.covers(two.claims)
    assert json_report.render(replace(two, claim_entries=None)) == json_report.render(two)


def test_jobs_n_renders_no_entries_for_a_report_that_is_not_json(corpus, registry):
    scale = ScaleOptions(jobs=2, json_report=False)
    assert run_check(RunOptions(corpus, registry.rules, scale=scale)).claim_entries is None


def test_small_corpus_runs_without_workers(tmp_path, registry):
    """Fewer articles than two batches: checked in this process, same report."""
    corpus = write_scale_corpus(tmp_path, generated=0)
    one = run_check(RunOptions(corpus, registry.rules, scale=ScaleOptions(jobs=1)))
    two = run_check(RunOptions(corpus, registry.rules, scale=ScaleOptions(jobs=2)))
    assert json_report.render(two) == json_report.render(one)


def test_worker_loads_rules_by_id(corpus, registry):
    """The worker side picks rules by id, in the order given; an unknown id is an error."""
    from checker.batch import load_worker_rules

    ids = tuple(r.id for r in reversed(registry.rules))
    assert [r.id for r in load_worker_rules(ids)] == list(ids)
    with pytest.raises(RuntimeError, match="no-such-rule"):
        load_worker_rules(("no-such-rule",))


def test_a_workers_output_pickles_back_whole(corpus, registry):
    """Workers send their outputs pickled as they are: claims, contexts, article records and
    report entries come back equal, a quote one string for its claim and its context."""
    import pickle
    from multiprocessing.reduction import ForkingPickler

    from checker.batch import FileCheck, FileJob, check_files

    paths = sorted(p for p in corpus.rglob("*.txt"))[:3]
    jobs = [FileJob(str(p), p.relative_to(corpus).as_posix(), {}) for p in paths]
    sent = check_files(jobs, tuple(r.id for r in registry.rules), FileCheck("v", 10**7, True))
    back = pickle.loads(ForkingPickler.dumps(sent))  # as the pool sends them
    assert back == sent
    results = [x[1] for o in back for x in o.items if not isinstance(x, Skipped)]
    assert all(type(r.contexts) is tuple for r in results)  # contexts, not quotes alone
    # One pickle shares what the worker shared: a context's quote is its claim's string.
    assert any(x.quote is c.quote for r in results for c, x in zip(r.claims, r.contexts))
    assert sum(len(r.claims) for r in results) > 3


class _HeldPool:
    """A stand-in for the worker pool: its batches finish only when the test finishes them."""

    def __init__(self) -> None:
        self.futures: list[Future[object]] = []

    def submit(self, fn: object, *args: object) -> Future[object]:
        self.futures.append(Future())
        return self.futures[-1]

    def shutdown(self, **kwargs: object) -> None:
        pass


def _articles(n: int) -> list[Article]:
    text = "Trade between China and Russia reached $240 billion in 2023."
    return [Article(f"a{i}.txt", text, date(2024, 1, 5), PublishedBasis.MANIFEST) for i in range(n)]


def test_this_process_checks_a_batch_while_the_workers_have_enough(registry):
    """Batches go to the workers until each has QUEUED_PER_WORKER unfinished; then here."""
    extractor = PoolExtractor(registry.rules, jobs=3)  # this process and two workers
    held = extractor.pool = _HeldPool()  # type: ignore[assignment]
    sent = [extractor.submit(_articles(1)) for _ in range(QUEUED_PER_WORKER * 2)]
    assert not any(f.done() for f in sent) and extractor.checked_here == 0
    here = extractor.submit(_articles(2))
    assert here.done() and len(here.result()) == 2 and extractor.checked_here == 1
    held.futures[0].set_result([])  # a worker finished a batch: the next one goes out
    assert not extractor.submit(_articles(1)).done()
    assert (extractor.sent, extractor.checked_here) == (QUEUED_PER_WORKER * 2 + 1, 1)


def test_first_batch_is_checked_here_while_the_worker_starts_on_the_second(
    registry, monkeypatch
):
    """The pool starts with the second batch, sent to it before the first is checked here."""
    started: list[_HeldPool] = []
    checked_when_sent: list[int] = []

    class Watched(_HeldPool):
        def submit(self, fn: object, *args: object) -> Future[object]:
            checked_when_sent.append(extractor.checked_here)
            return super().submit(fn, *args)

    def start(self: PoolExtractor) -> _HeldPool:
        started.append(Watched())
        return started[-1]

    monkeypatch.setattr(pool.PoolExtractor, "_start", start)
    extractor = PoolExtractor(registry.rules, jobs=2)
    first = extractor.submit(_articles(3))
    assert not first.done() and not started  # held: one batch never starts the pool
    second = extractor.submit(_articles(1))
    assert len(started) == 1 and checked_when_sent == [0]  # sent before the first is checked
    assert first.done() and not second.done() and extractor.checked_here == 1
    assert [r.claims for r in first.result()] == [
        pool.check_article(a, registry.rules).claims for a in _articles(3)
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_that_shows_no_sentences_cuts_none_out(corpus, registry, jobs):
    """contexts=False (a JSON, CSV or Markdown report): the same report, and each cited
    claim's quote alone for a context, checked in this process and in workers alike."""
    shown = run_check(RunOptions(corpus, registry.rules, scale=ScaleOptions(jobs=jobs)))
    scale = ScaleOptions(jobs=jobs, contexts=False)
    bare = run_check(RunOptions(corpus, registry.rules, scale=scale))
    assert json_report.render(bare) == json_report.render(shown)
    cited = [c for f in shown.findings for c in f.claims]
    assert cited
    assert any(shown.contexts[c.id].before for c in cited)  # sentences were cut out there
    assert all(bare.contexts[c.id] == quote_alone(c) for c in cited)  # and not here


def test_a_cache_keeps_sentences_for_a_later_run_that_shows_them(corpus, registry, tmp_path):
    shown = run_check(RunOptions(corpus, registry.rules))
    scale = ScaleOptions(cache=tmp_path / "cache", contexts=False)
    run_check(RunOptions(corpus, registry.rules, scale=scale))  # fills the cache
    warm = run_check(RunOptions(corpus, registry.rules, scale=replace(scale, contexts=True)))
    cited = [c for f in shown.findings for c in f.claims]
    assert [warm.contexts[c.id] for c in cited] == [shown.contexts[c.id] for c in cited]


@pytest.mark.parametrize(
    ("fmt", "contexts"), [("json", False), ("csv", False), ("html", True), (None, True)]
)
def test_only_a_report_that_shows_sentences_has_them_cut_out(
    corpus, monkeypatch, tmp_path, fmt, contexts
):
    from checker import invocation
    from checker.cli import main

    seen: list[RunOptions] = []
    real = invocation.run_check
    monkeypatch.setattr(
        invocation, "run_check", lambda options: seen.append(options) or real(options)
    )
    # No --format: the default reports, the HTML one among them, in --output-dir.
    one = ["--format", fmt, "-o", str(tmp_path / f"out.{fmt}")] if fmt else []
    main(["check", str(corpus), *one, "--output-dir", str(tmp_path), "--no-cache", "--quiet"])
    assert [o.scale.contexts for o in seen] == [contexts]
