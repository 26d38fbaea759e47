"""The Report: everything a renderer needs, built once from a run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, overload

from checker import __version__
from checker.model import Article, Claim, Finding, Skipped, Verdict
from checker.patterns import sentence_span
from checker.report.entries import ClaimEntries

# At most this many characters of the sentence are kept on each side of a quote.
CONTEXT_CHARS = 200


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the report keeps of an article once its text is dropped."""

    id: str
    published: str | None
    basis: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published_confidence: float | None = None
    published_year: int | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Workers send one per article: rebuilt by the constructor from its field values,
        # not by setting each slot through object.__setattr__ (a frozen dataclass's state).
        return (ArticleInfo, _info_values(self))

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
            article.published_confidence,
            article.published_year,
        )


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """A claim's quote in its sentence: the text before it, the quote, the text after it."""

    before: str
    quote: str
    after: str

    def __reduce__(self) -> tuple[Any, ...]:
        return (ClaimContext, _context_values(self))  # one per claim, as above

    @classmethod
    def of(cls, article: Article, claim: Claim) -> ClaimContext:
        """The sentence around a claim, cut to CONTEXT_CHARS each side, whitespace collapsed."""
        # Looked up from inside the quote: a sentence break is only seen with the next character.
        start = sentence_span(article.text, min(claim.start + 1, claim.end))[0]
        end = sentence_span(article.text, claim.end)[1]
        start = max(min(start, claim.start), claim.start - CONTEXT_CHARS)
        end = min(max(end, claim.end), claim.end + CONTEXT_CHARS)
        before = article.text[start : claim.start]
        after = article.text[claim.end : end]
        quote = " ".join(claim.quote.split())
        if quote == claim.quote:
            quote = claim.quote  # one string for both: a large run keeps a context per claim
        return cls(_squeeze(before, keep_end=True), quote, _squeeze(after))


# Every field, in order, so that a field added later is pickled too.
_info_values = attrgetter(*(f.name for f in fields(ArticleInfo)))
_context_values = attrgetter(*(f.name for f in fields(ClaimContext)))


class LazyContexts(Sequence[ClaimContext]):
    """An article's claim contexts, one per claim, made when first read (`_made`).

    Only the HTML report and review read contexts, and only those of cited claims: most
    articles' contexts are never made.
    """

    __slots__ = ("_claims",)

    def __init__(self, claims: Sequence[Claim]) -> None:
        self._claims = claims

    def _made(self) -> Sequence[ClaimContext]:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._claims)

    @overload
    def __getitem__(self, index: int) -> ClaimContext: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ClaimContext]: ...
    def __getitem__(self, index: int | slice) -> ClaimContext | Sequence[ClaimContext]:
        return self._made()[index]

    def __iter__(self) -> Iterator[ClaimContext]:
        return iter(self._made())


class QuotesOnly(LazyContexts):
    """The contexts of claims whose sentences were not cut out: each quote alone, as the
    HTML report and review show a claim with no context. A run that shows no context (a
    JSON, CSV or Markdown report with no cache to fill) skips ClaimContext.of, some 3% of
    its time, and keeps one of these per article instead of a context per claim."""

    __slots__ = ()

    def _made(self) -> Sequence[ClaimContext]:
        return [quote_alone(c) for c in self._claims]  # a few per article, seldom read


def quote_alone(claim: Claim) -> ClaimContext:
    """A claim shown with no context: its quote, whitespace collapsed."""
    return ClaimContext("", " ".join(claim.quote.split()), "")


def _squeeze(text: str, keep_end: bool = False) -> str:
    """Runs of whitespace as one space, keeping the space that touches the quote."""
    words = " ".join(text.split())
    touches = text[-1:].isspace() if keep_end else text[:1].isspace()
    if not words or not touches:
        return words
    return words + " " if keep_end else " " + words


@dataclass(frozen=True, slots=True)
class Report:
    """A finished run: articles, claims, findings and what was skipped."""

    corpus: str
    articles: tuple[ArticleInfo, ...]
    claims: Sequence[Claim]  # a tuple, or a warm run's ClaimBlocks (read back as needed)
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...] = ()
    tool_version: str = __version__
    stale_reviews: tuple[str, ...] = field(default=())
    # The sentence around each claim that a finding cites, by claim id (article text is dropped).
    contexts: Mapping[str, ClaimContext] = field(default_factory=dict)
    # The corpus as seen from where a report is written, for links ("../corpus").
    link_base: str | None = None
    # The claims' JSON entries, already laid out (from the cache): used only for these claims.
    claim_entries: ClaimEntries | None = field(default=None, compare=False, repr=False)

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
            f"{c[Verdict.FORECASTS_DIFFER.value]} forecasts differing",
            f"{skipped} skipped",
        ]
        if warnings:
            parts.append(f"{warnings} warnings")
        return ", ".join(parts)
