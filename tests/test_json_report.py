"""The streamed JSON report is byte for byte the report record dumped in one piece."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.ingest import read_manifest
from checker.registry import load_registry
from checker.report.json import render_chunks, report_record
from checker.run import RunOptions, run_check

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def report():
    manifest, _ = read_manifest(CORPUS / "manifest.csv")
    return run_check(RunOptions(CORPUS, load_registry(plugins=False).rules, manifest))


@pytest.mark.parametrize("chunk_chars", [1, 97, 1 << 20])
def test_chunks_join_to_the_one_piece_dump(report, chunk_chars):
    whole = json.dumps(report_record(report), ensure_ascii=False, indent=1) + "\n"
    assert "".join(render_chunks(report, chunk_chars)) == whole
