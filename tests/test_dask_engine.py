"""--engine dask gives the same report as the local engine (a two-process LocalCluster)."""

from __future__ import annotations

import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("dask.bag")

from dask.distributed import LocalCluster
from scale_corpus import write_scale_corpus

from checker.compare import compare
from checker.dask_engine import compare_on_dask
from checker.report import json as json_report
from checker.run import RunOptions, ScaleOptions, run_check


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as c:
        yield c


def test_dask_engine_matches_local(tmp_path, registry, cluster):
    corpus = write_scale_corpus(tmp_path, generated=40)
    local = run_check(RunOptions(corpus, registry.rules, scale=ScaleOptions(jobs=1)))
    on_dask = run_check(
        RunOptions(
            corpus,
            registry.rules,
            scale=ScaleOptions(jobs=2, engine="dask", scheduler=cluster.scheduler_address),
        )
    )
    assert on_dask.claims == local.claims
    assert [(f.id, f.verdict, f.conflicts) for f in on_dask.findings] == [
        (f.id, f.verdict, f.conflicts) for f in local.findings
    ]
    assert json_report.render(on_dask) == json_report.render(local)


def test_grouping_on_dask_ignores_claim_order(registry, cluster, tmp_path):
    from dask.distributed import Client

    corpus = write_scale_corpus(tmp_path, generated=0)
    claims = list(run_check(RunOptions(corpus, registry.rules)).claims)
    with Client(cluster.scheduler_address) as client:
        assert compare_on_dask(client, list(reversed(claims))) == compare(claims)
