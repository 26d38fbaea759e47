"""Editor review: walk the open findings in a terminal and record each decision in the ledger.

`claimcheck review CORPUS` shows every contradiction and missed forecast that has no decision
yet, with each claim's quote in its sentence, file and line, and asks for one key:
c(onfirmed), d(ismissed), a(ccepted), s(kip) or q(uit), then an optional note. Each decision
is written at once (atomically, under the ledger's lock), so a session can stop at any point
and the next one starts where it left off. `claimcheck review --decide F-ID WORD` records one
decision without a corpus, for scripts.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from checker.ledger import (
    DEFAULT_LEDGER,
    Decision,
    LedgerError,
    parse_decision,
    read_ledger,
    record_decision,
    record_time,
    reviewer_name,
)
from checker.model import Finding, ReviewStatus, Verdict
from checker.report.build import Report, quote_alone
from checker.values import value_text

# A finding fingerprint as checker.compare.fingerprint makes it.
FINGERPRINT = re.compile(r"f-[0-9a-f]{12}")

# One key per answer; the words themselves are accepted too.
ANSWERS = {
    "c": ReviewStatus.CONFIRMED,
    "d": ReviewStatus.DISMISSED,
    "a": ReviewStatus.ACCEPTED,
}
SKIP, QUIT = "s", "q"
DECISION_PROMPT = "decision [c]onfirmed [d]ismissed [a]ccepted [s]kip [q]uit: "
NOTE_PROMPT = "note (optional, Enter for none): "
MAX_NOTE = 1000


@dataclass(frozen=True, slots=True)
class Tally:
    """What one session did."""

    decided: int = 0
    skipped: int = 0
    remaining: int = 0


def open_findings(report: Report) -> list[Finding]:
    """The findings an editor has to judge: not agreements, and not decided yet."""
    return [
        f
        for f in report.findings
        if f.verdict is not Verdict.AGREE and f.status is ReviewStatus.UNREVIEWED
    ]


def parse_answer(text: str) -> ReviewStatus | str | None:
    """A typed answer as a decision, SKIP or QUIT; None when it is none of them."""
    word = text.strip().lower()
    if not word:
        return None
    if word in (SKIP, "skip"):
        return SKIP
    if word in (QUIT, "quit"):
        return QUIT
    if word in ANSWERS:
        return ANSWERS[word]
    try:
        return parse_decision(word)
    except ValueError:
        return None


def describe_finding(report: Report, finding: Finding, mark: Callable[[str], str]) -> list[str]:
    """The lines shown for one finding: verdict, key, explanation and each claim in context."""
    lines = [f"{finding.verdict.value}  {finding.key}  {finding.id}", f"  {finding.explanation}"]
    conflicted = {c.id for pair in finding.conflicts for c in pair}
    for c in sorted(finding.claims, key=lambda c: (c.id not in conflicted, c.article, c.line)):
        ctx = report.contexts.get(c.id) or quote_alone(c)
        flag = "!" if c.id in conflicted else " "
        lines.append(f" {flag} {c.article}:{c.line}  {value_text(c)}  ({c.modality.value})")
        lines.append(f"     {ctx.before}{mark(ctx.quote)}{ctx.after}")
    return lines


def run_session(
    report: Report,
    ledger: Path,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
    mark: Callable[[str], str] = lambda q: f"»{q}«",
) -> Tally:
    """Ask for a decision on each open finding, writing each one to the ledger as it is made."""
    pending = open_findings(report)
    if not pending:
        say("Nothing to review: every contradiction and missed forecast has a decision.")
        return Tally()
    say(f"{len(pending)} finding(s) to review; decisions go to {ledger}")
    decided = skipped = 0
    for n, finding in enumerate(pending, 1):
        # Another editor may have decided it since this session started.
        if finding.id in read_ledger(ledger):
            continue
        say("")
        say(f"[{n}/{len(pending)}] " + "\n".join(describe_finding(report, finding, mark)))
        answer = _ask_until_valid(ask, say)
        if answer == QUIT:
            return Tally(decided, skipped, len(pending) - decided - skipped)
        if answer == SKIP:
            skipped += 1
            continue
        assert isinstance(answer, ReviewStatus)
        try:
            note = ask(NOTE_PROMPT).strip()[:MAX_NOTE]
        except EOFError:  # input ended after the decision key: keep the decision, no note
            note = ""
        record_decision(
            ledger,
            Decision(finding.id, answer, str(finding.key), note, reviewer_name(), record_time()),
        )
        decided += 1
        say(f"recorded: {answer.value}")
    return Tally(decided, skipped, len(pending) - decided - skipped)


def _ask(ask: Callable[[str], str], prompt: str) -> str:
    try:
        return ask(prompt)
    except EOFError:  # end of input: the same as quitting, nothing is half-written
        return QUIT


def _ask_until_valid(ask: Callable[[str], str], say: Callable[[str], None]) -> ReviewStatus | str:
    while True:
        answer = parse_answer(_ask(ask, DECISION_PROMPT))
        if answer is not None:
            return answer
        say("Please answer c, d, a, s or q.")


def decide(ledger: Path, fingerprint: str, word: str, note: str = "") -> Decision:
    """Record one decision given on the command line; ValueError for a bad fingerprint or word."""
    if not FINGERPRINT.fullmatch(fingerprint):
        raise ValueError(f"{fingerprint!r} is not a finding fingerprint (f- and 12 hex digits)")
    status = parse_decision(word)
    key = read_ledger(ledger).get(fingerprint, Decision(fingerprint, status)).key
    decision = Decision(
        fingerprint, status, key, note.strip()[:MAX_NOTE], reviewer_name(), record_time()
    )
    record_decision(ledger, decision)
    return decision


def highlighter(stream: object) -> Callable[[str], str]:
    """Reverse video on a terminal that allows colour, guillemets otherwise."""
    if getattr(stream, "isatty", lambda: False)() and not os.environ.get("NO_COLOR"):
        return lambda q: f"\x1b[7m{q}\x1b[0m"
    return lambda q: f"»{q}«"


def main_review(args: argparse.Namespace) -> int:
    """The `claimcheck review` command; returns the exit code (2 for unusable input)."""
    from checker.invocation import UsageError, config_for, prepare, run, setting

    try:
        ledger = setting(args.ledger, config_for(args).ledger, DEFAULT_LEDGER)
        assert ledger is not None
        if args.decide:
            if args.corpus:
                return _fail("give a CORPUS to review, or --decide FINGERPRINT DECISION, not both")
            d = decide(ledger, args.decide[0], args.decide[1], args.note)
            print(f"{d.finding}: {d.decision.value} ({ledger})")
            return 0
        # The same corpus, configuration and rules as `check`, so the fingerprints match.
        report = run(prepare(args))
        tally = run_session(report, ledger, mark=highlighter(sys.stdout))
    except (ValueError, UsageError, LedgerError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("\nStopped; decisions made so far are saved.")
        return 0
    print(f"\n{tally.decided} decided, {tally.skipped} skipped, {tally.remaining} left for later.")
    return 0


def _fail(message: str) -> int:
    print(f"claimcheck: {message}", file=sys.stderr)
    return 2
