"""Publication dates read from an article's own text, with how sure the reading is.

Finds   a leading ` date YYYY-MM-DD` marker; dated URLs ("/2025/aug/30/"); a dateline
        ("Beijing (AFP) May 17, 2024"); and, for the year alone, what the text says of its
        year (`checker.published_years`: the latest date reported, weekday dates, dated
        events with relative wording).
Gives   an Inference: `published` only when the day is known with good confidence
        (DAY_CONFIDENCE), `year` when at least the year is (YEAR_CONFIDENCE), the basis and a
        confidence in [0, 1]. Relative dates resolve against `published`, so a wrong day is
        worse than none: a year known alone never becomes a day, and a URL or dateline whose
        year the text rules out is dropped (evidence in conflict gives nothing).
Not     today's date: there is no implicit "now".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

from checker.model import PublishedBasis
from checker.normalise.dates_words import MONTHS
from checker.patterns import FLAGS, compile_pattern, finditer, search
from checker.published_years import combine, text_votes

DAY_CONFIDENCE = 0.75  # `published` is set only at or above this
YEAR_CONFIDENCE = 0.5  # `year` is set only at or above this
URL_CONFIDENCE = 0.9
DATELINE_CONFIDENCE = 0.85
CONFLICT_CONFIDENCE = 0.3  # a day source whose year the text contradicts
DATELINE_WINDOW = 400  # characters from the top where a dateline may stand

# " date 2025-02-22 First sentence…": the marker some exports put before the text.
HEADER_DATE = compile_pattern(r"\A\s*date\s+(?P<iso>\d{4}-\d{2}-\d{2})\b")

# /2025/aug/30/ or /2025/08/29/ inside a URL.
URL_DATE = compile_pattern(
    r"""
    https?://\S*?/
    (?P<year>(?:19|20)\d{2}) /
    (?: (?P<mon>\L<months>) | (?P<mm>0?[1-9]|1[0-2]) ) /
    (?P<dd>0?[1-9]|[12]\d|3[01]) (?=/|\b)
    """,
    months=MONTHS,
)

# "Beijing (AFP) May 17, 2024", "MOSCOW, March 3, 2023 —": a dateline at the top.
DATELINE = compile_pattern(
    r"""
    ^ [^\n]{0,60}? \b
    (?P<mon>\L<months>) \.? \s+ (?P<dd>[0-3]?\d) , \s* (?P<year>(?:19|20)\d{2}) \b
    """,
    flags=FLAGS | regex.MULTILINE,
    months=MONTHS,
)


@dataclass(frozen=True, slots=True)
class Inference:
    """What the text says about its own publication, and how sure that is."""

    published: date | None
    year: int | None
    basis: PublishedBasis
    confidence: float


def _make_date(year: str, month: str, day: str) -> date | None:
    month_number = (
        MONTHS.get(month.lower().rstrip("."), None) if not month.isdigit() else int(month)
    )
    if month_number is None:
        return None
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return None


def read_header_date(text: str) -> date | None:
    """The date of a leading ` date YYYY-MM-DD` marker."""
    m = search(HEADER_DATE, text)
    if not m:
        return None
    try:
        return date.fromisoformat(m["iso"])
    except ValueError:
        return None


def header_end(text: str) -> int:
    """Offset just past a leading date marker (0 when there is none)."""
    m = search(HEADER_DATE, text)
    return m.end() if m else 0


def read_url_date(text: str) -> date | None:
    """The latest date found in dated URLs in the text."""
    found = [_make_date(m["year"], m["mon"] or m["mm"], m["dd"]) for m in finditer(URL_DATE, text)]
    dates = [d for d in found if d is not None]
    return max(dates) if dates else None


def read_dateline(text: str) -> date | None:
    """A full date in a dateline near the top of the text."""
    m = search(DATELINE, text, 0, min(len(text), DATELINE_WINDOW))
    return _make_date(m["year"], m["mon"], m["dd"]) if m else None


def infer_publication(text: str) -> Inference | None:
    """The publication the text itself gives, strongest evidence first; None when there is none."""
    try:
        header = read_header_date(text)
        if header:  # the strongest evidence: the weaker kinds are not even looked for
            return Inference(header, header.year, PublishedBasis.HEADER, 1.0)
        url = read_url_date(text)
        dateline = read_dateline(text)
    except TimeoutError:
        return None
    votes = text_votes(text, header_end(text))
    day = url or dateline
    if day is not None:
        # A URL or dateline may be a cited article's: text that rules its year out wins,
        # and then neither is trusted. Weak text evidence never overrides a stated day.
        if any(v.rules_out(day.year) for v in votes):
            return Inference(None, None, PublishedBasis.NONE, CONFLICT_CONFIDENCE)
        basis = PublishedBasis.URL if url else PublishedBasis.INFERRED
        return Inference(day, day.year, basis, URL_CONFIDENCE if url else DATELINE_CONFIDENCE)
    year, confidence = combine(votes)
    if year is None:
        return None
    if confidence < YEAR_CONFIDENCE:
        return Inference(None, None, PublishedBasis.NONE, confidence)
    return Inference(None, year, PublishedBasis.INFERRED, confidence)


def infer_published(text: str) -> tuple[date, PublishedBasis] | None:
    """The publication day the text gives with good confidence, and its basis."""
    found = infer_publication(text)
    if found is None or found.published is None or found.confidence < DAY_CONFIDENCE:
        return None
    return found.published, found.basis
