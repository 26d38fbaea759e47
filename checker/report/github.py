"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message` per conflicting claim.

Every claim in a contradiction gets its own annotation, on its own file and line, naming what
contradicts it, so the annotation shows on whichever article a pull request touches. Undecided
contradictions are errors; forecasts missed and contradictions an editor dismissed or accepted
are notices. Agreements print nothing.
"""

from __future__ import annotations

from checker.report.annotate import (
    claim_location,
    claim_text,
    corpus_base,
    counterparts,
    fails_gate,
    involved,
    reported,
)
from checker.report.build import Report
from checker.values import value_text

MAX_COUNTERPARTS = 5  # per annotation; the rest are counted


def escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's toolkit rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    """One workflow command per claim in each reported finding's conflicts."""
    base = corpus_base(report.corpus)
    out = []
    for f in reported(report):
        command = "error" if fails_gate(f) else "notice"
        title = f"claimcheck {f.verdict.value}: {f.key}"
        for claim in involved(f):
            loc = claim_location(base, claim)
            others = counterparts(f, claim)
            said = f'"{" ".join(claim.quote.split())}" ({value_text(claim)})'
            against = "; ".join(claim_text(base, o) for o in others[:MAX_COUNTERPARTS])
            if len(others) > MAX_COUNTERPARTS:
                against += f"; and {len(others) - MAX_COUNTERPARTS} more"
            message = (
                f"{said} vs {against}. {f.explanation} [{f.id}]"
                if others
                else f"{said}. {f.explanation} [{f.id}]"
            )
            props = [f"file={escape_property(loc.path)}"]
            if loc.line:
                props.append(f"line={loc.line}")
            props.append(f"title={escape_property(title)}")
            out.append(f"::{command} {','.join(props)}::{escape_data(message)}")
    return "\n".join(out) + ("\n" if out else "")
