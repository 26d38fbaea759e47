"""The review ledger: editors' decisions on findings, keyed by fingerprint, meant to be committed.

One JSON object per line, sorted by fingerprint, so that a diff shows one line per decision:
{"finding": "f-…", "decision": "dismissed", "key": "…", "note": "…", "who": "…", "when": "…"}
A ledger that does not parse stops the run with the line named, and is never overwritten.
Writers take a lock file beside the ledger (`<ledger>.lock`) for the read-change-write, so two
editors deciding at once do not lose each other's decisions.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock, Timeout

from checker.io import write_atomic
from checker.model import Finding, ReviewStatus

DEFAULT_LEDGER = "claimcheck-reviews.jsonl"
DECISIONS = (ReviewStatus.CONFIRMED, ReviewStatus.DISMISSED, ReviewStatus.ACCEPTED)
# Seconds a writer waits for another writer to finish before giving up with a message.
LOCK_TIMEOUT = 10.0


class LedgerError(Exception):
    """The ledger file cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One editor's decision on one finding."""

    finding: str
    decision: ReviewStatus
    key: str = ""
    note: str = ""
    who: str = ""
    when: str = ""

    def record(self) -> dict[str, str]:
        """The JSON object of this decision."""
        return {
            "finding": self.finding,
            "decision": self.decision.value,
            "key": self.key,
            "note": self.note,
            "who": self.who,
            "when": self.when,
        }


def read_ledger(path: Path) -> dict[str, Decision]:
    """Decisions by fingerprint; a missing file is an empty ledger."""
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"{path}: cannot read review ledger: {exc}") from exc
    decisions: dict[str, Decision] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            decision = Decision(
                finding=str(row["finding"]),
                decision=ReviewStatus(row["decision"]),
                key=str(row.get("key", "")),
                note=str(row.get("note", "")),
                who=str(row.get("who", "")),
                when=str(row.get("when", "")),
            )
            if decision.decision not in DECISIONS:
                raise ValueError(f"decision must be one of {', '.join(d.value for d in DECISIONS)}")
        except (ValueError, KeyError, TypeError) as exc:
            raise LedgerError(f"{path}:{n}: not a review decision: {exc}") from exc
        decisions[decision.finding] = decision
    return decisions


def write_ledger(path: Path, decisions: dict[str, Decision]) -> None:
    """Write every decision, sorted by fingerprint, atomically."""
    lines = [
        json.dumps(d.record(), ensure_ascii=False, sort_keys=True)
        for _, d in sorted(decisions.items())
    ]
    write_atomic(path, "\n".join(lines) + ("\n" if lines else ""))


def lock_path(path: Path) -> Path:
    """The lock file that serialises writers of a ledger."""
    return path.with_name(path.name + ".lock")


def record_decision(path: Path, decision: Decision, timeout: float = LOCK_TIMEOUT) -> None:
    """Add or replace one decision: lock, read, change, write back atomically."""
    lock = lock_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(lock, timeout=timeout):
            decisions = read_ledger(path)
            decisions[decision.finding] = decision
            write_ledger(path, decisions)
    except Timeout as exc:
        raise LedgerError(
            f"{path}: another claimcheck is writing the review ledger (lock {lock} held for "
            f"{timeout:g}s); try again when it has finished"
        ) from exc


def parse_decision(word: str) -> ReviewStatus:
    """A decision word ("confirmed", "dismissed", "accepted") as a status; ValueError otherwise."""
    for status in DECISIONS:
        if word.strip().lower() == status.value:
            return status
    raise ValueError(f"{word!r} is not a decision; use {', '.join(d.value for d in DECISIONS)}")


def reviewer_name() -> str:
    """Who records a decision: $CLAIMCHECK_REVIEWER, else the login name."""
    name = os.environ.get("CLAIMCHECK_REVIEWER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return "unknown"


def record_time() -> str:
    """The current UTC time, ISO 8601 to the second, for a decision's `when`."""
    # The clock is read only to stamp when an editor decided; it never resolves a claim's date.
    return datetime.now(timezone.utc).isoformat(timespec="seconds")  # noqa: TID251


def apply_ledger(
    findings: list[Finding], decisions: dict[str, Decision]
) -> tuple[list[Finding], list[Decision]]:
    """Findings with their review status, and the decisions whose finding no longer exists."""
    present = {f.id for f in findings}
    reviewed = [
        replace(f, status=decisions[f.id].decision) if f.id in decisions else f for f in findings
    ]
    stale = [d for fid, d in sorted(decisions.items()) if fid not in present]
    return reviewed, stale
