"""The HTML report: one self-contained page an editor can open from a mail attachment.

Everything comes from `report.html` (Jinja2, autoescape on, so every piece of article text is
escaped). The page loads nothing: its Content-Security-Policy allows no network at all and only
the page's own inline script and style, by hash, so even text that slipped past escaping could
not run. `claimcheck serve` renders the same page with review buttons (`ReviewForm`).
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from checker.ledger import DECISIONS, Decision
from checker.model import Claim, Finding, ReviewStatus, Verdict
from checker.report.build import ClaimContext, Report, quote_alone
from checker.values import value_text

TEMPLATE = "report.html"


@dataclass(frozen=True, slots=True)
class ReviewForm:
    """What the served page adds: a form per finding, the decisions' details, the POST token."""

    token: str
    decisions: dict[str, Decision]
    action: str = "/decide"


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One claim as the page shows it."""

    claim: str
    article: str
    href: str
    line: int
    context: ClaimContext
    value: str
    modality: str
    in_conflict: bool


@dataclass(frozen=True, slots=True)
class FindingView:
    """One finding as the page shows it."""

    id: str
    key: str
    family: str
    verdict: str
    status: str
    explanation: str
    evidence: tuple[EvidenceView, ...]
    reviewable: bool  # agreements are not put to editors


def article_href(corpus: str, article: str) -> str:
    """A relative link to an article's file: `corpus/x.txt`; a JSON-lines record links its file."""
    path = article.split("#", 1)[0]
    base = corpus.rstrip("/")
    # A single-file corpus is named by the file itself.
    href = base if base == path or base.endswith("/" + path) else f"{base}/{path}"
    # Quoting keeps ':' out of the link, so no article name can become a `javascript:` URL.
    return quote(href, safe="/")


def _evidence(report: Report, finding: Finding) -> tuple[EvidenceView, ...]:
    conflicted = {c.id for pair in finding.conflicts for c in pair}

    def view(c: Claim) -> EvidenceView:
        context = report.contexts.get(c.id) or quote_alone(c)
        return EvidenceView(
            c.id,
            c.article,
            article_href(report.link_base or report.corpus, c.article),
            c.line,
            context,
            value_text(c),
            c.modality.value,
            c.id in conflicted,
        )

    # Conflicting claims first: they are what the editor has to judge.
    return tuple(view(c) for c in sorted(finding.claims, key=lambda c: c.id not in conflicted))


def finding_views(report: Report) -> list[FindingView]:
    """The report's findings as the page shows them, in report order."""
    return [
        FindingView(
            f.id,
            str(f.key),
            f.key.family.value,
            f.verdict.value,
            f.status.value,
            f.explanation,
            _evidence(report, f),
            f.verdict is not Verdict.AGREE,
        )
        for f in report.findings
    ]


def grouped_by_key(views: list[FindingView]) -> list[tuple[str, list[FindingView]]]:
    """Findings grouped by key, keys sorted, contradictions leading."""
    groups: dict[str, list[FindingView]] = {}
    for v in views:
        groups.setdefault(v.key, []).append(v)
    rank = {
        Verdict.CONTRADICT.value: 0,
        Verdict.FORECAST_MISSED.value: 1,
        Verdict.FORECASTS_DIFFER.value: 2,
    }
    return sorted(
        groups.items(), key=lambda kv: (min(rank.get(v.verdict, 3) for v in kv[1]), kv[0])
    )


def csp_hash(text: str) -> Markup:
    """The CSP source that allows exactly this inline script or style."""
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    # Only base64 characters and quotes: safe to put in the attribute as it is.
    return Markup("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["csp_hash"] = csp_hash
    return env


def render_page(report: Report, review: ReviewForm | None = None) -> str:
    """The page, static (review=None) or with the review forms of `claimcheck serve`."""
    views = finding_views(report)
    statuses = Counter(v.status for v in views)
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            report=report,
            groups=grouped_by_key(views),
            counts=report.counts(),
            statuses=[(s.value, statuses[s.value]) for s in ReviewStatus],
            verdicts=[v.value for v in Verdict],
            families=sorted({v.family for v in views}),
            decisions=[d.value for d in DECISIONS],
            skipped=report.skipped,
            review=review,
        )
    )


def render(report: Report) -> str:
    """The report as one self-contained HTML file."""
    return render_page(report)
