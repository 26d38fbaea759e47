"""Bound words: how the wording around a figure limits it ("more than 40", "nearly $240bn").

One table, `BOUND_WORDS`, feeds both the patterns (as `\\L<bound_words>`) and `bound_of`.
A bound word counts only straight before a number: "over" in "talks over trade" is no bound,
and the patterns that use this table put the number right after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from checker.model import Bound, Interval
from checker.patterns import compile_pattern

BOUND_WORDS: Mapping[str, Bound] = MappingProxyType(
    {
        # lower bound, excluded
        "more than": Bound.MORE_THAN,
        "over": Bound.MORE_THAN,
        "just over": Bound.MORE_THAN,
        "well over": Bound.MORE_THAN,
        "above": Bound.MORE_THAN,
        "exceeding": Bound.MORE_THAN,
        "exceeded": Bound.MORE_THAN,
        "exceeds": Bound.MORE_THAN,
        "exceed": Bound.MORE_THAN,
        "in excess of": Bound.MORE_THAN,
        "greater than": Bound.MORE_THAN,
        "higher than": Bound.MORE_THAN,
        "upwards of": Bound.MORE_THAN,
        "upward of": Bound.MORE_THAN,
        "north of": Bound.MORE_THAN,
        # lower bound, included
        "at least": Bound.AT_LEAST,
        "no less than": Bound.AT_LEAST,
        "no fewer than": Bound.AT_LEAST,
        "not less than": Bound.AT_LEAST,
        "a minimum of": Bound.AT_LEAST,
        # a little under
        "nearly": Bound.NEARLY,
        "almost": Bound.NEARLY,
        "close to": Bound.NEARLY,
        "just under": Bound.NEARLY,
        "just shy of": Bound.NEARLY,
        "just below": Bound.NEARLY,
        "not quite": Bound.NEARLY,
        # either side
        "about": Bound.ABOUT,
        "around": Bound.ABOUT,
        "round about": Bound.ABOUT,
        "approximately": Bound.ABOUT,
        "approx.": Bound.ABOUT,
        "roughly": Bound.ABOUT,
        "some": Bound.ABOUT,
        "an estimated": Bound.ABOUT,
        "estimated": Bound.ABOUT,
        "an approximate": Bound.ABOUT,
        "circa": Bound.ABOUT,
        "of the order of": Bound.ABOUT,
        "on the order of": Bound.ABOUT,
        "in the region of": Bound.ABOUT,
        # upper bound, included
        "up to": Bound.AT_MOST,
        "as much as": Bound.AT_MOST,
        "as many as": Bound.AT_MOST,
        "as high as": Bound.AT_MOST,
        "at most": Bound.AT_MOST,
        "no more than": Bound.AT_MOST,
        "not more than": Bound.AT_MOST,
        "a maximum of": Bound.AT_MOST,
        # upper bound, excluded
        "less than": Bound.LESS_THAN,
        "under": Bound.LESS_THAN,
        "fewer than": Bound.LESS_THAN,
        "below": Bound.LESS_THAN,
        "lower than": Bound.LESS_THAN,
    }
)

# How far either side of the stated figure "about" reaches, as a share of the figure.
ABOUT_SHARE = 0.1

# Runs of spaces and case differ in text ("More  than"); the table keys are normalised.
_SPACES = compile_pattern(r"\s+")


def bound_of(words: str | None) -> Bound:
    """The Bound a matched phrase names ("More  than" -> MORE_THAN); None or "" -> EXACT."""
    if not words:
        return Bound.EXACT
    key = _SPACES.sub(" ", words.strip().lower())
    try:
        return BOUND_WORDS[key]
    except KeyError:
        raise ValueError(f"not a bound phrase: {words!r}") from None


def bound_interval(value: float, bound: Bound, unit: str, tolerance: float = 0.0) -> Interval:
    """The interval the wording allows around `value`; RANGE needs range_interval instead."""
    if bound is Bound.EXACT:
        return Interval(value, value, bound, unit, tolerance)
    if bound in (Bound.MORE_THAN, Bound.AT_LEAST):
        return Interval(value, None, bound, unit, tolerance)
    if bound in (Bound.LESS_THAN, Bound.AT_MOST):
        return Interval(None, value, bound, unit, tolerance)
    if bound is Bound.NEARLY:
        # "nearly $240bn" is short of 240bn but not far short; within the same 10% that
        # "about" allows on either side, and never above the figure.
        low, high = _ordered(value * (1 - ABOUT_SHARE), value)
        return Interval(low, high, bound, unit, tolerance)
    if bound is Bound.ABOUT:
        low, high = _ordered(value * (1 - ABOUT_SHARE), value * (1 + ABOUT_SHARE))
        return Interval(low, high, bound, unit, tolerance)
    raise ValueError(f"{bound} needs two values: use range_interval()")


def range_interval(lo: float, hi: float, unit: str, tolerance: float = 0.0) -> Interval:
    """The interval of "between lo and hi" or "lo to hi"; the ends are put in order."""
    low, high = _ordered(lo, hi)
    return Interval(low, high, Bound.RANGE, unit, tolerance)


def _ordered(a: float, b: float) -> tuple[float, float]:
    # A negative figure ("about -5%") flips the ends; keep lower <= upper.
    return (a, b) if a <= b else (b, a)
