"""Resolvers for holidays, offsets from a date ("two weeks before Christmas") and years said aloud.

Holidays are computed per year (`dates_calendar.holiday`), so "Easter" and "Thanksgiving"
move with the calendar; a yearless holiday follows the tense like any yearless date.
"""

from __future__ import annotations

import regex

from checker.model import DateSpan
from checker.normalise import dates_calendar as cal
from checker.normalise.dates_calendar import Grain
from checker.normalise.dates_relative import shifted
from checker.normalise.dates_resolve import (
    Context,
    DateMatch,
    count_of,
    dated,
    day_builder,
    day_number,
    found,
    month_number,
    relative_offset,
)
from checker.normalise.dates_words import HOLIDAYS, TEEN_WORDS, TENS_WORDS, UNIT_WORDS, UNITS


def holiday_rule(m: regex.Match[str]) -> tuple[int, int] | str:
    """The HOLIDAYS entry for the holiday named in group "hol"."""
    name = " ".join(m["hol"].lower().split())
    return HOLIDAYS[name[4:] if name.startswith("the ") else name]


def holiday(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "Christmas", "Easter 2018", "last Easter", "Independence Day of this year"."""
    rule = holiday_rule(m)

    def build(year: int) -> DateSpan | None:
        d = cal.holiday(rule, year)
        return DateSpan.day(d) if d else None

    if m["year"]:
        return dated(m, ctx, int(m["year"]), build, Grain.DAY)
    if ctx.ref is None:
        return found(m, None, relative=True)
    if m["rely"]:
        return dated(m, ctx, ctx.ref.year + relative_offset(m["rely"]), build, Grain.DAY)
    rel = (m["relh"] or "").lower()
    candidates = cal.yearly(ctx.ref, build)
    if rel in ("last", "previous"):
        span = [c for c in candidates if c.start < ctx.ref][-1]
    elif rel in ("next", "following", "coming"):
        span = [c for c in candidates if c.start > ctx.ref][0]
    else:
        span = cal.pick_occurrence(candidates, ctx.ref, ctx.direction(m))
    return found(m, span, relative=True)


def holiday_weekend(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "Labor Day weekend", "the weekend of Halloween": the holiday's Saturday and Sunday."""
    out = holiday(m, ctx)
    return [DateMatch(o.start, o.end, cal.weekend_around(o.span.start) if o.span else None,
                      relative=o.relative, grain=Grain.WEEK) for o in out]  # fmt: skip


def offset_prefix(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "two weeks before" on its own names no date; `find_dates` joins it to the next one."""
    return []


def apply_offset(
    prefix: regex.Match[str], results: list[DateMatch], ctx: Context
) -> list[DateMatch]:
    """ "two weeks before" + "May 13 1999" -> 29 April 1999, when the two are adjacent."""
    if not results or results[0].span is None or ctx.text[prefix.end() : results[0].start].strip():
        return results
    first = results[0]
    sign = -1 if prefix["dir"].lower() == "before" else 1
    d = shifted(first.span.start, sign * count_of(prefix["n"]), UNITS[prefix["unit"].lower()])
    joined = DateMatch(prefix.start(), first.end, DateSpan.day(d), relative=first.relative)
    return [joined, *results[1:]]


def year_from_words(words: str) -> int | None:
    """ "nineteen ninety six" -> 1996; "two thousand and fifteen" -> 2015."""
    tokens = [t for t in regex.split(r"[\s\-]+", words.lower()) if t and t != "and"]
    if tokens[:2] == ["two", "thousand"]:
        rest = small_number(tokens[2:])
        return None if rest is None else 2000 + rest
    if not tokens or tokens[0] not in {**TEEN_WORDS, "twenty": 20}:
        return None
    head = TEEN_WORDS.get(tokens[0], 20)
    tail = tokens[2:] if tokens[1:2] == ["hundred"] else tokens[1:]
    rest = small_number(tail)
    return None if rest is None else head * 100 + rest


def small_number(tokens: list[str]) -> int | None:
    """["ninety", "six"] -> 96; [] -> 0; anything else -> None."""
    if not tokens:
        return 0
    if len(tokens) == 1:
        word = tokens[0]
        return UNIT_WORDS.get(word) or TEEN_WORDS.get(word) or TENS_WORDS.get(word)
    if len(tokens) == 2 and tokens[0] in TENS_WORDS and tokens[1] in UNIT_WORDS:
        return TENS_WORDS[tokens[0]] + UNIT_WORDS[tokens[1]]
    return None


def word_date(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "October two thousand and five", "fifteen August nineteen ninety three"."""
    year = year_from_words(m["yw"])
    if year is None:
        return []
    if not m["mon"]:
        return found(m, cal.year_span(year), Grain.YEAR)
    month = month_number(m["mon"])
    if not m["day"]:
        return found(m, cal.month_span(year, month), Grain.MONTH)
    day = day_number(m["day"]) or small_number(m["day"].lower().replace("-", " ").split()) or 0
    span = day_builder(month, day)(year)
    return found(m, span) if span else []
