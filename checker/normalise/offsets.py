"""Dates stated as offsets from another event: "On Thursday, two days after the Riyadh talks".

`read_offset` reads the offset that follows a date; `names_event` tells whether a sentence
speaks of the event the offset names, by its content words ("Riyadh talks" is named by
"the US-Russia talks on Tuesday in Riyadh").
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from checker.normalise.numbers import parse_number
from checker.patterns import compile_pattern, scan_timeout

# Right after a date: ", two days after the Riyadh talks" (up to the next punctuation).
OFFSET_AFTER_DATE = compile_pattern(
    r"""
    \s* ,? \s* (?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten) \s+
    (?P<unit>days?|weeks?) \s+ (?P<dir>after|before) \s+
    (?P<event>[^,.;:()\n]{3,60}?) (?=\s*[,.;:()\n]|\s*$)
    """
)
UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
# Words that do not name an event.
STOPWORDS = frozenset(
    "the a an of in on at to with and or between by for from this that their its his her".split()
)
WORD = regex.compile(r"\w+")
OFFSET_WINDOW = 100  # characters after a date where its offset may stand


@dataclass(frozen=True, slots=True)
class DateOffset:
    """How many days after (negative: before) the named event a date falls."""

    days: int
    event: str  # the event as written: "the Riyadh talks"
    start: int
    end: int


def read_offset(text: str, date_end: int) -> DateOffset | None:
    """The offset written right after a date ending at `date_end`, if any."""
    limit = None if scan_timeout() is None else 1.0  # a short window needs little time
    m = OFFSET_AFTER_DATE.match(
        text, date_end, min(len(text), date_end + OFFSET_WINDOW), timeout=limit
    )
    if m is None:
        return None
    n = 1.0 if m["n"].lower() in ("a", "an") else parse_number(m["n"])
    if n is None or n != int(n):
        return None
    days = int(n) * UNIT_DAYS[m["unit"].lower()]
    return DateOffset(
        days if m["dir"].lower() == "after" else -days, m["event"], m.start("n"), m.end("event")
    )


def content_words(phrase: str) -> frozenset[str]:
    """The words of a phrase that name something: "the Riyadh talks" -> {"riyadh", "talks"}."""
    return frozenset(
        w for w in (x.lower() for x in WORD.findall(phrase)) if w not in STOPWORDS and len(w) > 2
    )


def names_event(sentence: str, words: frozenset[str]) -> bool:
    """True when a sentence holds every content word of an event's name."""
    if not words:
        return False
    found = {w.lower() for w in WORD.findall(sentence)}
    return words <= found
