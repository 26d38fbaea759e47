"""The CSV report: one row per claim per finding, for spreadsheets."""

from __future__ import annotations

from dataclasses import asdict, fields

import pandas as pd

from checker.report.build import Report
from checker.report.rows import EvidenceRow, evidence_rows


def render(report: Report) -> str:
    """Evidence rows as CSV with a header line."""
    columns = [f.name for f in fields(EvidenceRow)]
    frame = pd.DataFrame([asdict(r) for r in evidence_rows(report)], columns=columns)
    return frame.to_csv(index=False, lineterminator="\n")
