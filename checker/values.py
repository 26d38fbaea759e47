"""How a claim's value is read out: for people (`value_text`, in explanations and reports)
and for fingerprints and clustering (`value_token`, exact and position-free)."""

from __future__ import annotations

from checker.model import Claim


def value_text(claim: Claim) -> str:
    """A short human reading of a claim's normalised value."""
    if claim.amount:
        a = claim.amount
        if a.lower is not None and a.lower == a.upper:
            return f"{_num(a.lower)} {a.unit}"
        if a.upper is None and a.lower is not None:
            return f"{a.bound.value.replace('_', ' ')} {_num(a.lower)} {a.unit}"
        if a.lower is None and a.upper is not None:
            return f"{a.bound.value.replace('_', ' ')} {_num(a.upper)} {a.unit}"
        return f"{_num(a.lower)}..{_num(a.upper)} {a.unit}"
    if claim.alternatives:
        return " or ".join(str(s) for s in claim.alternatives)
    return str(claim.dates) if claim.dates else "unresolved"


def _num(x: float | None) -> str:
    if x is None:
        return "?"
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m")):
        if abs(x) >= scale:
            return f"{x / scale:g}{word}"
    return f"{x:g}"


def value_token(claim: Claim) -> str:
    """What a claim says, for fingerprints: the value, not the wording or the position."""
    if claim.amount:
        a = claim.amount
        return f"{a.lower!r}|{a.upper!r}|{a.unit}"
    return "|".join(str(s) for s in (claim.alternatives or (claim.dates,)))
