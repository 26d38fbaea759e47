"""Plain `file:line:` lines, as compilers print them: a block per finding but agreements.

The default output of `claimcheck ci`, where the report holds only the new findings. Editors
and terminals turn `path:line:` into a link; each side of a conflict gets its own line.
"""

from __future__ import annotations

from checker.report.annotate import (
    claim_location,
    claim_text,
    corpus_base,
    fails_gate,
    involved,
    reported,
)
from checker.report.build import Report


def render(report: Report) -> str:
    """A heading line per finding, then one indented line per claim in its conflicts."""
    base = corpus_base(report.corpus)
    out = []
    for f in reported(report):
        claims = involved(f)
        first = claim_location(base, claims[0])
        where = f"{first.path}:{first.line}" if first.line else first.path
        level = "error" if fails_gate(f) else "note"
        status = "" if f.status.value == "unreviewed" else f", {f.status.value}"
        out.append(f"{where}: {level}: {f.verdict.value} {f.key} [{f.id}{status}]: {f.explanation}")
        out.extend(f"  {claim_text(base, c)}" for c in claims)
    return "\n".join(out) + ("\n" if out else "")
