"""The terminal table: findings with their values and articles, then the summary line."""

from __future__ import annotations

from tabulate import tabulate

from checker.report.build import Report
from checker.report.rows import finding_summary_rows


def render(report: Report) -> str:
    """Findings as a grid, contradictions first, then skipped files and the summary."""
    rows = finding_summary_rows(report)
    order = {"contradict": 0, "forecast_missed": 1, "forecasts_differ": 2, "agree": 3}
    rows.sort(key=lambda r: (order.get(r[1], 3), r[0]))
    out = []
    if rows:
        out.append(
            tabulate(
                rows,
                headers=["key", "verdict", "status", "values [article:line]"],
                tablefmt="simple",
                maxcolwidths=[38, 15, 10, 70],
            )
        )
    else:
        out.append("No claim was made by two or more articles.")
    for f in report.findings:
        if f.verdict.value != "agree":
            out.append(f"  {f.id} {f.key}: {f.explanation}")
    skipped = [s for s in report.skipped if s.fatal]
    if skipped:
        out.append("\nSkipped:")
        out.extend(f"  {s.path}{':' + str(s.line) if s.line else ''}: {s.reason}" for s in skipped)
    if report.stale_reviews:
        # A decision whose finding is gone: the figures changed, or the article was edited.
        out.append("\nStale review decisions (finding no longer reported):")
        out.extend(f"  {fid}" for fid in report.stale_reviews)
    out.append("\n" + report.summary_line())
    return "\n".join(out) + "\n"
