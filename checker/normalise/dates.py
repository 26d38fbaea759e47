"""Dates in news text: find them, and resolve them against the article's publication date.

Finds   absolute dates ("March 20", "20 March 2023", "2023-03-20", "Q1 2024", "the 1990s"),
        ranges and alternatives ("March 20 to 22", "late August or early September"),
        relative ones ("on Tuesday", "last week", "three years ago", "the following morning")
        and bare years in date-like places ("in 1945", "since 2012").
Gives   a DateMatch: the span of the words, an inclusive DateSpan (None when a relative
        expression has no reference date), alternatives, grain, and the tense used.
Not     clock times, durations ("for three years"), open ranges ("since May" gives May),
        numbers that only look like years ("$2024", "2,000 troops").

The reference is the publication date; there is no implicit "now". Yearless and weekday
dates follow the tense of their clause (`dates_tense`): past or no tense looks back,
future looks forward; a yearless month or day with no tense at all takes the nearest.

Layout: `dates_words` (tables) -> `dates_fragments` + `dates_openers` -> `dates_grammar`
(one combined pattern) -> `dates_scan` (where it runs) -> `dates_absolute` / `dates_relative`
/ `dates_deictic` / ... (one resolver per branch, on `dates_resolve`) -> here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.normalise import dates_absolute as absolute
from checker.normalise import dates_deictic as deictic
from checker.normalise import dates_holidays as holidays
from checker.normalise import dates_periods as periods
from checker.normalise import dates_relative as relative
from checker.normalise.dates_calendar import Grain, shift_years
from checker.normalise.dates_resolve import Context, DateMatch, Resolver
from checker.normalise.dates_scan import scan
from checker.patterns import compile_pattern

__all__ = ["DateMatch", "Grain", "find_dates", "parse_date", "shift_years"]

# One resolver per grammar branch; a test checks that the two lists agree.
RESOLVERS: dict[str, Resolver] = {
    "k_range_ddm": absolute.range_ddm,
    "k_range_mdd": absolute.range_mdd,
    "k_span_pair": absolute.span_pair,
    "k_holiday_weekend": holidays.holiday_weekend,
    "k_holiday": holidays.holiday,
    "k_offset": holidays.offset_prefix,
    "k_word_date": holidays.word_date,
    "k_alt_pair": absolute.alt_pair,
    "k_weekday_date": absolute.weekday_date,
    "k_nth_weekday": relative.nth_weekday,
    "k_nth_week": relative.nth_week,
    "k_part_of": relative.part_of,
    "k_nth_day": relative.nth_day,
    "k_week_of": relative.week_of,
    "k_week_number": relative.week_number,
    "k_iso": absolute.iso_date,
    "k_numeric": absolute.numeric_date,
    "k_month_day": absolute.month_day,
    "k_day_month": absolute.month_day,
    "k_month_number": absolute.month_number_form,
    "k_slash_day": absolute.slash_day,
    "k_ordinal_day": absolute.ordinal_day,
    "k_quarter": periods.quarter,
    "k_half": periods.half,
    "k_mod_month": absolute.mod_month,
    "k_mod_year": absolute.mod_year,
    "k_month_year": absolute.month_year,
    "k_season": periods.season,
    "k_decade": periods.decade,
    "k_century": periods.century,
    "k_ago": deictic.ago,
    "k_weekdays_ago": deictic.weekdays_ago,
    "k_from_day": deictic.from_day,
    "k_in_n": deictic.in_n,
    "k_last_n": deictic.last_n,
    "k_n_next": deictic.n_next,
    "k_weekday_week": deictic.weekday_week,
    "k_after_next": deictic.after_next,
    "k_rel_unit": deictic.rel_unit,
    "k_the_unit": deictic.the_unit,
    "k_rel_day": deictic.rel_day,
    "k_anchored": deictic.anchored,
    "k_rel_weekday": deictic.rel_weekday,
    "k_rel_month": deictic.rel_month,
    "k_weekday": deictic.weekday,
    "k_month": deictic.month,
    "k_calendar_year": periods.calendar_year,
    "k_year_pair": periods.year_pair,
    "k_year": periods.year,
}

# What may surround a whole-string date in parse_date ("on Tuesday.", "in 2024").
PARSE_BEFORE = compile_pattern(
    r"""[\s,.;:!?"'()\-]* (?: (?: on | in | at | during | of | from | since | by ) \s+ )?"""
)
PARSE_AFTER = compile_pattern(r"""[\s,.;:!?"'()\-]*""")


def find_dates(text: str, reference: date | None) -> Iterator[DateMatch]:
    """Every date expression in `text`, resolved against `reference` (None: relatives open)."""
    if not isinstance(text, str) or not text:
        return
    ctx = Context(text, reference if isinstance(reference, date) else None)
    prefix = None  # "two weeks before", waiting for the date it counts from
    for kind, match in scan(text):
        if kind == "k_offset":
            prefix = match
            continue
        try:
            results = RESOLVERS[kind](match, ctx)
            if prefix is not None:
                results = holidays.apply_offset(prefix, results, ctx)
        except (ValueError, OverflowError, KeyError, IndexError):
            # Calendar arithmetic off the end of the calendar (year 9999, "the 40th
            # of May"): the words name no date, which is a finding of "nothing here".
            results = []
        prefix = None
        for result in results:
            span = result.span
            if span is not None and result.grain is Grain.DAY and span.start == span.end:
                ctx.anchor = span.start
            yield result


def parse_date(text: str, reference: date | None) -> DateMatch | None:
    """The date that `text` as a whole expresses ("March 20", "last week"), or None."""
    if not isinstance(text, str):
        return None
    matches = list(find_dates(text, reference))
    if len(matches) != 1:
        return None
    m = matches[0]
    if PARSE_BEFORE.fullmatch(text, 0, m.start) and PARSE_AFTER.fullmatch(text, m.end):
        return m
    return None
