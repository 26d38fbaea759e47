"""Resolvers for the kinds that count from the reference: weekdays, "last week", "three years ago".

Every function here needs the article's reference date; without one it returns a
DateMatch with span None and relative=True, never a guess from today's date.
"""

from __future__ import annotations

from datetime import date, timedelta

import regex

from checker.model import DateSpan
from checker.normalise import dates_calendar as cal
from checker.normalise.dates_calendar import Grain
from checker.normalise.dates_resolve import (
    Context,
    DateMatch,
    count_of,
    dated,
    day_builder,
    day_number,
    found,
    month_number,
    ordinal_of,
    relative_offset,
    year_of,
)
from checker.normalise.dates_words import UNITS, WEEKDAYS

DAY_WORDS = {"today": 0, "tonight": 0, "otd": 0, "yesterday": -1, "tomorrow": 1, "tmrw": 1}


def unresolved(m: regex.Match[str], grain: Grain = Grain.DAY) -> list[DateMatch]:
    """A relative expression with no reference date to count from."""
    return found(m, None, grain, relative=True)


def weekday_of(m: regex.Match[str]) -> int:
    """The weekday named in group "wd" (Monday is 0)."""
    return WEEKDAYS[m["wd"].lower().rstrip(".")]


def shifted(d: date, n: int, unit: str) -> date:
    """`d` moved by `n` of `unit` (day, week, fortnight, month, quarter, year, decade)."""
    if unit in ("day", "week", "fortnight"):
        return d + timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])
    months = n * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    return cal.shift_months(d, months)


