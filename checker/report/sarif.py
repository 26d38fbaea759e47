"""SARIF 2.1.0, for code-scanning services: one result per finding that is not an agreement.

The finding's fingerprint is the result's `partialFingerprints["claimcheck/v1"]`, so a
service tracks the same finding across runs and line moves as claimcheck does. The first
claim of a conflict is the result's location, the others are related locations. Contradictions
an editor dismissed or accepted carry an external suppression; forecasts missed are notes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker.compare import value_text
from checker.model import Claim, Finding, Verdict
from checker.report.annotate import DECIDED, claim_location, corpus_base, involved, reported
from checker.report.build import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_NAME = "claimcheck/v1"


def physical_location(base: Path, claim: Claim) -> dict[str, Any]:
    """A claim's file (as a relative URI) and, when known, its line and quote."""
    loc = claim_location(base, claim)
    where: dict[str, Any] = {"artifactLocation": {"uri": quote(loc.path)}}
    if loc.line:
        where["region"] = {"startLine": loc.line, "snippet": {"text": claim.quote}}
    return where


def result_record(base: Path, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """One SARIF result for one finding."""
    claims = involved(finding)
    first, rest = claims[0], claims[1:]
    result: dict[str, Any] = {
        "ruleId": first.rule,
        "ruleIndex": rule_index[first.rule],
        "level": "error" if finding.verdict is Verdict.CONTRADICT else "note",
        "message": {"text": f'"{" ".join(first.quote.split())}": {finding.explanation}'},
        "locations": [{"physicalLocation": physical_location(base, first)}],
        "partialFingerprints": {FINGERPRINT_NAME: finding.id},
        "properties": {
            "key": str(finding.key),
            "family": finding.key.family.value,
            "verdict": finding.verdict.value,
            "status": finding.status.value,
        },
    }
    if rest:
        result["relatedLocations"] = [
            {
                "id": n,
                "physicalLocation": physical_location(base, c),
                "message": {
                    "text": f'"{" ".join(c.quote.split())}" ({value_text(c)}, {c.article})'
                },
            }
            for n, c in enumerate(rest, 1)
        ]
    if finding.status in DECIDED:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{finding.status.value} in the review ledger",
            }
        ]
    return result


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as one JSON-ready object."""
    base = corpus_base(report.corpus)
    findings = reported(report)
    rule_ids = sorted({involved(f)[0].rule for f in findings})
    rule_index = {r: n for n, r in enumerate(rule_ids)}
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimcheck",
                        "version": report.tool_version,
                        "rules": [
                            {
                                "id": r,
                                "name": r,
                                "shortDescription": {"text": f"claims found by {r}"},
                            }
                            for r in rule_ids
                        ],
                    }
                },
                "results": [result_record(base, f, rule_index) for f in findings],
            }
        ],
    }


def render(report: Report) -> str:
    """The SARIF text of the report."""
    return json.dumps(sarif_log(report), ensure_ascii=False, indent=1) + "\n"
