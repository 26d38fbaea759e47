"""Resolvers for periods longer than a month: quarters, halves, seasons, years, decades."""

from __future__ import annotations

from datetime import date

import regex

from checker.model import DateSpan
from checker.normalise import dates_calendar as cal
from checker.normalise.dates_calendar import Grain
from checker.normalise.dates_resolve import (
    Context,
    DateMatch,
    dated,
    day_number,
    found,
    ordinal_of,
    relative_offset,
    year_of,
)
from checker.normalise.dates_words import DECADE_WORDS, ORDINAL_WORDS, SEASONS


def quarter(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "Q1 2024", "2018Q4", "the third quarter of 2013", "the first quarter of the year"."""
    q = int(m["q"]) if m["q"] else ordinal_of(m["qn"])
    q = 4 if q == -1 else q
    if not 1 <= q <= 4:
        return []
    year = year_of(m)
    if year is None and m["rely"]:
        if ctx.ref is None:
            return found(m, None, Grain.QUARTER, relative=True)
        rel = m["rely"].lower()
        year = ctx.ref.year + (0 if rel == "the" else relative_offset(rel))
        return found(m, cal.quarter_span(year, q), Grain.QUARTER, relative=True)
    return dated(m, ctx, year, lambda y: cal.quarter_span(y, q), Grain.QUARTER)


def half(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the first half of 2024", "H2 2019"."""
    h = int(m["h"]) if m["h"] else (1 if m["hn"].lower() in ("first", "1st") else 2)
    if m["year"]:
        return found(m, cal.months_span(int(m["year"]), 6 * h - 5, 6 * h), Grain.HALF)
    if ctx.ref is None:
        return found(m, None, Grain.HALF, relative=True)
    rel = m["rely"].lower()
    year = ctx.ref.year + (0 if rel == "the" else relative_offset(rel))
    return found(m, cal.months_span(year, 6 * h - 5, 6 * h), Grain.HALF, relative=True)


def decade(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the 1990s", "the '80s", "the nineties", "the early 2000s"."""
    if m["dec"]:
        first = int(m["dec"])
    else:
        tens = int(m["dd"]) if m["dd"] else DECADE_WORDS[m["dw"].lower()]
        now = ctx.ref.year if ctx.ref else 1999
        first = 2000 + tens if 2000 + tens <= now else 1900 + tens
    if m["mod"]:
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[m["mod"].lower()]
        return found(m, DateSpan(date(first + lo, 1, 1), date(first + hi, 12, 31)), Grain.DECADE)
    return found(m, cal.decade_span(first), Grain.DECADE)


def century(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the 21st century" -> 2000..2099 (the popular reckoning, not 2001..2100)."""
    c = day_number(m["cn"]) if m["cn"][:1].isdigit() else ORDINAL_WORDS.get(m["cn"].lower(), 0)
    if not 1 <= c <= 22:
        return []
    first = max(1, (c - 1) * 100)
    return found(m, DateSpan(date(first, 1, 1), date((c - 1) * 100 + 99, 12, 31)), Grain.CENTURY)


def season(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "summer 2023", "this winter", "last summer" (astronomical bounds)."""
    bounds = SEASONS[m["season"].lower()]
    if m["year"]:
        return found(m, cal.season_span(int(m["year"]), bounds), Grain.SEASON)
    if ctx.ref is None:
        return found(m, None, Grain.SEASON, relative=True)
    ref = ctx.ref
    spans = [cal.season_span(y, bounds) for y in range(ref.year - 2, ref.year + 2)]
    offset = relative_offset(m["rels"])
    if offset == 0:
        span = next(
            (s for s in spans if s.start <= ref <= s.end), cal.season_span(ref.year, bounds)
        )
    elif offset < 0:
        span = [s for s in spans if s.end < ref][-1]
    else:
        span = [s for s in spans if s.start > ref][0]
    return found(m, span, Grain.SEASON, relative=True)


def calendar_year(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "calendar year 2008", "the year 2008", "CY18"."""
    year = year_of(m)
    return found(m, cal.year_span(year), Grain.YEAR) if year else []


def year_pair(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "2009-2010", "1957-58": two years, reported separately as TimeML does."""
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if not y1 < y2 <= y1 + (10 if len(m["y2"]) == 2 else 50):
        return []
    s2 = m.start("y2")
    return [DateMatch(m.start("y1"), m.end("y1"), cal.year_span(y1), grain=Grain.YEAR),
            DateMatch(s2, m.end("y2"), cal.year_span(y2), grain=Grain.YEAR)]  # fmt: skip


def year(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """A bare year in a date-like place: "in 1945", "since 2012", "a 2010 raid"."""
    return found(m, cal.year_span(int(m["year"])), Grain.YEAR)
