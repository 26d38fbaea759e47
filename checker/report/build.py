"""The Report: everything a renderer needs, built once from a run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from checker import __version__
from checker.model import Article, Claim, Finding, Skipped, Verdict


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the report keeps of an article once its text is dropped."""

    id: str
    published: str | None
    basis: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None

    @classmethod
    def of(cls, article: Article) -> ArticleInfo:
        """The report's record of an article."""
        return cls(
            article.id,
            article.published.isoformat() if article.published else None,
            article.basis.value,
            article.url,
            article.title,
            article.outlet,
        )


@dataclass(frozen=True, slots=True)
class Report:
    """A finished run: articles, claims, findings and what was skipped."""

    corpus: str
    articles: tuple[ArticleInfo, ...]
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...] = ()
    tool_version: str = __version__
    stale_reviews: tuple[str, ...] = field(default=())

    def counts(self) -> Counter[str]:
        """Findings per verdict."""
        return Counter(f.verdict.value for f in self.findings)

    def summary_line(self) -> str:
        """One line: articles read, claims found, agreements, contradictions, files skipped."""
        c = self.counts()
        skipped = sum(1 for s in self.skipped if s.fatal)
        warnings = len(self.skipped) - skipped
        parts = [
            f"{len(self.articles)} articles read",
            f"{len(self.claims)} claims found",
            f"{c[Verdict.AGREE.value]} agreements",
            f"{c[Verdict.CONTRADICT.value]} contradictions",
            f"{c[Verdict.FORECAST_MISSED.value]} forecasts missed",
            f"{skipped} skipped",
        ]
        if warnings:
            parts.append(f"{warnings} warnings")
        return ", ".join(parts)