def unit_span(d: date, unit: str, offset: int = 0, count: int = 1) -> DateSpan:
    """`count` calendar units starting `offset` units from the one containing `d`."""
    if unit == "day":
        first = d + timedelta(days=offset)
        return DateSpan(first, first + timedelta(days=count - 1))
    if unit in ("week", "fortnight"):
        size = 2 if unit == "fortnight" else 1
        a = cal.week_span(d, offset * size)
        return DateSpan(a.start, a.start + timedelta(days=7 * size * count - 1))
    if unit == "month":
        first = cal.shift_months(d.replace(day=1), offset)
        return DateSpan(first, cal.shift_months(first, count) - timedelta(days=1))
    if unit == "quarter":
        first = cal.shift_months(date(d.year, 3 * ((d.month - 1) // 3) + 1, 1), 3 * offset)
        return DateSpan(first, cal.shift_months(first, 3 * count) - timedelta(days=1))
    if unit == "decade":
        first = d.year // 10 * 10 + 10 * offset
        return cal.decade_span(first, count)
    return DateSpan(date(d.year + offset, 1, 1), date(d.year + offset + count - 1, 12, 31))


def weekday_in_week(ref: date, weekday: int, weeks: int) -> date:
    """The given weekday of the week `weeks` from the reference's own week."""
    return cal.week_span(ref, weeks).start + timedelta(days=weekday)


# --- nth forms ----------------------------------------------------------------------


def nth_weekday(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the first Tuesday of October", "the last Friday in May", "first Monday of last month"."""
    nth, weekday = ordinal_of(m["nth"]), weekday_of(m)
    if m["mon"]:
        month = month_number(m["mon"])
        return dated(
            m, ctx, year_of(m), lambda y: _day(cal.nth_weekday(y, month, weekday, nth)), Grain.DAY
        )
    if ctx.ref is None:
        return unresolved(m)
    first = cal.shift_months(ctx.ref.replace(day=1), relative_offset(m["relm"] or "this"))
    return found(m, _day(cal.nth_weekday(first.year, first.month, weekday, nth)), relative=True)


def nth_week(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the first week of 2021", "the last week of July", "the 2nd last week of October 2018"."""
    nth = ordinal_of(m["nth"])
    if m["fromlast"]:
        nth = -nth
    if m["mon"]:
        month = month_number(m["mon"])
        return dated(
            m,
            ctx,
            year_of(m),
            lambda y: _pick(cal.weeks_in(cal.month_span(y, month)), nth),
            Grain.WEEK,
        )
    if m["year"]:
        return found(m, _pick(cal.weeks_in(cal.year_span(int(m["year"]))), nth), Grain.WEEK)
    if ctx.ref is None:
        return unresolved(m, Grain.WEEK)
    unit = "month" if m["relm"] else "year"
    scope = unit_span(ctx.ref, unit, relative_offset(m["relm"] or m["rely"]))
    return found(m, _pick(cal.weeks_in(scope), nth), Grain.WEEK, relative=True)


def nth_day(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the third day of October", "the 5th last day of May", "the 20th of next month"."""
    nth = ordinal_of(m["nth"])
    if m["fromlast"]:
        nth = -nth
    if not nth or abs(nth) > 31:
        return []

    def in_month(year: int, month: int) -> DateSpan | None:
        span = cal.month_span(year, month)
        length = span.end.day
        day = nth if nth > 0 else length + 1 + nth
        return DateSpan.day(date(year, month, day)) if 1 <= day <= length else None

    if m["mon"]:
        month = month_number(m["mon"])
        return dated(m, ctx, year_of(m), lambda y: in_month(y, month), Grain.DAY)
    if ctx.ref is None:
        return unresolved(m)
    first = cal.shift_months(ctx.ref.replace(day=1), relative_offset(m["relm"]))
    span = in_month(first.year, first.month)
    return found(m, span, relative=True) if span else []


def week_of(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the week of October 6th", "w/c Feb 4": the Monday-to-Sunday week containing the day."""
    day = day_number(m["day"])
    if m["mon"]:
        month = month_number(m["mon"])
        build = day_builder(month, day)
        out = dated(m, ctx, year_of(m), build, Grain.WEEK)
        return [
            DateMatch(o.start, o.end, cal.week_span(o.span.start) if o.span else None,
                      relative=o.relative, grain=Grain.WEEK, future=o.future)
            for o in out
        ]  # fmt: skip
    if ctx.ref is None:
        return unresolved(m, Grain.WEEK)
    days = [cal.safe_date(f.year, f.month, day) for f in
            (cal.shift_months(ctx.ref.replace(day=1), k) for k in (-1, 0, 1))]  # fmt: skip
    spans = [DateSpan.day(d) for d in days if d]
    span = cal.pick_occurrence(spans, ctx.ref, ctx.direction(m))
    return found(m, cal.week_span(span.start), Grain.WEEK, relative=True)


def week_number(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "week 31", "week 3 of 2027": ISO weeks."""
    if m["year"]:
        year = int(m["year"])
    elif ctx.ref is None:
        return unresolved(m, Grain.WEEK)
    else:
        year = ctx.ref.year + relative_offset(m["rely"] or "this")
    span = cal.iso_week_span(year, int(m["wn"]))
    return found(m, span, Grain.WEEK, relative=not m["year"]) if span else []


def _day(d: date | None) -> DateSpan | None:
    return DateSpan.day(d) if d else None


def _pick(weeks: list[DateSpan], nth: int) -> DateSpan | None:
    index = nth - 1 if nth > 0 else nth
    return weeks[index] if -len(weeks) <= index < len(weeks) else None


def part_of(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the first 2 weeks of 2021", "the last four months of 2021", "the 9th month of 2022"."""
    if m["year"]:
        year = int(m["year"])
    elif ctx.ref is None:
        return unresolved(m, Grain.MONTH)
    else:
        year = ctx.ref.year + relative_offset(m["rely"])
    if m["nth"]:
        nth = ordinal_of(m["nth"])
        month = 12 if nth == -1 else nth
        return (
            found(m, cal.month_span(year, month), Grain.MONTH, relative=not m["year"])
            if 1 <= month <= 12
            else []
        )
    n, unit, first = count_of(m["n"]), UNITS[m["unit"].lower()], m["fl"].lower() == "first"
    whole = cal.year_span(year)
    if unit == "day":
        span = (
            DateSpan(whole.start, whole.start + timedelta(days=n - 1))
            if first
            else DateSpan(whole.end - timedelta(days=n - 1), whole.end)
        )
    elif unit == "week":
        weeks = cal.weeks_in(whole)
        chosen = weeks[:n] if first else weeks[-n:]
        span = DateSpan(chosen[0].start, chosen[-1].end)
    else:
        months = n * (3 if unit == "quarter" else 1)
        span = cal.months_span(year, 1, months) if first else cal.months_span(year, 13 - months, 12)
    grain = Grain.DAY if unit == "day" else Grain.WEEK if unit == "week" else Grain.MONTH
    return found(m, span, grain, relative=not m["year"])
