"""Hostile text: nothing escapes ingest, the rules or compare; no pattern backtracks for long.

Text and bytes go the way a user's files do: written to a corpus folder, read by ingest,
through every registered rule and the compare step, and rendered as the JSON report. For each
article: extraction finishes within TIME_LIMIT, every claim quotes the article at its span,
and the JSON holds no Infinity or NaN. A pattern that times out (patterns.SCAN_TIMEOUT)
becomes a Skipped record, never an exception.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import patterns
from checker.compare import compare
from checker.extract import extract_article
from checker.ingest import iter_corpus
from checker.model import Article, Claim, Skipped
from checker.registry import load_registry
from checker.report import json as json_report
from checker.report.build import ArticleInfo, Report

RULES = load_registry(plugins=False).rules
# Seconds one article may take through every rule. Real articles take milliseconds; a pattern
# driven into catastrophic backtracking takes seconds, then hits SCAN_TIMEOUT (5 s).
TIME_LIMIT = 2.0

# Pieces that stress the number, money, bound and date grammars when repeated.
PIECES = (
    "1",
    "9",
    "0",
    ",",
    ".",
    " ",
    "1,",
    "1.",
    "1 ",
    "12,345",
    "$",
    "$1",
    "US$",
    "€",
    "¥",
    "yuan ",
    "more than ",
    "nearly ",
    "between ",
    " and ",
    " to ",
    "-",
    "\u2013",
    "(",
    ")",
    "'",
    '"',
    "one ",
    "hundred ",
    "thousand ",
    "million ",
    "billion ",
    "trillion ",
    "and ",
    "twenty-",
    "forty-two ",
    "hundred thousand million billion ",
    "one hundred and ",
    "first ",
    "40th ",
    "bn ",
    "tn ",
    "\u00a0",
    "\u2009",
    "\u202f",
    "\u3000",
    "\u200b",
    "\t",
    "\n",
    "\r\n",
    "\n\n",
    "February 30, ",
    "Feb. 29 ",
    "March 20 to 22, ",
    "last September ",
    "three years ago ",
    "the 3rd of ",
    "2024-01-01 ",
    "in 2022",
    "since 2013 ",
    "met ",
    "times ",
    "anniversary of ",
    "80th ",
    "Russia ",
    "China ",
    "trade ",
    "Putin ",
    "Xi ",
    "---\n",
    "date: ",
    "x",
    "é",
    "\ufeff",
    "<!-- claimcheck: ignore trade-total -->",
    "https://x.example/2025/08/30/",
    "10^40 ",
    "1e40 ",
)
HOSTILE = st.lists(
    st.tuples(st.sampled_from(PIECES), st.integers(min_value=1, max_value=400)),
    min_size=1,
    max_size=12,
).map(lambda parts: "".join(piece * n for piece, n in parts)[:40_000])

# Known-bad shapes, each at a size where a backtracking pattern would show.
NASTY = {
    "digits": "1" * 10_000,
    "digit-commas": "1," * 5_000,
    "digit-dots": "1." * 5_000,
    "spaced-digits": "$" + "1 " * 5_000,
    "nbsp-digits": "\u00a0".join(["1"] * 5_000),
    "thin-space-digits": "\u2009".join(["123"] * 3_000) + " billion",
    "more-than": "more than " * 2_000 + "$5 billion",
    "nested-number-words": "one hundred and " * 1_000 + "twenty thousand million billion",
    "number-word-hyphens": "twenty-" * 3_000 + "one times",
    "long-line": "x" * 10_000 + " trade hit $5 billion " + "y" * 10_000,
    "many-dollars": "$" * 10_000,
    "dashes": "-" * 10_000 + "5",
    "ranges": "between $1 and " * 2_000 + "$2 billion",
    "bad-dates": "February 30, 2023 " * 1_000,
    "date-ranges": "March 20 to " * 2_000 + "22",
    "met-times": "met " * 3_000 + "times",
    "front-matter-never-closed": "---\n" + "a: b\n" * 5_000 + "Trade hit $5 billion.",
    "front-matter-junk": "---\n" + ":::\n" * 5_000 + "---\nTrade hit $5 billion.",
    "unicode-spaces": "\u3000\u202f\u2009\u00a0" * 3_000 + "$1 billion",
    "parentheses": "(" * 5_000 + "$1 billion" + ")" * 5_000,
}


def check_folder(corpus: Path) -> tuple[list[Article], list[Skipped], list[Claim]]:
    """Ingest, every rule, compare and the JSON report, as a run does; asserts the invariants."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    claims: list[Claim] = []
    for item in iter_corpus(corpus):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        start = time.process_time()  # CPU time: what backtracking costs, whatever else runs
        found = extract_article(item, RULES)
        took = time.process_time() - start
        assert took < TIME_LIMIT, f"{item.id}: {took:.1f}s for {len(item.text)} characters"
        for claim in found.claims:
            assert item.text[claim.start : claim.end] == claim.quote
        articles.append(item)
        skipped.extend(found.problems)
        claims.extend(found.claims)
    findings = compare(claims)
    report = Report(
        corpus="corpus",
        articles=tuple(ArticleInfo.of(a) for a in articles),
        claims=tuple(claims),
        findings=tuple(findings),
        skipped=tuple(skipped),
    )
    json.loads(json_report.render(report), parse_constant=_no_constant)
    return articles, skipped, claims


