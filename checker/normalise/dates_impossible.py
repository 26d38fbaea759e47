"""Calendar dates that cannot exist ("February 30", "31 April"): the reader drops them, and
the report says so, since a typo in a date is itself worth an editor's look."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.normalise.dates_words import FULL_MONTHS, MONTHS
from checker.normalise.prefilter import lower_keeping_offsets, trie_source

# The longest each month can be (February in a leap year).
MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}

# Full month names only: "Mar 30" is fine anyway, and "may 31" must not read a verb.
# Stdlib `re` over lower-cased text: it runs over every article, and a literal trie with
# no nested repetition scans in linear time, several times faster than `regex` would.
_MONTHS = trie_source(FULL_MONTHS)
MONTH_DAY = re.compile(
    rf"""
    \b (?P<mon>{_MONTHS}) \s+ (?P<day>[0-3]?\d) (?:st|nd|rd|th)? \b
  | \b (?P<day2>[0-3]?\d) (?:st|nd|rd|th)? \s+ (?:of \s+)? (?P<mon2>{_MONTHS}) \b
    """,
    re.VERBOSE,
)


# MONTH_DAY reads a day as a whole run of one or two digits, the first 0-3; the only days no
# month has are then 0, 00 and 30-39. A text with no such run (four articles in five) has no
# impossible date. The guard opens with a literal, so `re` skips from one 0 or 3 to the next:
# some eight times quicker than MONTH_DAY's scan. Only ASCII digits: `\d` also reads other
# scripts' digits, so a text that is not all ASCII is scanned in full.
IMPOSSIBLE_DAY = re.compile(r"(?: 0 (?<![0-9]0) 0? | 3 (?<![0-9]3) [0-9] ) (?![0-9])", re.VERBOSE)


def find_impossible_dates(text: str) -> Iterator[tuple[int, int]]:
    """Spans of month-and-day dates whose day the month does not have."""
    if text.isascii() and IMPOSSIBLE_DAY.search(text) is None:
        return iter(())
    return scan_impossible_dates(text)


def scan_impossible_dates(text: str) -> Iterator[tuple[int, int]]:
    """find_impossible_dates without the guard: MONTH_DAY over the whole text."""
    for m in MONTH_DAY.finditer(lower_keeping_offsets(text)):
        month = MONTHS[m["mon"] or m["mon2"]]
        day = int(m["day"] or m["day2"])
        if day == 0 or day > MONTH_DAYS[month]:
            yield m.span()
