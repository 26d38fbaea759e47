"""Calendar arithmetic for the date reader: spans of months, weeks, quarters, seasons.

Pure functions of dates; no text and no patterns. Weeks run Monday to Sunday, and the
weeks "of" a month or year are ISO-style: a week belongs where its Thursday falls.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import Enum

from checker.model import DateSpan

MIN_YEAR = 1000
MAX_YEAR = 2199


# With no tense to go by, a yearless date is read forward unless the coming occurrence is
# more than this many times as far away as the past one: a verbless "October 3" is more
# often a schedule than a record, but a dateline "March 3" on March 4 is yesterday.
FORWARD_BIAS = 2


class Grain(str, Enum):
    """How coarse a date expression is: "March 20" is a day, "2024" a year."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


class Direction(int, Enum):
    """Which occurrence of a yearless date to take, relative to the reference."""

    PAST = -1  # the most recent one on or before the reference
    NEAREST = 0  # whichever is closer, leaning forward (FORWARD_BIAS)
    FUTURE = 1  # the next one on or after the reference


def shift_years(d: date, years: int) -> date:
    """The same day `years` later (earlier if negative); 29 February falls back to the 28th."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def shift_months(d: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts do not make one (30 February, year 0)."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def month_span(year: int, month: int, first: int = 1, last: int = 31) -> DateSpan:
    """Days `first`..`last` of a month (clamped to its length); the whole month by default."""
    length = calendar.monthrange(year, month)[1]
    return DateSpan(date(year, month, min(first, length)), date(year, month, min(last, length)))


def months_span(year: int, first: int, last: int) -> DateSpan:
    """Months `first`..`last` of one year."""
    return DateSpan(month_span(year, first).start, month_span(year, last).end)


def year_span(year: int) -> DateSpan:
    """The whole of one year."""
    return DateSpan(date(year, 1, 1), date(year, 12, 31))


def quarter_span(year: int, quarter: int) -> DateSpan:
    """Quarter 1..4 of a year."""
    return months_span(year, 3 * quarter - 2, 3 * quarter)


def week_span(d: date, weeks: int = 0) -> DateSpan:
    """The Monday-to-Sunday week containing `d`, moved by `weeks` whole weeks."""
    monday = d - timedelta(days=d.weekday()) + timedelta(weeks=weeks)
    return DateSpan(monday, monday + timedelta(days=6))


def iso_week_span(year: int, week: int) -> DateSpan | None:
    """ISO week `week` of `year`, or None when the year has no such week."""
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return DateSpan(monday, monday + timedelta(days=6))


def weeks_in(span: DateSpan) -> list[DateSpan]:
    """The Monday-to-Sunday weeks whose Thursday falls inside `span`, in order."""
    thursday = span.start + timedelta(days=(3 - span.start.weekday()) % 7)
    weeks = []
    while thursday <= span.end:
        weeks.append(DateSpan(thursday - timedelta(days=3), thursday + timedelta(days=3)))
        thursday += timedelta(weeks=1)
    return weeks


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The `nth` (1-based; -1 the last) given weekday of a month, or None."""
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == weekday]  # fmt: skip
    index = nth - 1 if nth > 0 else nth
    return date(year, month, days[index]) if -len(days) <= index < len(days) else None


def season_span(start_year: int, bounds: tuple[tuple[int, int], tuple[int, int]]) -> DateSpan:
    """The season starting in `start_year`; winter runs on into the next year."""
    (m1, d1), (m2, d2) = bounds
    end_year = start_year + 1 if (m2, d2) < (m1, d1) else start_year
    return DateSpan(date(start_year, m1, d1), date(end_year, m2, d2))


def decade_span(first_year: int, decades: int = 1) -> DateSpan:
    """The decade (or run of decades) starting in `first_year`."""
    return DateSpan(date(first_year, 1, 1), date(first_year + 10 * decades - 1, 12, 31))


def weekday_near(ref: date, weekday: int, direction: Direction, *, strict: bool = False) -> date:
    """The given weekday on or before (PAST) or on or after (FUTURE) the reference.

    With `strict`, the reference day itself does not count ("this past Wednesday").
    """
    if direction is Direction.FUTURE:
        ahead = (weekday - ref.weekday()) % 7 or (7 if strict else 0)
        return ref + timedelta(days=ahead)
    back = (ref.weekday() - weekday) % 7 or (7 if strict else 0)
    return ref - timedelta(days=back)


def pick_occurrence(candidates: list[DateSpan], ref: date, direction: Direction) -> DateSpan:
    """From yearly candidates in date order, the one a reader at `ref` means."""
    past = [c for c in candidates if c.start <= ref]
    future = [c for c in candidates if c.end >= ref]
    if direction is Direction.PAST and past:
        return past[-1]
    if direction is Direction.FUTURE and future:
        return future[0]
    if past and future:
        before, after = past[-1], future[0]
        if before.end >= ref:  # the reference falls inside it
            return before
        return after if (after.start - ref) <= FORWARD_BIAS * (ref - before.end) else before
    return (past or future or candidates)[-1 if past else 0]


def yearly(ref: date, build: object) -> list[DateSpan]:
    """Candidates for the reference's year and the years either side, skipping impossible ones."""
    spans = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            span = build(year)  # type: ignore[operator]
        except (ValueError, OverflowError, IndexError):
            continue
        if span is not None:
            spans.append(span)
    return spans


def two_digit_year(yy: int) -> int:
    """ "'74" is 1974 and "'15" is 2015: news dates cluster around the turn of the century."""
    return 2000 + yy if yy < 40 else 1900 + yy


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def holiday(rule: tuple[int, int] | str, year: int) -> date | None:
    """The date of a holiday (a HOLIDAYS entry) in `year`."""
    if isinstance(rule, tuple):
        return safe_date(year, *rule)
    sunday = easter(year)
    thanksgiving = nth_weekday(year, 11, 3, 4)
    return {
        "easter": sunday,
        "good friday": sunday - timedelta(days=2),
        "easter monday": sunday + timedelta(days=1),
        "thanksgiving": thanksgiving,
        "black friday": thanksgiving + timedelta(days=1) if thanksgiving else None,
        "labor day": nth_weekday(year, 9, 0, 1),
        "memorial day": nth_weekday(year, 5, 0, -1),
    }.get(rule)


def weekend_around(d: date) -> DateSpan:
    """A holiday's weekend: the Saturday and Sunday nearest it, stretched to cover it."""
    saturday = (
        d + timedelta(days=(5 - d.weekday()) % 7)
        if d.weekday() < 3
        else d - timedelta(days=d.weekday() - 5)
    )
    if d.weekday() in (0, 1):  # Monday or Tuesday: the weekend just before
        saturday = d - timedelta(days=d.weekday() + 2)
    weekend = DateSpan(saturday, saturday + timedelta(days=1))
    return weekend.hull(DateSpan.day(d))
