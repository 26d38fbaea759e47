"""One run: ingest -> extract -> compare -> Report. The engine reaches rules only via the registry."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.compare import compare
from checker.extract import extract_article
from checker.ingest import ManifestEntry, iter_corpus
from checker.ledger import Decision, apply_ledger
from checker.model import Article, Claim, Skipped
from checker.report.build import ArticleInfo, ClaimContext, Report
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
    include: tuple[str, ...] = ()  # globs of article paths to read (default: all)
    exclude: tuple[str, ...] = ()  # globs of article paths to leave out
    # From the configuration, passed along for the engine; compare does not read them yet.
    tolerances: tuple[tuple[str, float], ...] = ()
    fx: Path | None = None


def is_selected(article_id: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether an article's file passes the include/exclude globs ("*" also crosses "/").

    A glob matches the file's path relative to the corpus or any folder above it, so
    "drafts" leaves out everything below drafts/. Records of a .jsonl file go with the file.
    """
    path = article_id.split("#", 1)[0] if ".jsonl#" in article_id else article_id
    parts = path.split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]

    def hit(globs: Sequence[str]) -> bool:
        return any(fnmatch.fnmatchcase(c, g.rstrip("/")) for g in globs for c in candidates)

    return (not include or hit(include)) and not hit(exclude)


def run_check(options: RunOptions, progress: Callable[[Article], None] | None = None) -> Report:
    """Read the corpus one article at a time, keep only claims, and compare them."""
    articles: list[ArticleInfo] = []
    claims: list[Claim] = []
    skipped: list[Skipped] = []
    contexts: dict[str, ClaimContext] = {}
    for item in iter_corpus(options.corpus, options.manifest):
        name = item.path if isinstance(item, Skipped) else item.id
        if not is_selected(name, options.include, options.exclude):
            continue
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        if is_turned_off(item.text):
            skipped.append(Skipped(item.id, "turned off by <!-- claimcheck: off -->", fatal=False))
            continue
        result = extract_article(item, options.rules)
        articles.append(ArticleInfo.of(item))
        claims.extend(result.claims)
        contexts.update((c.id, ClaimContext.of(item, c)) for c in result.claims)
        skipped.extend(result.problems)
        if progress:
            progress(item)
    findings, stale = apply_ledger(compare(claims), options.decisions or {})
    cited = {c.id for f in findings for c in f.claims}
    return Report(
        corpus=options.corpus_label or options.corpus.as_posix(),
        articles=tuple(articles),
        claims=tuple(claims),
        findings=tuple(findings),
        skipped=tuple(skipped),
        stale_reviews=tuple(d.finding for d in stale),
        contexts={cid: ctx for cid, ctx in contexts.items() if cid in cited},
    )
