"""JUnit XML, for CI test-report views: one testcase per finding, a failure per open contradiction.

Agreements and forecasts missed pass; contradictions an editor dismissed or accepted are
skipped with the decision as the reason. Under `claimcheck ci` the report holds only the new
findings, so every testcase there is a failure.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.model import Finding, Verdict
from checker.report.annotate import (
    DECIDED,
    claim_location,
    claim_text,
    corpus_base,
    fails_gate,
    involved,
)
from checker.report.build import Report


def testcase(report: Report, finding: Finding) -> ET.Element:
    """The testcase element of one finding."""
    base = corpus_base(report.corpus)
    claims = involved(finding)
    first = claim_location(base, claims[0])
    case = ET.Element(
        "testcase",
        classname=f"claimcheck.{finding.key.family.value}",
        name=f"{finding.key} [{finding.id}]",
        file=first.path,
    )
    if first.line:
        case.set("line", str(first.line))
    evidence = "\n".join(claim_text(base, c) for c in claims)
    if fails_gate(finding):
        failure = ET.SubElement(
            case, "failure", type=finding.verdict.value, message=finding.explanation
        )
        failure.text = evidence
    elif finding.status in DECIDED and finding.verdict is Verdict.CONTRADICT:
        ET.SubElement(case, "skipped", message=f"{finding.status.value} in the review ledger")
    else:
        ET.SubElement(case, "system-out").text = f"{finding.explanation}\n{evidence}"
    return case


def render(report: Report) -> str:
    """The JUnit XML text: one testsuite named after the corpus."""
    cases = [testcase(report, f) for f in report.findings]
    failures = sum(1 for c in cases if c.find("failure") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    counts = {
        "tests": str(len(cases)),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(skipped),
    }
    root = ET.Element("testsuites", name="claimcheck", **counts)
    suite = ET.SubElement(root, "testsuite", name=f"claimcheck {report.corpus}", **counts)
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
