"""Findings flattened to rows: shared by the table, Markdown and CSV renderers."""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import Claim, Finding
from checker.report.build import Report
from checker.values import value_text


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One claim as evidence for one finding."""

    finding: str
    key: str
    verdict: str
    status: str
    article: str
    line: int
    quote: str
    value: str
    modality: str
    in_conflict: bool
    explanation: str


def evidence_rows(report: Report) -> list[EvidenceRow]:
    """A row per claim per finding, findings in report order."""
    rows = []
    for f in report.findings:
        conflicted = {c.id for pair in f.conflicts for c in pair}
        for c in f.claims:
            rows.append(_row(f, c, c.id in conflicted))
    return rows


def _row(f: Finding, c: Claim, in_conflict: bool) -> EvidenceRow:
    return EvidenceRow(
        f.id,
        str(f.key),
        f.verdict.value,
        f.status.value,
        c.article,
        c.line,
        " ".join(c.quote.split()),
        value_text(c),
        c.modality.value,
        in_conflict,
        f.explanation,
    )


def finding_summary_rows(report: Report, width: int = 60) -> list[list[str]]:
    """A row per finding: key, verdict, values with their articles."""
    rows = []
    for f in report.findings:
        values = "; ".join(sorted({f"{value_text(c)} [{c.article}:{c.line}]" for c in f.claims}))
        if len(values) > width * 3:
            values = values[: width * 3 - 1] + "…"
        rows.append([str(f.key), f.verdict.value, f.status.value, values])
    return rows
