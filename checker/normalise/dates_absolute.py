"""Resolvers for absolute dates: "March 20", "20 March 2023", "2023-03-20", "from 13 to 15 July".

A yearless date takes its year from the reference and the tense (`dates_resolve.yearless`);
one with a year is read as it stands (`dates_resolve.dated`).
"""

from __future__ import annotations

import regex

from checker.model import DateSpan
from checker.normalise import dates_calendar as cal
from checker.normalise.dates_calendar import Grain
from checker.normalise.dates_grammar import MONTH_PART
from checker.normalise.dates_resolve import (
    Context,
    DateMatch,
    dated,
    day_builder,
    day_number,
    found,
    month_number,
    relative_offset,
    year_of,
    yearless,
)
from checker.normalise.dates_words import MONTH_PARTS, WEEKDAYS, YEAR_PARTS
from checker.patterns import search


def month_part_span(text: str, year: int) -> DateSpan | None:
    """ "late August" in `year` -> 21..31 August."""
    part = search(MONTH_PART, text)
    if part is None:
        return None
    month = month_number(part["mon"])
    if part["year"]:
        year = int(part["year"])
    if part["mod"]:
        first, last = MONTH_PARTS[part["mod"].lower().replace(" ", " ")]
        return cal.month_span(year, month, first, last)
    return cal.month_span(year, month)


def part_year(text: str) -> int | None:
    """The explicit year of a month part, if it has one."""
    part = search(MONTH_PART, text)
    return int(part["year"]) if part and part["year"] else None


