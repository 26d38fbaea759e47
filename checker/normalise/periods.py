"""The period a figure covers: a calendar year, a deadline, or a part of a year.

"$240 billion in 2024" covers 2024; "by 2030" is a deadline; "$220 billion in the first
11 months of 2024" covers part of 2024 and must not meet the year's total. Year-to-date
figures are dated by the publication month, since two of them from different months differ
without contradicting each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.model import Article
from checker.normalise.dates_words import MONTHS
from checker.normalise.numbers import parse_number
from checker.patterns import compile_pattern, finditer, search

# The period a figure covers, after the amount ("in 2024", "last year") or before it.
PERIOD = compile_pattern(
    r"""
    \b (?: (?P<by>by) | in | for | during | of ) \s+ (?:the\s+(?:calendar|fiscal)\s+year\s+)?
    (?P<year>(?:19|20)\d{2}) \b
    | \b (?P<rel>last|this|next) \s+ year \b
    """
)
PERIOD_WINDOW = 40  # characters after the amount where its period may stand

# Part of a year: a January-November figure is not the year's total, and two year-to-date
# figures from different months differ without contradicting each other.
PART_OF_YEAR = compile_pattern(
    r"""
    \b (?: first \s+ (?P<n>\w+) \s+ months
         | first \s+ (?P<half>half) | first \s+ (?P<quarter>quarter) | (?P<h1>H1) | (?P<q>Q[1-4])
         | (?:january|jan\.?) \s* (?:-|–|to|through|until) \s* (?P<to>\L<months>)
           (?: \s+ (?P<year>(?:19|20)\d{2}) )?
         | (?P<ytd> year[\s-]to[\s-]date | so \s+ far \s+ this \s+ year
                | this \s+ year \s+ so \s+ far )
       ) \b
    """,
    months=MONTHS,
)
PART_WINDOW = 60  # characters either side of the amount where a part of the year may stand


def part_of_year(
    article: Article, span: tuple[int, int], sent: tuple[int, int]
) -> tuple[str, str | None] | None:
    """The part of the year a figure covers, as a period suffix, and a year it names."""
    lo, hi = max(sent[0], span[0] - PART_WINDOW), min(sent[1], span[1] + PART_WINDOW)
    m = search(PART_OF_YEAR, article.text, lo, hi)
    if m is None:
        return None
    if m["ytd"]:
        month = article.published.month if article.published else None
        return (f"to-m{month}" if month else "year-to-date"), None
    if m["q"]:
        return m["q"].lower(), None
    months = 6 if (m["half"] or m["h1"]) else 3 if m["quarter"] else None
    if m["n"]:
        n = parse_number(m["n"])
        months = int(n) if n and n == int(n) and 0 < n < 12 else None
    if m["to"]:
        months = MONTHS[m["to"].lower().rstrip(".")]
    return (f"to-m{months}", m["year"]) if months else None


@dataclass(frozen=True, slots=True)
class Period:
    """What a figure's period reads as: the key's period, and whether it is a deadline."""

    label: str
    deadline: bool


def period_of(article: Article, span: tuple[int, int], sent: tuple[int, int]) -> Period | None:
    """The period of the figure at `span` in its sentence, or None when none is stated."""
    year, deadline = year_of(article, span[1], *sent)
    part = part_of_year(article, span, sent)
    if part is not None:
        year = part[1] or year
    if year is None:
        return None
    return Period(f"{year}-{part[0]}" if part is not None else year, deadline)


def year_of(
    article: Article, money_end: int, sent_start: int, sent_end: int
) -> tuple[str | None, bool]:
    """The year a figure covers, and whether it is a deadline ("by 2030")."""
    after = search(PERIOD, article.text, money_end, min(sent_end, money_end + PERIOD_WINDOW))
    found = after or next(
        iter(reversed(list(finditer(PERIOD, article.text, sent_start, money_end)))), None
    )
    if found is None:
        return None, False
    if found["year"]:
        return found["year"], bool(found["by"])
    if article.year is None:
        return None, False
    offset = {"last": -1, "this": 0, "next": 1}[found["rel"].lower()]
    return str(article.year + offset), False
