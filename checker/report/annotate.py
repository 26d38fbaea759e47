"""What the CI renderers (text, github, sarif, junit) share: where a claim is, what fails.

A claim's file is the corpus path joined with the article id, so annotations land on the
file as the repository names it when claimcheck runs from the repository's root. Records of
a JSON-lines corpus point at the .jsonl file; their line in that file is not known, so they
carry no line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.model import Claim, Finding, ReviewStatus, Verdict
from checker.report.build import Report
from checker.values import value_text

# Decisions in the review ledger that take a contradiction off the gate; CONFIRMED does not.
DECIDED = (ReviewStatus.DISMISSED, ReviewStatus.ACCEPTED)
RECORD_MARK = ".jsonl#"  # ingest names a record "<file>.jsonl#<id or line>"


@dataclass(frozen=True, slots=True)
class Location:
    """A claim's place in the repository: file path ("/" separators) and 1-based line."""

    path: str
    line: int | None


def fails_gate(finding: Finding) -> bool:
    """A contradiction that no editor has dismissed or accepted."""
    return finding.verdict is Verdict.CONTRADICT and finding.status not in DECIDED


def corpus_base(corpus: str) -> Path:
    """The folder article ids are relative to: the corpus, or the folder of a one-file corpus."""
    root = Path(corpus)
    return root.parent if root.is_file() else root


def claim_location(base: Path, claim: Claim) -> Location:
    """Where a claim is: its article's file under `base`, and its line (None for a record)."""
    if RECORD_MARK in claim.article:
        file_part = claim.article.split("#", 1)[0]
        return Location((base / file_part).as_posix(), None)
    return Location((base / claim.article).as_posix(), claim.line)


def involved(finding: Finding) -> list[Claim]:
    """The claims in the finding's conflicts (all its claims when it has none), in order."""
    seen: dict[str, Claim] = {}
    for pair in finding.conflicts:
        for c in pair:
            seen.setdefault(c.id, c)
    if not seen:
        seen = {c.id: c for c in finding.claims}
    return sorted(seen.values(), key=lambda c: (c.article, c.start))


def counterparts(finding: Finding, claim: Claim) -> list[Claim]:
    """The claims that conflict with `claim` in this finding."""
    others = [
        b if a.id == claim.id else a for a, b in finding.conflicts if claim.id in (a.id, b.id)
    ]
    return sorted({c.id: c for c in others}.values(), key=lambda c: (c.article, c.start))


def claim_text(base: Path, claim: Claim) -> str:
    """`path:line: "quote" (value)`: one side of a conflict, for messages."""
    loc = claim_location(base, claim)
    where = f"{loc.path}:{loc.line}" if loc.line else f"{loc.path} ({claim.article})"
    return f'{where}: "{" ".join(claim.quote.split())}" ({value_text(claim)})'


def reported(report: Report) -> list[Finding]:
    """The findings CI formats show: everything but agreements."""
    return [f for f in report.findings if f.verdict is not Verdict.AGREE]
