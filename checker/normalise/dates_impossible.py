"""Calendar dates that cannot exist ("February 30", "31 April"): the reader drops them, and
the report says so, since a typo in a date is itself worth an editor's look."""

from __future__ import annotations

from collections.abc import Iterator

from checker.normalise.dates_words import FULL_MONTHS, MONTHS
from checker.patterns import compile_pattern, finditer

# The longest each month can be (February in a leap year).
MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}

# Full month names only: "Mar 30" is fine anyway, and "may 31" must not read a verb.
MONTH_DAY = compile_pattern(
    r"""
    \b (?P<mon>\L<months>) \s+ (?P<day>[0-3]?\d) (?:st|nd|rd|th)? \b
  | \b (?P<day2>[0-3]?\d) (?:st|nd|rd|th)? \s+ (?:of \s+)? (?P<mon2>\L<months>) \b
    """,
    months=FULL_MONTHS,
)


def find_impossible_dates(text: str) -> Iterator[tuple[int, int]]:
    """Spans of month-and-day dates whose day the month does not have."""
    for m in finditer(MONTH_DAY, text):
        month = MONTHS[(m["mon"] or m["mon2"]).lower()]
        day = int(m["day"] or m["day2"])
        if day == 0 or day > MONTH_DAYS[month]:
            yield m.span()
