"""Suppression in the article itself, as Markdown comments invisible once rendered (as Vale).

`<!-- claimcheck: off -->` ... `<!-- claimcheck: on -->` turns every rule off for a block (to
the end of the file when no `on` follows). `<!-- claimcheck: ignore trade-total, anniversary -->`
turns the named rules (or families) off for the next paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import Claim
from checker.patterns import compile_pattern, finditer, search

DIRECTIVE = compile_pattern(
    r"<!--\s*claimcheck:\s*(?P<verb>off|on|ignore)\b(?P<names>[^>]*?)\s*-->"
)
PARAGRAPH_END = compile_pattern(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Suppression:
    """A span of the text where some rules (or all: names empty) are off."""

    start: int
    end: int
    names: frozenset[str]
    directive_line: int

    def covers(self, claim: Claim) -> bool:
        """True when the claim lies in the span and its rule or family is named (or all are)."""
        in_span = self.start <= claim.start < self.end
        named = not self.names or claim.rule in self.names or claim.family.value in self.names
        return in_span and named


def read_suppressions(text: str) -> list[Suppression]:
    """Every suppression the text declares."""
    out: list[Suppression] = []
    off_at: int | None = None
    off_line = 0
    for m in finditer(DIRECTIVE, text):
        verb = m["verb"].lower()
        line = text.count("\n", 0, m.start()) + 1
        if verb == "off" and off_at is None:
            off_at, off_line = m.end(), line
        elif verb == "on" and off_at is not None:
            out.append(Suppression(off_at, m.start(), frozenset(), off_line))
            off_at = None
        elif verb == "ignore":
            names = frozenset(n.strip() for n in m["names"].replace(",", " ").split() if n.strip())
            # The next paragraph: skip blank lines after the comment, stop at the next blank line.
            body = m.end()
            while body < len(text) and text[body] in " \t\r\n":
                body += 1
            end = search(PARAGRAPH_END, text, body)
            out.append(Suppression(m.end(), end.start() if end else len(text), names, line))
    if off_at is not None:
        out.append(Suppression(off_at, len(text), frozenset(), off_line))
    return out


def apply_suppressions(
    claims: list[Claim], suppressions: list[Suppression]
) -> tuple[list[Claim], list[Suppression]]:
    """The claims left, and the suppressions that suppressed nothing (to report as unused)."""
    used: set[Suppression] = set()
    kept = []
    for claim in claims:
        hit = next((s for s in suppressions if s.covers(claim)), None)
        if hit is None:
            kept.append(claim)
        else:
            used.add(hit)
    return kept, [s for s in suppressions if s not in used]


# The reason given for a file or record that a suppression turns off whole.
TURNED_OFF = "turned off by <!-- claimcheck: off -->"


def is_turned_off(text: str) -> bool:
    """True when the file opens with `claimcheck: off` and never turns back on."""
    first = search(DIRECTIVE, text)
    if first is None or text[: first.start()].strip() or first["verb"].lower() != "off":
        return False
    return not any(m["verb"].lower() == "on" for m in finditer(DIRECTIVE, text, first.end()))