def range_ddm(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "from 13 to 15 July", "1-8 September 2024"."""
    month, d1, d2 = month_number(m["mon"]), day_number(m["d1"]), day_number(m["d2"])
    if not 0 < d1 < d2:
        return []
    if m["and1"]:  # "18 and 19 June": two days, not a range
        first = dated(m, ctx, year_of(m), day_builder(month, d1), Grain.DAY)
        second = dated(m, ctx, year_of(m), day_builder(month, d2), Grain.DAY)
        if not first or not second:
            return []
        return [
            DateMatch(m.start("d1"), m.end("d1"), first[0].span, relative=first[0].relative),
            DateMatch(m.start("d2"), m.end(), second[0].span, relative=second[0].relative),
        ]

    def build(year: int) -> DateSpan | None:
        a, b = cal.safe_date(year, month, d1), cal.safe_date(year, month, d2)
        return DateSpan(a, b) if a and b else None

    return dated(m, ctx, year_of(m), build, Grain.DAY)


def range_mdd(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "March 20 to 22", "July 13 - July 15", "between May 16 and 17"."""
    m1 = month_number(m["mon"])
    m2 = month_number(m["mon2"]) if m["mon2"] else m1
    d1, d2 = day_number(m["d1"]), day_number(m["d2"])

    def build(year: int) -> DateSpan | None:
        a = cal.safe_date(year, m1, d1)
        b = cal.safe_date(year + (1 if m2 < m1 else 0), m2, d2)
        return DateSpan(a, b) if a and b and a < b else None

    return dated(m, ctx, year_of(m), build, Grain.DAY)


def span_pair(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "from late August to early September": from the start of one to the end of the other."""
    year = part_year(m["p1"]) or part_year(m["p2"])

    def build(y: int) -> DateSpan | None:
        a, b = month_part_span(m["p1"], y), month_part_span(m["p2"], y)
        if a and b and b.end < a.start:
            b = month_part_span(m["p2"], y + 1)
        return a.hull(b) if a and b else None

    return dated(m, ctx, year, build, Grain.MONTH)


def alt_pair(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "late August or early September": each alternative, and their hull as the span."""
    year = part_year(m["p1"]) or part_year(m["p2"])

    def build(y: int) -> DateSpan | None:
        a, b = month_part_span(m["p1"], y), month_part_span(m["p2"], y)
        return a.hull(b) if a and b else None

    out = dated(m, ctx, year, build, Grain.MONTH)
    if not out or out[0].span is None:
        return out
    y = out[0].span.start.year if year is None else year
    alts = tuple(s for s in (month_part_span(m["p1"], y), month_part_span(m["p2"], y)) if s)
    first = out[0]
    return [
        DateMatch(
            first.start, first.end, first.span, alts, first.relative, first.grain, first.future
        )
    ]


def weekday_date(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "Tuesday, March 7", "Monday 21", "Friday 7/6": the weekday picks the year or month."""
    weekday = WEEKDAYS[m["wd"].lower().rstrip(".")]
    if m["mn"]:
        month, day = int(m["mn"]), int(m["dn"])
    elif m["mon"]:
        month, day = month_number(m["mon"]), day_number(m["day"])
    else:
        return day_only_with_weekday(m, ctx, day_number(m["day"]), weekday)
    year = year_of(m)
    if year is not None:
        d = cal.safe_date(year, month, day)
        return found(m, DateSpan.day(d)) if d else []
    # The year nearest the reference wins even when the weekday disagrees: in news a
    # mismatched weekday is a slip more often than a date years away.
    return yearless(m, ctx, day_builder(month, day), Grain.DAY)


def day_only_with_weekday(
    m: regex.Match[str], ctx: Context, day: int, weekday: int
) -> list[DateMatch]:
    """ "Monday 21": the month, near the reference, in which the 21st is a Monday."""
    if ctx.ref is None:
        return found(m, None, relative=True)
    spans = []
    for offset in range(-12, 13):
        first = cal.shift_months(ctx.ref.replace(day=1), offset)
        d = cal.safe_date(first.year, first.month, day)
        if d and d.weekday() == weekday:
            spans.append(DateSpan.day(d))
    if not spans:
        return []
    return found(m, cal.pick_occurrence(spans, ctx.ref, ctx.direction(m)), relative=True)


def ordinal_day(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "on the 18th": that day of the month nearest the reference the tense allows."""
    day = day_number(m["day"])
    if ctx.ref is None:
        return found(m, None, relative=True)
    firsts = [cal.shift_months(ctx.ref.replace(day=1), k) for k in (-2, -1, 0, 1, 2)]
    spans = [DateSpan.day(d) for f in firsts if (d := cal.safe_date(f.year, f.month, day))]
    return found(m, cal.pick_occurrence(spans, ctx.ref, ctx.direction(m)), relative=True)


def numeric_date(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "10/31/1974", "23.04.2022", "3/3/15": month first unless that cannot be."""
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else cal.two_digit_year(int(y))
    day_first = a > 12 or (m["sep"] == "." and b <= 12)
    month, day = (b, a) if day_first else (a, b)
    d = cal.safe_date(year, month, day)
    return found(m, DateSpan.day(d)) if d else []


def iso_date(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "2023-03-20", "20230320", "2019/aug/01"."""
    month = int(m["mn"]) if m["mn"] else month_number(m["mon"])
    d = cal.safe_date(int(m["year"]), month, int(m["dn"]))
    return found(m, DateSpan.day(d)) if d else []


def month_day(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "March 20", "Mar. 20, 2023", "20 March", "the 9th of May"."""
    month, day = month_number(m["mon"]), day_number(m["day"])
    if not 1 <= day <= 31:
        return []
    return dated(m, ctx, year_of(m), day_builder(month, day), Grain.DAY)


def month_number_form(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "2015-12", "12/2015", "Dec-2018": a whole month."""
    month = int(m["mn"]) if m["mn"] else month_number(m["mon"])
    return found(m, cal.month_span(int(m["year"]), month), Grain.MONTH)


def slash_day(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "11/20", "22/04", "Oct/2": a yearless day, unless it reads as a fraction ("2/3", "24/7")."""
    if m["mon"]:
        month, day = month_number(m["mon"]), int(m["dn"])
    else:
        a, b = int(m["a"]), int(m["b"])
        if (b <= 10 and a < b) or (a, b) == (24, 7) or a == 0 or b == 0:
            return []
        month, day = (b, a) if a > 12 else (a, b)
        if month > 12:
            return []
    return yearless(m, ctx, day_builder(month, day), Grain.DAY)


def month_year(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "February 2022", "April of '87", "2017 April"."""
    year = year_of(m)
    return found(m, cal.month_span(year, month_number(m["mon"])), Grain.MONTH) if year else []


def mod_month(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "late August" (21st to the end), "early September 2025" (1st to 10th)."""
    first, last = MONTH_PARTS[" ".join(m["mod"].lower().split())]
    month = month_number(m["mon"])
    return dated(m, ctx, year_of(m), lambda y: cal.month_span(y, month, first, last), Grain.MONTH)


def mod_year(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "mid-2023" (May to August), "late last year"."""
    first, last = YEAR_PARTS[" ".join(m["mod"].lower().split())]
    if m["year"]:
        return found(m, cal.months_span(int(m["year"]), first, last), Grain.MONTH)
    if ctx.ref is None:
        return found(m, None, Grain.MONTH, relative=True)
    year = ctx.ref.year + relative_offset(m["rely"])
    return found(m, cal.months_span(year, first, last), Grain.MONTH, relative=True)
