"""The JSON report: the public contract of ../shared/CONTRACT.md. Dicts live only here."""

from __future__ import annotations

import json
from typing import Any

from checker.model import Claim, Finding, Skipped
from checker.report.build import Report


def claim_record(claim: Claim) -> dict[str, Any]:
    """A claim as the contract's JSON object."""
    amount = claim.amount
    unit = amount.unit if amount else ("date" if claim.dates or claim.note else None)
    return {
        "id": claim.id,
        "article": claim.article,
        "rule": claim.rule,
        "family": claim.family.value,
        "key": str(claim.key),
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "line": claim.line,
        "value": amount.value if amount else None,
        "unit": unit,
        "lower": amount.lower if amount else None,
        "upper": amount.upper if amount else None,
        "bound": amount.bound.value if amount else "exact",
        "tolerance": amount.tolerance if amount else None,
        "date_start": claim.dates.start.isoformat() if claim.dates else None,
        "date_end": claim.dates.end.isoformat() if claim.dates else None,
        "alternatives": [[s.start.isoformat(), s.end.isoformat()] for s in claim.alternatives],
        "annual": claim.annual,
        "modality": claim.modality.value,
        "attribution": claim.attribution,
        "note": claim.note,
    }


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as the contract's JSON object."""
    return {
        "id": finding.id,
        "key": str(finding.key),
        "family": finding.key.family.value,
        "verdict": finding.verdict.value,
        "claims": [c.id for c in finding.claims],
        "conflicts": [[a.id, b.id] for a, b in finding.conflicts],
        "explanation": finding.explanation,
        "status": finding.status.value,
    }


def skipped_record(s: Skipped) -> dict[str, Any]:
    """A skipped file or warning."""
    return {"path": s.path, "reason": s.reason, "line": s.line, "rule": s.rule,
            "kind": "skipped" if s.fatal else "warning"}


def report_record(report: Report) -> dict[str, Any]:
    """The whole report as one JSON-ready object."""
    return {
        "tool": {"name": "claimcheck", "version": report.tool_version},
        "corpus": report.corpus,
        "articles": [
            {"id": a.id, "published": a.published, "published_basis": a.basis,
             "url": a.url, "title": a.title, "outlet": a.outlet,
             "published_confidence": a.published_confidence, "published_year": a.published_year}
            for a in report.articles
        ],
        "claims": [claim_record(c) for c in report.claims],
        "findings": [finding_record(f) for f in report.findings],
        "skipped": [skipped_record(s) for s in report.skipped],
        "stale_reviews": list(report.stale_reviews),
        "summary": report.summary_line(),
    }


def render(report: Report) -> str:
    """The JSON text of the report."""
    return json.dumps(report_record(report), ensure_ascii=False, indent=1) + "\n"
