"""Publication dates read from an article's own text: header marker, dated URLs, datelines.

Each reader returns the date and the basis it rests on, or None; `ingest` tries them in
order after the manifest and front matter. Nothing here ever falls back to today's date.
"""

from __future__ import annotations

from datetime import date

from checker.model import PublishedBasis
import regex

from checker.patterns import FLAGS, compile_pattern, finditer, search

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

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

# Any "May 17, 2024" or "17 May 2024" in the body: the latest one is a weak guess.
FULL_DATE = compile_pattern(
    r"""
    \b (?: (?P<mon>\L<months>) \.? \s+ (?P<dd>[0-3]?\d) (?:st|nd|rd|th)? ,? \s+ (?P<year>(?:19|20)\d{2})
         | (?P<dd2>[0-3]?\d) (?:st|nd|rd|th)? \s+ (?P<mon2>\L<months>) \.? ,? \s+ (?P<year2>(?:19|20)\d{2}) ) \b
    """,
    months=MONTHS,
)

DATELINE_WINDOW = 400  # characters from the top where a dateline may stand


def _make_date(year: str, month: str, day: str) -> date | None:
    month_number = MONTHS.get(month.lower().rstrip("."), None) if not month.isdigit() else int(month)
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
    found = [
        _make_date(m["year"], m["mon"] or m["mm"], m["dd"]) for m in finditer(URL_DATE, text)
    ]
    dates = [d for d in found if d is not None]
    return max(dates) if dates else None


def read_dateline(text: str) -> date | None:
    """A full date in a dateline near the top of the text."""
    m = search(DATELINE, text, 0, min(len(text), DATELINE_WINDOW))
    return _make_date(m["year"], m["mon"], m["dd"]) if m else None


def read_latest_full_date(text: str) -> date | None:
    """The latest full calendar date written in the text, a weak stand-in for publication."""
    dates = []
    for m in finditer(FULL_DATE, text):
        d = _make_date(m["year"] or m["year2"], m["mon"] or m["mon2"], m["dd"] or m["dd2"])
        if d is not None:
            dates.append(d)
    return max(dates) if dates else None


def infer_published(text: str) -> tuple[date, PublishedBasis] | None:
    """The publication date the text itself gives, strongest evidence first."""
    header = read_header_date(text)
    if header:
        return header, PublishedBasis.HEADER
    url = read_url_date(text)
    if url:
        return url, PublishedBasis.URL
    for reader in (read_dateline, read_latest_full_date):
        found = reader(text)
        if found:
            return found, PublishedBasis.INFERRED
    return None
