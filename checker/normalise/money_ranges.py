"""Money ranges: two amounts joined by "to", a dash, or "between ... and ...".

Three shapes, all merged after the scan so the scan pattern stays one simple alternation:

    "$200bn to $250bn", "between $200 and $250 billion"   two amounts, each with a currency
    "$1-2 billion", "200-250 million yuan"                 both numbers inside one run
    "200 to 250 million yuan", "between 200 and 250 bn $"  a bare number, then an amount

A low end stated without a scale takes the high end's ("$200 to $250 billion" is 200e9 to
250e9) unless that would put it above the high end ("between $500 and $1 billion").
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from checker.model import Bound
from checker.normalise.bounds import range_interval
from checker.normalise.number_patterns import NUM_RUN, RUN_LISTS
from checker.normalise.numbers import numbers_in_run
from checker.patterns import compile_pattern, search

if TYPE_CHECKING:
    from checker.normalise.money import Amount, MoneyMatch

# What may stand between the two ends; "and" only after "between".
JOINER = compile_pattern(r"\s* (?: to | [-\u2013] ) \s*")
JOINER_AND = compile_pattern(r"\s* (?: and | & | to | [-\u2013] ) \s*")
BETWEEN_BEFORE = compile_pattern(r"\b between \s+ \Z")
# A bare low end just before an amount: "200 to " in "200 to 250 million yuan".
LOW_END_BEFORE = compile_pattern(
    r"(?P<between> \b between \s+ )? (?P<lo> "
    + NUM_RUN
    + r" ) \s* (?P<joiner> to | [-\u2013] | and ) \s* \Z",
    **RUN_LISTS,
)
# How far back a bare low end is looked for.
LOOK_BACK = 48


def _scale_of(value: float) -> float:
    """The thousand-power that a figure is stated in: 2.5e11 -> 1e9."""
    if value == 0:
        return 1.0
    power = math.floor(math.log10(abs(value)) / 3) * 3
    return 10.0 ** max(power, 0)


def _low_value(lo: float, lo_step: float, hi: float, hi_step: float) -> float:
    """The low end, given the high end's scale when it states none of its own."""
    if lo_step <= 1 and hi_step >= 1000 and abs(lo) < 1000:
        scaled = lo * _scale_of(hi)
        if scaled <= hi:
            return scaled
    return lo


def _range(
    start: int, end: int, lo: float, lo_step: float, hi: float, hi_step: float, unit: str
) -> MoneyMatch:
    from checker.normalise.money import MoneyMatch

    low = _low_value(lo, lo_step, hi, hi_step)
    interval = range_interval(low, hi, unit, max(lo_step, hi_step) / 2)
    return MoneyMatch(start, end, interval, None)


def _joined(text: str, end: int, start: int, between: bool) -> bool:
    joiner = JOINER_AND if between else JOINER
    m = joiner.match(text, end, start)
    return m is not None and m.end() == start


def _within_run(text: str, a: Amount) -> MoneyMatch | None:
    """ "$1-2 billion" (prefixed) or "200-250 million yuan" (suffixed): both in one run."""
    if len(a.inner) < 2:
        return None
    lo, hi = (a.inner[0], a.inner[1]) if a.prefixed else (a.inner[-2], a.inner[-1])
    before = (
        search(BETWEEN_BEFORE, text, max(0, lo.start - 12), lo.start) if not a.prefixed else None
    )
    if not _joined(text, lo.end, hi.start, between=before is not None):
        return None
    mult = abs(a.value) / lo.value if a.prefixed and lo.value else 1.0
    if a.prefixed:
        return _range(
            a.bound_start,
            hi.end,
            lo.value * mult,
            lo.decimals_scale * mult,
            hi.value * mult,
            hi.decimals_scale * mult,
            a.unit,
        )
    mult = abs(a.value) / hi.value if hi.value else 1.0
    start = before.start() if before is not None else lo.start
    return _range(start, a.end, lo.value * mult, lo.decimals_scale * mult, a.value, a.step, a.unit)


def _bare_low_end(text: str, a: Amount) -> MoneyMatch | None:
    """ "200 to 250 million yuan": a number with no currency, then the amount."""
    if a.prefixed or a.bound is not Bound.EXACT:
        return None
    m = search(LOW_END_BEFORE, text, max(0, a.start - LOOK_BACK), a.start)
    if m is None or (m["joiner"].lower() == "and" and not m["between"]):
        return None
    lows = numbers_in_run(text, *m.span("lo"))
    if not lows:
        return None
    lo = lows[-1]
    start = m.start("between") if m["between"] else lo.start
    return _range(start, a.end, lo.value, lo.decimals_scale, a.value, a.step, a.unit)


def merge_ranges(
    text: str, amounts: Iterable[Amount], single: Callable[[Amount], MoneyMatch]
) -> Iterator[MoneyMatch]:
    """MoneyMatches from scanned amounts, with adjacent ends merged into ranges."""
    pending: Amount | None = None
    last_end = 0
    for a in amounts:
        if pending is not None:
            between = search(
                BETWEEN_BEFORE, text, max(0, pending.bound_start - 12), pending.bound_start
            )
            if (
                pending.unit == a.unit
                and a.bound is Bound.EXACT
                and len(pending.inner) == 1
                and _joined(text, pending.end, a.start, between is not None)
            ):
                start = between.start() if between is not None else pending.bound_start
                yield _range(start, a.end, pending.value, pending.step, a.value, a.step, a.unit)
                last_end, pending = a.end, None
                continue
            yield _one(text, pending, single, last_end)
            last_end = pending.end
        pending = a
    if pending is not None:
        yield _one(text, pending, single, last_end)


def _one(
    text: str, a: Amount, single: Callable[[Amount], MoneyMatch], not_before: int
) -> MoneyMatch:
    """A lone amount: a range if its run or the words before it make one, else itself."""
    found = _within_run(text, a) or _bare_low_end(text, a)
    if found is not None and found.start >= not_before:
        return found
    return single(a)
