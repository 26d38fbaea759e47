"""One run: ingest -> extract -> compare -> Report. The engine reaches rules only via the registry."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.compare import compare
from checker.extract import extract_article
from checker.ingest import ManifestEntry, iter_corpus
from checker.ledger import Decision, apply_ledger
from checker.model import Article, Claim, Skipped
from checker.report.build import ArticleInfo, Report
from checker.rule import Rule
from checker.suppress import is_turned_off


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What a check run reads and with which rules."""

    corpus: Path
    rules: Sequence[Rule]
    manifest: dict[str, ManifestEntry] | None = None
    corpus_label: str | None = None
    decisions: dict[str, Decision] | None = None  # the review ledger


def run_check(options: RunOptions, progress: Callable[[Article], None] | None = None) -> Report:
    """Read the corpus one article at a time, keep only claims, and compare them."""
    articles: list[ArticleInfo] = []
    claims: list[Claim] = []
    skipped: list[Skipped] = []
    for item in iter_corpus(options.corpus, options.manifest):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        if is_turned_off(item.text):
            skipped.append(Skipped(item.id, "turned off by <!-- claimcheck: off -->", fatal=False))
            continue
        result = extract_article(item, options.rules)
        articles.append(ArticleInfo.of(item))
        claims.extend(result.claims)
        skipped.extend(result.problems)
        if progress:
            progress(item)
    findings, stale = apply_ledger(compare(claims), options.decisions or {})
    return Report(
        corpus=options.corpus_label or options.corpus.as_posix(),
        articles=tuple(articles),
        claims=tuple(claims),
        findings=tuple(findings),
        skipped=tuple(skipped),
        stale_reviews=tuple(d.finding for d in stale),
    )
