"""Resolvers for words that point from the reference: "on Tuesday", "last week", "two days ago".

Conventions (news reading, shared by Duckling and Recognizers-Text where they agree):
- a bare weekday is the last one on or before the reference, or with future tense the
  next one on or after it; the reference day itself counts both ways;
- "last Tuesday" / "next Tuesday" are the Tuesday of the previous / next Monday-Sunday week;
  "this past Tuesday" / "this coming Tuesday" the nearest one strictly before / after;
- "N years ago" is the whole year; "N days/weeks/months ago" and "in N weeks" a single day;
  but "in N years" after a superlative or "the first (time)" is a duration, not a date
  ("the lowest level in 20 years", "for the first time in 20 years");
- "the last 2 weeks" counts whole calendar units; "the 3 next weeks" counts days.
"""

from __future__ import annotations

from datetime import timedelta

import regex

from checker.model import DateSpan
from checker.normalise import dates_calendar as cal
from checker.normalise.dates_calendar import Direction, Grain
from checker.normalise.dates_relative import (
    DAY_WORDS,
    shifted,
    unit_span,
    unresolved,
    weekday_in_week,
    weekday_of,
)
from checker.normalise.dates_resolve import (
    Context,
    DateMatch,
    count_of,
    found,
    month_number,
    relative_offset,
    yearless,
)
from checker.normalise.dates_words import SUPERLATIVES, UNITS
from checker.patterns import compile_pattern, search

BACKWARD = ("ago", "back", "earlier", "before")

# What before "in N years" makes it the length of a record, not a date: a superlative
# ("the lowest level in"), or "the first" with "time", "such" or a noun ("its first cut
# in"), in the same clause and with no future verb between ("the lowest bidder will be
# chosen in two weeks" is still a date).
IN_N_AS_DURATION = compile_pattern(
    r"""
    \b (?: \L<superlatives> | (?: first | only | second | third ) (?! \s+ to \b ) ) \b
    (?: (?! \b (?: will | would | shall | to | going )\b | ['’]ll \b ) [^.,;:!?()\[\]"“”\n] ){0,60}
    \Z
    """,
    superlatives=SUPERLATIVES,
)
# How far before "in N years" that phrase may begin.
DURATION_REACH = 90


def unit_of(word: str) -> str:
    """ "weeks" -> "week"; "yr" -> "year"."""
    return UNITS[word.lower()]


