"""When two claims can both hold: the one place that compares figures and dates.

A figure's interval is widened by its rounding tolerance before comparing, so "$240
billion" (239.5..240.5 bn) agrees with "$240.1 billion" but not with "$245 billion".
Dates agree when their spans (or any of their alternatives) share a day; annual events
compare by month and day, whatever the year.
"""

from __future__ import annotations

import math
from datetime import date

from checker.model import Claim, DateSpan, Interval

INF = math.inf
# Rounding never allows more than this share of the figure: "$1 trillion" is read to the
# nearest 0.05 trillion, not 0.5, or it would agree with "$1.4 trillion".
MAX_ROUNDING = 0.05


def widened(interval: Interval) -> tuple[float, float]:
    """The interval with its rounding tolerance added, unbounded sides as infinities."""
    size = max((abs(x) for x in (interval.lower, interval.upper) if x is not None), default=0.0)
    tolerance = min(interval.tolerance, MAX_ROUNDING * size)
    lo = -INF if interval.lower is None else interval.lower - tolerance
    hi = INF if interval.upper is None else interval.upper + tolerance
    return lo, hi


def amounts_compatible(a: Interval, b: Interval) -> bool:
    """True when one value could satisfy both wordings (same unit assumed)."""
    a_lo, a_hi = widened(a)
    b_lo, b_hi = widened(b)
    return a_lo <= b_hi and b_lo <= a_hi


def relative_gap(a: Interval, b: Interval) -> float:
    """How far apart two intervals are, as a share of the larger bound (0 when they meet)."""
    a_lo, a_hi = widened(a)
    b_lo, b_hi = widened(b)
    gap = max(a_lo - b_hi, b_lo - a_hi, 0.0)
    scale = max(abs(x) for x in (a.lower, a.upper, b.lower, b.upper, 1e-9) if x is not None)
    return gap / scale


def _month_day(d: date) -> tuple[int, int]:
    return d.month, d.day


def _annual_overlap(a: DateSpan, b: DateSpan) -> bool:
    """Overlap of two spans by month and day only; spans of a year or more cover every day."""
    if (a.end - a.start).days >= 365 or (b.end - b.start).days >= 365:
        return True

    def pieces(s: DateSpan) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        if s.start.year == s.end.year:
            return [(_month_day(s.start), _month_day(s.end))]
        return [(_month_day(s.start), (12, 31)), ((1, 1), _month_day(s.end))]

    return any(a0 <= b1 and b0 <= a1 for a0, a1 in pieces(a) for b0, b1 in pieces(b))


def date_options(claim: Claim) -> tuple[DateSpan, ...]:
    """The spans a date claim allows: its alternatives, else its span."""
    if claim.alternatives:
        return claim.alternatives
    return (claim.dates,) if claim.dates else ()


def dates_compatible(a: Claim, b: Claim, annual: bool) -> bool:
    """True when some day allowed by one claim is allowed by the other."""
    overlap = _annual_overlap if annual else DateSpan.overlaps
    return any(overlap(x, y) for x in date_options(a) for y in date_options(b))


def comparable(a: Claim, b: Claim) -> bool:
    """True when the two claims carry values of the same kind and unit."""
    if a.amount and b.amount:
        return a.amount.unit == b.amount.unit
    return bool(a.dates and b.dates)


def compatible(a: Claim, b: Claim) -> bool:
    """True when both claims can hold at once (call only on comparable claims)."""
    if a.amount and b.amount:
        return amounts_compatible(a.amount, b.amount)
    return dates_compatible(a, b, annual=a.annual and b.annual)