def _no_constant(name: str) -> float:
    raise AssertionError(f"{name} in the JSON report")


def check_files(files: dict[str, bytes]) -> tuple[list[Article], list[Skipped], list[Claim]]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        for name, data in files.items():
            (corpus / name).write_bytes(data)
        return check_folder(corpus)


@pytest.mark.parametrize("text", list(NASTY.values()), ids=list(NASTY))
def test_known_hostile_shapes_are_fast(text: str) -> None:
    articles, skipped, _ = check_files({"a.txt": text.encode("utf-8")})
    assert [a.id for a in articles] == ["a.txt"]
    assert not [s for s in skipped if "timeout" in s.reason]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=HOSTILE)
def test_hostile_text_is_fast_and_quoted_exactly(text: str) -> None:
    check_files({"a.txt": text.encode("utf-8"), "b.md": text.encode("utf-8")})


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "shift_jis"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    raw=st.one_of(
        st.binary(max_size=3_000),
        st.tuples(st.text(max_size=1_500), ENCODINGS).map(lambda t: t[0].encode(t[1], "replace")),
    ),
    suffix=st.sampled_from([".txt", ".md", ".jsonl"]),
)
def test_arbitrary_bytes_never_raise(raw: bytes, suffix: str) -> None:
    articles, skipped, _ = check_files(
        {"a" + suffix: raw, "good.txt": b"Trade hit $5 billion in 2022.\n"}
    )
    assert "good.txt" in {a.id for a in articles}  # one odd file never costs another
    assert all(s.path.startswith(("a", "good")) for s in skipped)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=2_000))
def test_arbitrary_text_as_json_lines_never_raises(text: str) -> None:
    line = json.dumps({"id": "r", "text": text, "published": text[:12]})
    check_files({"feed.jsonl": (line + "\n" + text).encode("utf-8", "surrogatepass")})


def test_pattern_timeout_becomes_a_skipped_record(monkeypatch) -> None:
    monkeypatch.setattr(patterns, "SCAN_TIMEOUT", 1e-9)  # every scan of any length times out
    text = (
        " date 2024-01-12\n" + "Trade between Russia and China hit $190 billion in 2022. " * 2_000
    )
    articles, skipped, claims = check_files(
        {"a.txt": text.encode(), "b.md": ("---\n" + text).encode()}
    )
    assert skipped and all("pattern timeout" in s.reason for s in skipped if s.fatal)
    assert {s.path for s in skipped} <= {"a.txt", "b.md"}
    del articles, claims