def ago(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "three years ago" (the year), "two days ago", "a fortnight later" (from the day read)."""
    direction = m["dir"].lower().split()[0]
    base = ctx.anchor if direction in ("later", "earlier") and ctx.anchor else ctx.ref
    if base is None:
        return unresolved(m)
    sign = -1 if direction in BACKWARD else 1
    n, unit = count_of(m["n"]), unit_of(m["unit"])
    if not n:
        return []
    if unit in ("year", "decade") and not m["n2"] and direction in ("ago", "back", "earlier"):
        years = n * (10 if unit == "decade" else 1)
        return found(m, cal.year_span(base.year - years), Grain.YEAR, relative=True)
    d = shifted(base, sign * n, unit)
    if m["n2"]:
        d = shifted(d, sign * count_of(m["n2"]), unit_of(m["unit2"]))
    return found(m, DateSpan.day(d), relative=True)


def weekdays_ago(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "2 Thursdays ago", "three Fridays from now"."""
    if ctx.ref is None:
        return unresolved(m)
    n, weekday = count_of(m["n"]), weekday_of(m)
    if m["dir"].lower() in ("ago", "back"):
        d = cal.weekday_near(ctx.ref, weekday, Direction.PAST, strict=True) - timedelta(weeks=n - 1)
    else:
        d = cal.weekday_near(ctx.ref, weekday, Direction.FUTURE, strict=True) + timedelta(
            weeks=n - 1
        )
    return found(m, DateSpan.day(d), relative=True)


def from_day(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "two days after today", "three weeks from tomorrow", "two days before yesterday"."""
    if ctx.ref is None:
        return unresolved(m)
    base = ctx.ref + timedelta(days=DAY_WORDS[m["w"].lower()])
    sign = -1 if m["dir"].lower() == "before" else 1
    d = shifted(base, sign * count_of(m["n"]), unit_of(m["unit"]))
    return found(m, DateSpan.day(d), relative=True)


def in_n(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "in two weeks" (that day); "within 9 months" (from the reference to then)."""
    if ctx.ref is None:
        return unresolved(m)
    n, unit = count_of(m["n"]), unit_of(m["unit"])
    if not n:
        return []
    words = m.group().lower()
    if not words.startswith("within") and not words.endswith(("time", "now", "today")):
        lead = search(IN_N_AS_DURATION, ctx.text, max(0, m.start() - DURATION_REACH), m.start())
        if lead is not None:
            return []
    d = shifted(ctx.ref, n, unit)
    if words.lstrip().startswith("within"):
        return found(m, DateSpan(ctx.ref, d - timedelta(days=1)), relative=True)
    return found(m, DateSpan.day(d), relative=True)


def last_n(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the last two weeks", "next 3 months": whole calendar units before or after this one."""
    if ctx.ref is None:
        return unresolved(m)
    n, unit = count_of(m["n"]), unit_of(m["unit"])
    if not n:
        return []
    backward = m["reln"].lower() in ("last", "past", "previous")
    offset = -n if backward else 1
    grain = (
        Grain.DAY if unit == "day" else Grain.WEEK if unit in ("week", "fortnight") else Grain.MONTH
    )
    return found(m, unit_span(ctx.ref, unit, offset, n), grain, relative=True)


def n_next(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the 3 next weeks", "the 5 past years": counted in days from the reference."""
    if ctx.ref is None:
        return unresolved(m)
    n, unit = count_of(m["n"]), unit_of(m["unit"])
    if not n:
        return []
    if m["reln"].lower() in ("past", "previous", "last"):
        return found(
            m, DateSpan(shifted(ctx.ref, -n, unit), ctx.ref - timedelta(days=1)), relative=True
        )
    return found(m, DateSpan(ctx.ref + timedelta(days=1), shifted(ctx.ref, n, unit)), relative=True)


def weekday_week(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "Wednesday of next week", "last week's Sunday", "next week on Tuesday"."""
    if ctx.ref is None:
        return unresolved(m)
    d = weekday_in_week(ctx.ref, weekday_of(m), relative_offset(m["relw"]))
    return found(m, DateSpan.day(d), relative=True)


def after_next(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "Friday after next" (next week's Friday), "March after next", "the week after next"."""
    if ctx.ref is None:
        return unresolved(m)
    if m["wd"]:
        return found(m, DateSpan.day(weekday_in_week(ctx.ref, weekday_of(m), 1)), relative=True)
    if m["mon"]:
        month = month_number(m["mon"])
        year = (
            ctx.ref.year + (2 if month > ctx.ref.month else 1)
            if month != ctx.ref.month
            else ctx.ref.year + 2
        )
        year = ctx.ref.year + 1 + (1 if month <= ctx.ref.month else 0)
        return found(m, cal.month_span(year, month), Grain.MONTH, relative=True)
    unit = m["unit"].lower()
    return found(m, unit_span(ctx.ref, unit, 2), Grain(unit), relative=True)


def rel_unit(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "last week", "this year", "next month", "earlier this week", "the past fortnight"."""
    unit = m["unit"].lower()
    unit = {"yr": "year", "qtr": "quarter"}.get(unit, unit)
    grain = {"weekend": Grain.WEEK, "fortnight": Grain.WEEK}.get(unit) or Grain(unit)
    if ctx.ref is None:
        return unresolved(m, grain)
    ref, offset = ctx.ref, relative_offset(m["relu"])
    if unit == "weekend":
        saturday = cal.week_span(ref, offset).start + timedelta(days=5)
        return found(m, DateSpan(saturday, saturday + timedelta(days=1)), grain, relative=True)
    if unit == "fortnight":
        # Fortnights are two-week blocks counted from the start of the current week.
        first = cal.week_span(ref, 2 * offset).start
        return found(m, DateSpan(first, first + timedelta(days=13)), grain, relative=True)
    span = unit_span(ref, unit, offset)
    pre = (m["pre"] or "").lower()
    if pre == "earlier" and span.start <= ref <= span.end:
        span = DateSpan(span.start, ref)
    elif pre == "later" and span.start <= ref <= span.end:
        span = DateSpan(ref, span.end)
    return found(m, span, grain, relative=True)


def rel_day(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "today", "yesterday", "tomorrow", "the day before yesterday"."""
    if ctx.ref is None:
        return unresolved(m)
    days = DAY_WORDS[m["w"].lower()]
    if m["ba"]:
        days += -1 if m["ba"].lower() == "before" else 1
    return found(m, DateSpan.day(ctx.ref + timedelta(days=days)), relative=True)


def anchored(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "the following morning", "the day before": from the last day read, else the reference."""
    base = ctx.anchor or ctx.ref
    if base is None:
        return unresolved(m)
    word = (m["relday"] or m["ba"]).lower()
    step = -1 if word in ("previous", "preceding", "before") else 1
    return found(m, DateSpan.day(base + timedelta(days=step)), relative=True)


def rel_weekday(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "last Tuesday", "next Friday", "this past Wednesday", "this Monday"."""
    if ctx.ref is None:
        return unresolved(m)
    word, weekday = " ".join(m["relwd"].lower().split()), weekday_of(m)
    if word in ("last", "previous"):
        d = weekday_in_week(ctx.ref, weekday, -1)
    elif word in ("next", "following"):
        d = weekday_in_week(ctx.ref, weekday, 1)
    elif word in ("this past", "past"):
        d = cal.weekday_near(ctx.ref, weekday, Direction.PAST, strict=True)
    elif word == "this":
        direction = ctx.direction(m, Direction.FUTURE)
        d = cal.weekday_near(
            ctx.ref, weekday, Direction.PAST if direction is Direction.PAST else Direction.FUTURE
        )
    else:
        d = cal.weekday_near(ctx.ref, weekday, Direction.FUTURE, strict=True)
    return found(m, DateSpan.day(d), relative=True)


def rel_month(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "last September" (the latest before this month), "next March", "May last year"."""
    if ctx.ref is None:
        return unresolved(m, Grain.MONTH)
    month, ref = month_number(m["mon"]), ctx.ref
    if m["relyear"]:
        year = ref.year + relative_offset(m["relyear"])
    else:
        offset = relative_offset(m["relmon"])
        if offset < 0:
            year = ref.year if month < ref.month else ref.year - 1
        elif offset > 0:
            year = ref.year if month > ref.month else ref.year + 1
        else:
            year = ref.year
    return found(m, cal.month_span(year, month), Grain.MONTH, relative=True)


def weekday(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "on Tuesday", "Friday morning", "a Friday statement": past unless the clause is future."""
    if ctx.ref is None:
        return unresolved(m)
    direction = ctx.direction(m, Direction.PAST)
    d = cal.weekday_near(ctx.ref, weekday_of(m), direction)
    return found(m, DateSpan.day(d), relative=True, future=direction is Direction.FUTURE)


def month(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "in February": the nearest February the tense allows."""
    number = month_number(m["mon"])
    return yearless(m, ctx, lambda y: cal.month_span(y, number), Grain.MONTH)


def the_unit(m: regex.Match[str], ctx: Context) -> list[DateMatch]:
    """ "partner of the year", "for the week": the current one."""
    unit = m["unit"].lower()
    grain = Grain.WEEK if unit == "weekend" else Grain(unit)
    if ctx.ref is None:
        return unresolved(m, grain)
    if unit == "weekend":
        saturday = cal.week_span(ctx.ref).start + timedelta(days=5)
        return found(m, DateSpan(saturday, saturday + timedelta(days=1)), grain, relative=True)
    return found(m, unit_span(ctx.ref, unit), grain, relative=True)
