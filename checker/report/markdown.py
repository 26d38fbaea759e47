"""The Markdown report: summary, findings with their evidence, and what was skipped."""

from __future__ import annotations

from tabulate import tabulate

from checker.report.build import Report
from checker.report.rows import evidence_rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: Report) -> str:
    """The report as GitHub-flavoured Markdown."""
    out = [f"# claimcheck report: {report.corpus}", "", report.summary_line(), ""]
    rows = evidence_rows(report)
    for f in report.findings:
        out.append(f"## {f.verdict.value}: `{f.key}` ({f.id}, {f.status.value})")
        out.append("")
        out.append(_cell(f.explanation))
        out.append("")
        table = [
            [r.article, r.line, _cell(r.quote), r.value, r.modality, "yes" if r.in_conflict else ""]
            for r in rows
            if r.finding == f.id
        ]
        out.append(
            tabulate(
                table,
                headers=["article", "line", "quote", "value", "modality", "conflict"],
                tablefmt="github",
            )
        )
        out.append("")
    if report.stale_reviews:
        out.append("## Stale review decisions")
        out.append("")
        out.append("Decisions in the review ledger whose finding is no longer reported:")
        out.append("")
        out.extend(f"- `{fid}`" for fid in report.stale_reviews)
        out.append("")
    if report.skipped:
        out.append("## Skipped and warnings")
        out.append("")
        out.extend(
            f"- `{s.path}`{' line ' + str(s.line) if s.line else ''}: {_cell(s.reason)}"
            for s in report.skipped
        )
        out.append("")
    return "\n".join(out)
