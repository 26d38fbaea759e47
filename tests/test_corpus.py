"""Golden test: the report on corpus/ gives exactly the findings listed in corpus/EXPECTED.md."""

from __future__ import annotations

from pathlib import Path

import regex

from checker.ingest import read_manifest
from checker.registry import load_registry
from checker.run import RunOptions, run_check

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# A row of the Findings table: | F01 | `key` | verdict | `a.txt`; `b.md` | quotes |
FINDING_ROW = regex.compile(
    r"^\|\s*F\d+\s*\|\s*`(?P<key>[^`]+)`\s*\|\s*(?P<verdict>\w+)\s*\|(?P<articles>[^|]*)\|", regex.M
)
ARTICLE = regex.compile(r"`([^`]+)`")


def expected_findings() -> dict[str, tuple[str, frozenset[str]]]:
    text = (CORPUS / "EXPECTED.md").read_text(encoding="utf-8")
    section = text.split("## Findings", 1)[1].split("\n## ", 1)[0]
    return {
        m["key"]: (m["verdict"], frozenset(ARTICLE.findall(m["articles"])))
        for m in FINDING_ROW.finditer(section)
    }


def test_expected_md_lists_the_planted_findings():
    assert len(expected_findings()) >= 10


def test_corpus_report_finds_exactly_the_expected_findings():
    manifest, problems = read_manifest(CORPUS / "manifest.csv")
    assert problems == []
    report = run_check(RunOptions(CORPUS, load_registry(plugins=False).rules, manifest))
    got = {
        str(f.key): (f.verdict.value, frozenset(c.article for c in f.claims))
        for f in report.findings
    }
    assert got == expected_findings()
    assert not [s for s in report.skipped if s.fatal]
