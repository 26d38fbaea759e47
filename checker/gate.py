"""The CI gate: which contradictions are new against a baseline and the review ledger.

The baseline is a JSON file meant to be committed: the contradictions a project has seen
and chose to live with, one entry a line, sorted by key and fingerprint so that a diff shows
one line per finding:

    {"claimcheck_baseline": 1, "findings": [
    {"articles": ["a.txt", "b.txt"], "id": "f-…", "key": "…", "values": […], "verdict": "…"}
    ]}

A contradiction is new when its fingerprint is in neither the baseline nor, as dismissed or
accepted, the review ledger; a `confirmed` one still fails. A baseline that does not parse
stops the run with the file and line named, and is never overwritten by `ci`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from checker.compare import value_text
from checker.model import Finding, Verdict
from checker.report.annotate import DECIDED, fails_gate, involved
from checker.report.build import Report

DEFAULT_BASELINE = "claimcheck-baseline.json"
FORMAT_FIELD, FORMAT_VERSION = "claimcheck_baseline", 1
ENTRY_FIELDS = ("id", "key", "verdict", "articles", "values")


class BaselineError(Exception):
    """The baseline file cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One known finding: its fingerprint and, for the reader, what it was about."""

    id: str
    key: str
    verdict: str
    articles: tuple[str, ...]
    values: tuple[str, ...]

    @classmethod
    def of(cls, finding: Finding) -> BaselineEntry:
        """The entry recording a finding."""
        claims = involved(finding)
        return cls(
            finding.id,
            str(finding.key),
            finding.verdict.value,
            tuple(sorted({c.article for c in claims})),
            tuple(sorted({value_text(c) for c in claims})),
        )

    def record(self) -> dict[str, object]:
        """The JSON object of this entry."""
        return {
            "id": self.id,
            "key": self.key,
            "verdict": self.verdict,
            "articles": list(self.articles),
            "values": list(self.values),
        }


@dataclass(frozen=True, slots=True)
class GateResult:
    """How the contradictions of a run stand against the baseline and the ledger."""

    new: tuple[Finding, ...]  # fail the gate
    known: tuple[Finding, ...]  # in the baseline
    decided: tuple[Finding, ...]  # dismissed or accepted in the review ledger
    gone: tuple[str, ...]  # baseline fingerprints no longer found: fixed, or changed

    @property
    def passed(self) -> bool:
        """True when no contradiction is new."""
        return not self.new


def baseline_entries(report: Report) -> list[BaselineEntry]:
    """The entries a baseline of this report holds: every contradiction, whatever its review."""
    entries = [BaselineEntry.of(f) for f in report.findings if f.verdict is Verdict.CONTRADICT]
    return sorted(entries, key=lambda e: (e.key, e.id))


def baseline_text(report: Report) -> str:
    """The baseline file: one compact, key-sorted entry a line, for one-line diffs."""
    lines = [
        json.dumps(e.record(), ensure_ascii=False, sort_keys=True) for e in baseline_entries(report)
    ]
    body = "".join(line + (",\n" if n < len(lines) else "\n") for n, line in enumerate(lines, 1))
    return f'{{"{FORMAT_FIELD}": {FORMAT_VERSION}, "findings": [\n{body}]}}\n'


def read_baseline(path: Path) -> dict[str, BaselineEntry]:
    """Entries by fingerprint. Raises BaselineError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BaselineError(f"{path}: no such baseline; `claimcheck baseline` writes one") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}:{exc.lineno}: baseline is not valid JSON: {exc.msg} (column {exc.colno})"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f'{path}:1: not a claimcheck baseline: no "findings" list')
    if data.get(FORMAT_FIELD) != FORMAT_VERSION:
        raise BaselineError(
            f"{path}:1: baseline version {data.get(FORMAT_FIELD)!r} is not {FORMAT_VERSION}"
        )
    lines = _entry_lines(text)
    entries: dict[str, BaselineEntry] = {}
    for n, row in enumerate(data["findings"]):
        line = lines[n] if n < len(lines) else 1
        try:
            entry = _entry(row)
        except (KeyError, TypeError, ValueError) as exc:
            raise BaselineError(
                f"{path}:{line}: baseline entry {n + 1} is not usable: {exc}"
            ) from exc
        entries[entry.id] = entry
    return entries


def _entry(row: object) -> BaselineEntry:
    if not isinstance(row, dict):
        raise TypeError("not a JSON object")
    missing = [k for k in ENTRY_FIELDS[:3] if not isinstance(row.get(k), str) or not row.get(k)]
    if missing:
        raise KeyError(f"needs string field(s) {', '.join(missing)}")
    if not row["id"].startswith("f-"):
        raise ValueError(f"id {row['id']!r} is not a finding fingerprint (f-…)")
    return BaselineEntry(
        row["id"],
        row["key"],
        row["verdict"],
        tuple(map(str, row.get("articles") or ())),
        tuple(map(str, row.get("values") or ())),
    )


def _entry_lines(text: str) -> list[int]:
    """The 1-based line on which each element of the "findings" array starts."""
    decoder = json.JSONDecoder()
    opening = text.find("[", text.find('"findings"'))
    lines, i = [], opening + 1
    while 0 < i < len(text):
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        if i >= len(text) or text[i] == "]":
            break
        lines.append(text.count("\n", 0, i) + 1)
        try:
            _, i = decoder.raw_decode(text, i)
        except json.JSONDecodeError:
            break
    return lines


def gate(report: Report, baseline: dict[str, BaselineEntry]) -> GateResult:
    """Split the run's contradictions into new, known (baseline) and decided (ledger)."""
    contradictions = [f for f in report.findings if f.verdict is Verdict.CONTRADICT]
    decided = [f for f in contradictions if f.status in DECIDED]
    known = [f for f in contradictions if f.id in baseline and f not in decided]
    new = [f for f in contradictions if fails_gate(f) and f.id not in baseline]
    present = {f.id for f in report.findings}
    return GateResult(
        tuple(new),
        tuple(known),
        tuple(decided),
        tuple(sorted(fid for fid in baseline if fid not in present)),
    )


def only_findings(report: Report, findings: tuple[Finding, ...]) -> Report:
    """The report cut down to some findings and the claims they cite, for renderers."""
    cited = {c.id for f in findings for c in f.claims}
    return replace(
        report, findings=findings, claims=tuple(c for c in report.claims if c.id in cited)
    )
