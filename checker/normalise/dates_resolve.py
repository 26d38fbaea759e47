"""From a grammar match to calendar spans: what every resolver shares.

`dates.RESOLVERS` maps each branch name (`k_<kind>` in `dates_grammar`) to one function
per kind: absolute kinds in `dates_absolute`, relative ones in `dates_relative` and
`dates_deictic`, periods and holidays in their own modules. They share what is here: the
DateMatch result, the Context (text, reference, tense), and readers for the words.
A resolver returns DateMatch values (one match may give two: "2009-2010") or none when
the words name no real date ("February 30").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import regex

from checker.model import DateSpan
from checker.normalise import dates_calendar as cal
from checker.normalise.dates_calendar import Direction, Grain
from checker.normalise.dates_tense import Tense, tense_at
from checker.normalise.dates_words import (
    CARDINAL_WORDS,
    MONTHS,
    ORDINAL_WORDS,
    RELATIVE_WORDS,
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date expression found in a text, and the calendar span it names."""

    start: int
    end: int
    span: DateSpan | None
    alternatives: tuple[DateSpan, ...] = ()
    relative: bool = False
    grain: Grain = Grain.DAY
    future: bool | None = None


@dataclass(slots=True)
class Context:
    """What resolving needs beyond the match: the text, its reference date, the last day read."""

    text: str
    ref: date | None
    anchor: date | None = None  # the last single day resolved, for "the following morning"
    _tense: dict[int, Tense] = field(default_factory=dict)

    def direction(self, m: regex.Match[str], default: Direction = Direction.NEAREST) -> Direction:
        """Which way a yearless date points, from the tense of its clause."""
        if m.start() not in self._tense:
            self._tense[m.start()] = tense_at(self.text, m.start(), m.end())
        tense = self._tense[m.start()]
        if tense is Tense.PAST:
            return Direction.PAST
        return Direction.FUTURE if tense is Tense.FUTURE else default


Resolver = Callable[[regex.Match[str], Context], list[DateMatch]]


def found(
    m: regex.Match[str], span: DateSpan | None, grain: Grain = Grain.DAY, **kw: object
) -> list[DateMatch]:
    """One DateMatch covering the whole match."""
    return [DateMatch(m.start(), m.end(), span, grain=grain, **kw)]  # type: ignore[arg-type]


def day_number(word: str) -> int:
    """ "20", "20th", "twentieth", "twenty-first" -> the day of the month."""
    word = word.lower().strip()
    if word[:1].isdigit():
        return int(word.rstrip("stndrh"))
    return ORDINAL_WORDS.get(word, 0) or ORDINAL_WORDS.get(word.replace("-", " "), 0)


def month_number(word: str) -> int:
    """ "Sept.", "march" -> 9, 3."""
    return MONTHS[word.lower().rstrip(".").strip()]


def count_of(word: str) -> int:
    """ "3", "three", "a couple of" -> the number."""
    word = " ".join(word.lower().split())
    return (
        int(word)
        if word.isdigit()
        else CARDINAL_WORDS.get(word, CARDINAL_WORDS.get(word.replace("-", " "), 0))
    )


def ordinal_of(word: str) -> int:
    """ "first", "3rd", "last" -> 1, 3, -1."""
    word = word.lower()
    return -1 if word == "last" else day_number(word)


def year_of(m: regex.Match[str]) -> int | None:
    """The year the match names, from a four-digit or a two-digit group."""
    if m["year"]:
        return int(m["year"])
    if m["yy"]:
        return cal.two_digit_year(int(m["yy"]))
    return None


def relative_offset(word: str) -> int:
    """ "last" -> -1, "this" -> 0, "next" -> 1."""
    return RELATIVE_WORDS.get(" ".join(word.lower().split()), 0)


def yearless(
    m: regex.Match[str],
    ctx: Context,
    build: Callable[[int], DateSpan | None],
    grain: Grain,
    default: Direction = Direction.NEAREST,
) -> list[DateMatch]:
    """A date without a year, read against the reference in the direction of its tense."""
    if ctx.ref is None:
        return found(m, None, grain, relative=True)
    direction = ctx.direction(m, default)
    candidates = cal.yearly(ctx.ref, build)
    if not candidates:
        return []
    span = cal.pick_occurrence(candidates, ctx.ref, direction)
    future = None if direction is Direction.NEAREST else direction is Direction.FUTURE
    return found(m, span, grain, relative=True, future=future)


def dated(
    m: regex.Match[str],
    ctx: Context,
    year: int | None,
    build: Callable[[int], DateSpan | None],
    grain: Grain,
) -> list[DateMatch]:
    """`build(year)` when the year is given, else the yearless reading; [] when impossible."""
    if year is None:
        return yearless(m, ctx, build, grain)
    span = build(year)
    return found(m, span, grain) if span is not None else []


def day_builder(month: int, day: int) -> Callable[[int], DateSpan | None]:
    """Year -> the span of that day, or None for "30 February"."""

    def build(year: int) -> DateSpan | None:
        d = cal.safe_date(year, month, day)
        return DateSpan.day(d) if d else None

    return build
