"""--jobs N gives the same claims in the same order, and the same findings, as --jobs 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_corpus import write_scale_corpus

from checker.report import json as json_report
from checker.run import RunOptions, ScaleOptions, run_check
from checker.stream import BATCH_SIZE


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_scale_corpus(tmp_path_factory.mktemp("parallel"))


def test_jobs_2_matches_jobs_1(corpus, registry):
    one = run_check(RunOptions(corpus, registry.rules, scale=ScaleOptions(jobs=1)))
    two = run_check(RunOptions(corpus, registry.rules, scale=ScaleOptions(jobs=2)))
    assert len(one.articles) > 2 * BATCH_SIZE  # enough batches for the pool to start
    assert [c.id for c in two.claims] == [c.id for c in one.claims]
    assert two.claims == one.claims
    assert [(f.id, f.verdict) for f in two.findings] == [(f.id, f.verdict) for f in one.findings]
    assert two.skipped == one.skipped
    assert json_report.render(two) == json_report.render(one)


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
