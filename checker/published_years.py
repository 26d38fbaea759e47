"""Which year an article is from, by what its text says: votes over candidate years.

Finds   the latest absolute date the text reports as past (the article is no older), the
        nearest forecast year, weekday dates ("Tuesday, March 14" falls on a Tuesday only in
        some years) and dated events with relative wording beside them ("earlier this year"
        next to the "no limits" partnership of 2022 -> 2022; "the first anniversary of
        Russia's invasion" -> 2023; "three years ago" of it -> 2025).
Gives   Votes, each a weight in [0, 1) per year it allows, and `combine()`: the best year
        and a confidence. Votes combine as independent evidence; a vote preferring another
        year counts against the best one, and a near tie halves the confidence.
Not     "last September" or "this year" next to an annual event (which year's?), a weekday
        date alone (it fits a year in every six or so), decades and centuries.

Event dates come from the `[date]` of `checker/data/events.txt`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import regex

from checker.model import DateSpan
from checker.normalise.dates import Grain, find_dates
from checker.normalise.dates_words import FULL_WEEKDAYS, MONTHS
from checker.normalise.dates_words import WEEKDAYS as WEEKDAY_NUMBERS
from checker.normalise.entities import event_near, events
from checker.normalise.numbers import parse_number, parse_ordinal
from checker.patterns import (
    URL,
    URL_OPENINGS,
    compile_pattern,
    finditer,
    search,
    sentence_span,
    spans_of,
)

# Full month names (and "may", read here only beside a day and year) and full weekday
# names, from the date reader's own tables.
FULL_MONTHS = {
    name: n for name, n in MONTHS.items() if len(name) > 4 or name in ("may", "june", "july")
}
WEEKDAYS = {name: WEEKDAY_NUMBERS[name] for name in FULL_WEEKDAYS}
# "more than two years ago": how far the true count may lie from the stated one.
BOUND_WORDS = {"more than": (0, 1), "over": (0, 1), "nearly": (-1, 0), "almost": (-1, 0),
               "about": (-1, 1), "around": (-1, 1), "some": (-1, 1),
               "roughly": (-1, 1)}  # fmt: skip

WEEKDAY_YEARS = range(1950, 2050)  # candidate years for a yearless weekday date

# "Tuesday, March 14" or "Tuesday 14 March", with no year after it.
WEEKDAY_DATE = compile_pattern(
    r"""
    \b (?P<weekday>\L<weekdays>) ,? \s+
    (?: (?P<mon>\L<months>) \.? \s+ (?P<dd>[0-3]?\d) (?:st|nd|rd|th)?
      | (?:the \s+)? (?P<dd2>[0-3]?\d) (?:st|nd|rd|th)? \s+ (?:of \s+)? (?P<mon2>\L<months>) )
    \b (?! \.?\d | ,? \s* (?:19|20)\d{2} )
    """,
    weekdays=WEEKDAYS,
    months=MONTHS,
)

# Wording that dates the article relative to an event named beside it.
THIS_YEAR = compile_pattern(
    r"\b (?: (?:earlier|later|early|late) \s+ (?:in \s+)? )? this \s+ year \b"
)
LAST_YEAR = compile_pattern(r"\b last \s+ year \b")
COUNT = r"(?: \d{1,3} | an? | [a-z]+ (?:-[a-z]+)? )"
YEARS_SINCE = compile_pattern(
    rf"""
    \b (?: (?P<bound>\L<bounds>) \s+ )?
    (?: (?P<count>{COUNT}) \s+ years? \s+ (?: ago | since | after | on | into | earlier ) \b
      | mark(?:s|ed|ing)? \s+ (?P<marked>{COUNT}) \s+ years? \b
      | (?P<span>{COUNT}) -year \s+ anniversary \b
      | (?P<ordinal>\d{{1,3}}(?:st|nd|rd|th) | [a-z]+(?:-[a-z]+)?) \s+ anniversary \b )
    """,
    bounds=BOUND_WORDS,
)
# "in February" or "last September" with no year: said of an event in that month.
YEARLESS_MONTH = compile_pattern(
    r"""\b (?P<last>last \s+)? (?: in \s+ (?: early \s+ | late \s+ | mid-? \s* )? )?
        (?P<mon>\L<months>) \b (?! \s* ,? \s* (?: [0-3]?\d\b | (?:19|20)\d{2} ) )""",
    months=FULL_MONTHS,
)
# Words before a year that make it a plan or forecast rather than something that happened.
FUTURE_CUE = compile_pattern(
    r"""\b (?: (?: will | expect(?:s|ed)? | forecasts? | projected | predicts? | targets?
                 | aims? \s+ to | plans? \s+ to | set \s+ to | to \s+ reach ) \b
             | by (?: \s+ the \s+ end \s+ of )? \s* \Z )"""
)

# Where a new clause starts: "will visit Russia since Moscow launched its war in February 2022".
CLAUSE_START = compile_pattern(
    r"[,;:\u2014\u2013(] | \b (?: since | after | before | when | because | which | that | who ) \b"
)


@dataclass(frozen=True, slots=True)
class Vote:
    """One piece of text evidence: a weight in [0, 1) for each year it allows."""

    weights: dict[int, float]
    source: str  # what gave it, for tests and debugging: "event", "latest-date", "weekday"
    firm: bool = False  # rules out every year it gives no weight ("three years ago" of 2022)
    floor: bool = False  # rules out the years before its own (a date the text reports as past)

    def rules_out(self, year: int) -> bool:
        """Whether this evidence says the article cannot be from `year`."""
        if year in self.weights:
            return False
        return self.firm or (self.floor and year < min(self.weights))


def _count(word: str | None) -> int | None:
    """ "three" -> 3, "a" -> 1, "80" -> 80; None for words that are no count."""
    if not word:
        return None
    if word.lower() in ("a", "an"):
        return 1
    n = parse_number(word)
    return int(n) if n is not None and n == int(n) and 0 < n < 1000 else None


def event_votes(text: str) -> Iterator[Vote]:
    """Years implied by relative wording next to a dated event ("three years ago", "this year")."""
    gazetteer = events()

    def event_at(m: regex.Match[str]) -> tuple[DateSpan, bool] | None:
        """The dated event named beside the match (within one year), and whether it is annual."""
        hit = event_near(text, m.start(), m.end(), *sentence_span(text, m.start()))
        when = gazetteer.dates.get(hit.id) if hit else None
        if hit is None or when is None or when.start.year != when.end.year:
            return None
        return when, gazetteer.extra.get(hit.id) == "annual"

    for m in finditer(YEARS_SINCE, text):
        n = _count(m["count"] or m["marked"] or m["span"]) or (
            parse_ordinal(m["ordinal"]) if m["ordinal"] else None
        )
        found = event_at(m) if n else None
        if n and found:
            year = found[0].start.year + n
            low, high = BOUND_WORDS.get(" ".join((m["bound"] or "").lower().split()), (0, 0))
            yield Vote(
                {year + k: 0.8 if low == high else 0.5 for k in range(low, high + 1)},
                "event",
                firm=True,
            )
    # An annual event happens every year, so "this year" or a month says nothing about which.
    for pattern, offset in ((THIS_YEAR, 0), (LAST_YEAR, 1)):
        for m in finditer(pattern, text):
            found = event_at(m)
            if found and not found[1]:
                yield Vote({found[0].start.year + offset: 0.8}, "event", firm=True)
    for m in finditer(YEARLESS_MONTH, text):
        found = event_at(m)
        # Capitalised only: "may" is a verb far more often than a month. The event's date
        # must name its month ("[1945]" names none).
        month = FULL_MONTHS[m["mon"].lower()]
        if not found or found[1] or not m["mon"][0].isupper():
            continue
        if not found[0].start.month == found[0].end.month == month:
            continue
        year = found[0].start.year
        # "in February" of an event that February: the same year. "last September" may be
        # the September just gone (same year) or the one before it (the year after).
        yield Vote({year: 0.3, year + 1: 0.3} if m["last"] else {year: 0.5}, "event", firm=True)


def is_future(before: str) -> bool:
    """Whether the words before a date, in its own clause, make it a plan or forecast."""
    clause = before[max((m.end() for m in finditer(CLAUSE_START, before)), default=0) :]
    return search(FUTURE_CUE, clause) is not None  # a slice of its own, so \Z is its end


def latest_date_votes(text: str, start: int = 0) -> Iterator[Vote]:
    """The latest absolute date that happened (the year or the next), and the nearest forecast."""
    urls = spans_of(URL, text, URL_OPENINGS)
    past: list[tuple[date, Grain]] = []
    future: list[int] = []
    clause = 0  # a date's tense is read from the words since the previous date
    for d in find_dates(text, None):
        if (
            d.span is None
            or d.relative
            or d.start < start
            or any(s <= d.start < e for s, e in urls)
        ):
            continue
        if d.grain in (Grain.DECADE, Grain.CENTURY):
            continue
        sent_start = sentence_span(text, d.start)[0]
        if is_future(text[max(sent_start, clause) : d.start]):
            future.append(d.span.start.year)
        else:
            past.append((d.span.end, d.grain))
        clause = d.end
    if past:
        latest, grain = max(past)
        # A written-out day is usually recent news; a bare year is often last year's figures.
        weights = (0.6, 0.2) if grain is Grain.DAY else (0.45, 0.35)
        yield Vote(
            {latest.year: weights[0], latest.year + 1: weights[1]}, "latest-date", floor=True
        )
    latest_year = max((p.year for p, _ in past), default=None)
    # A target far beyond what has happened ("by 2035") says little about when it was set.
    forecasts = [y for y in future if latest_year is None or latest_year <= y <= latest_year + 2]
    if forecasts:
        # A forecast for a year is made in it or the year before.
        year = min(forecasts)
        yield Vote({year - 1: 0.3, year: 0.35}, "forecast")


def weekday_votes(text: str) -> Iterator[Vote]:
    """For each yearless weekday date, the years in which that day falls on that weekday."""
    for m in finditer(WEEKDAY_DATE, text):
        month = MONTHS[(m["mon"] or m["mon2"]).lower()]
        day, weekday = int(m["dd"] or m["dd2"]), WEEKDAYS[m["weekday"].lower()]
        years = {}
        for year in WEEKDAY_YEARS:
            try:
                if date(year, month, day).weekday() == weekday:
                    years[year] = 0.5
            except ValueError:
                continue  # February 29 in a common year
        if years:
            yield Vote(years, "weekday")


def combine(votes: Iterable[Vote]) -> tuple[int | None, float]:
    """The best-supported year and the confidence in it (0 when there is no evidence).

    Support is 1 - prod(1 - w) over the votes' weights for the year; each vote that
    prefers another year counts against it by how much more it gives that year. A
    near tie between two years halves the confidence.
    """
    votes = [v for v in votes if v.weights]
    years = {y for v in votes for y in v.weights}
    if not years:
        return None, 0.0

    def support(year: int) -> float:
        doubt = 1.0
        for v in votes:
            doubt *= 1 - v.weights.get(year, 0.0)
        return 1 - doubt

    ranked = sorted(years, key=lambda y: (-support(y), y))
    best = ranked[0]
    against = 1.0
    for v in votes:
        against *= 1 - (max(v.weights.values()) - v.weights.get(best, 0.0))
    confidence = support(best) * against
    if len(ranked) > 1 and support(ranked[1]) > 0.9 * support(best):
        confidence *= 0.5
    return best, round(confidence, 3)


def text_votes(text: str, start: int = 0) -> list[Vote]:
    """Every vote the text gives on its own year; a text too pathological to scan gives none."""
    try:
        return [*event_votes(text), *latest_date_votes(text, start), *weekday_votes(text)]
    except TimeoutError:
        return []
