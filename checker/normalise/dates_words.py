"""Word tables for the date reader: one table feeds both the pattern and the normaliser.

Each table maps a lower-case surface form to its value; `dates_grammar` turns the keys
into `\\L<name>` lists and `dates` looks the matched text up here. Nothing else lives here.
"""

from __future__ import annotations

from checker.normalise.number_words import TEENS, TENS
from checker.normalise.number_words import UNITS as UNITS_SPOKEN

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# Month names that stand alone safely. "May" and "March" are also a verb and a modal,
# and abbreviations collide with words ("Jan", "$DEC"), so alone they need a lead word.
FULL_MONTHS = [name for name in MONTHS if len(name) > 4 or name == "june" or name == "july"]
PLAIN_MONTHS = [name for name in FULL_MONTHS if name not in ("march",)]

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2,
    "wed": 2, "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip

# Full weekday names may stand alone; "sat", "sun", "wed" and "mon" are everyday words.
FULL_WEEKDAYS = [name for name in WEEKDAYS if len(name) > 5]

ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
for _tens, _base in (("twenty", 20), ("thirty", 30)):
    for _unit, _n in list(ORDINAL_WORDS.items())[:9]:
        if _base + _n <= 31:
            ORDINAL_WORDS[f"{_tens}-{_unit}"] = _base + _n
            ORDINAL_WORDS[f"{_tens} {_unit}"] = _base + _n

CARDINAL_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "a couple of": 2, "a couple": 2, "couple of": 2,
    "couple": 2, "a few": 3, "few": 3, "several": 3,
}  # fmt: skip
for _tens, _base in (("twenty", 20), ("thirty", 30)):
    for _unit, _n in list(CARDINAL_WORDS.items())[2:11]:
        CARDINAL_WORDS[f"{_tens}-{_unit}"] = _base + _n
        CARDINAL_WORDS[f"{_tens} {_unit}"] = _base + _n

# Units of "three years ago", "in two weeks", "the last 2 months".
UNITS: dict[str, str] = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week",
    "wks": "week", "fortnight": "fortnight", "fortnights": "fortnight",
    "month": "month", "months": "month", "year": "year", "years": "year",
    "yr": "year", "yrs": "year", "quarter": "quarter", "quarters": "quarter",
    "qtr": "quarter", "decade": "decade", "decades": "decade",
}  # fmt: skip

# "last week", "next month": which way and how far from the reference's own period.
RELATIVE_WORDS: dict[str, int] = {
    "this": 0, "current": 0, "the current": 0, "present": 0,
    "last": -1, "past": -1, "previous": -1, "the last": -1, "the past": -1,
    "the previous": -1, "next": 1, "coming": 1, "upcoming": 1, "following": 1,
    "the next": 1, "the coming": 1, "the upcoming": 1, "the following": 1,
    "this coming": 1, "this upcoming": 1,
}  # fmt: skip

# Parts of a month or year: (first day, last day) within the month, months within the year.
MONTH_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 10), "the beginning of": (1, 10), "the start of": (1, 10),
    "mid": (11, 20), "mid-": (11, 20), "the middle of": (11, 20), "middle of": (11, 20),
    "late": (21, 31), "the end of": (21, 31), "end of": (21, 31),
}  # fmt: skip
YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "the beginning of": (1, 4), "the start of": (1, 4),
    "mid": (5, 8), "mid-": (5, 8), "the middle of": (5, 8), "middle of": (5, 8),
    "late": (9, 12), "the end of": (9, 12), "end of": (9, 12),
}  # fmt: skip

# Astronomical seasons as (month, day) bounds, the convention Duckling and TimeML share.
SEASONS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "spring": ((3, 20), (6, 20)), "summer": ((6, 21), (9, 23)),
    "autumn": ((9, 24), (12, 20)), "fall": ((9, 24), (12, 20)),
    "winter": ((12, 21), (3, 20)),
}  # fmt: skip

DECADE_WORDS: dict[str, int] = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip

# Times of day that may follow a weekday ("Friday morning"); the day is what counts.
DAY_PARTS = ["morning", "afternoon", "evening", "night", "noon", "midday", "lunchtime"]

# Words that may lead a bare year or a lone month ("in 1945", "since May", "the 2010 raid").
YEAR_LEADS = [
    "in", "since", "of", "by", "until", "till", "from", "to", "through", "thru",
    "during", "before", "after", "between", "and", "or", "year", "the", "a", "an",
    "early", "mid", "late", "around", "circa", "for", "as of", "on", "than", "his",
    "her", "its", "their", "our", "my", "your", "this", "that", "last", "next",
    "each", "every", "throughout", "within", "at", "about", "spring", "summer",
    "autumn", "winter", "fall", "also", "then", "but", "when", "against", "with",
    "text", "whole", "entire", "fiscal", "calendar", "into", "starting", "ending",
]  # fmt: skip
MONTH_LEADS = [
    "in", "since", "of", "by", "until", "till", "from", "to", "through", "thru",
    "during", "before", "after", "between", "and", "or", "early", "late", "mid",
    "last", "next", "this", "that", "every", "each", "throughout", "around",
    "for", "on", "the", "as of", "starting", "ending", "until early", "until late",
]  # fmt: skip

# Holidays: a fixed (month, day), or the name of a rule in `dates_calendar.holiday`.
HOLIDAYS: dict[str, tuple[int, int] | str] = {
    "christmas": (12, 25), "christmas day": (12, 25), "xmas": (12, 25),
    "christmas eve": (12, 24), "boxing day": (12, 26), "new year's eve": (12, 31),
    "new year's day": (1, 1), "new years day": (1, 1), "new year day": (1, 1),
    "new year": (1, 1), "halloween": (10, 31), "valentine's day": (2, 14),
    "earth day": (4, 22), "st patrick's day": (3, 17), "st. patrick's day": (3, 17),
    "saint patrick's day": (3, 17), "saint patrick": (3, 17), "st patrick": (3, 17),
    "juneteenth": (6, 19), "freedom day": (6, 19), "jubilee day": (6, 19),
    "independence day": (7, 4), "international workers' day": (5, 1),
    "international workers day": (5, 1), "international workers’ day": (5, 1),
    "may day": (5, 1), "labour day": (5, 1), "ides of march": (3, 15),
    "easter": "easter", "easter sunday": "easter", "good friday": "good friday",
    "easter monday": "easter monday", "thanksgiving": "thanksgiving",
    "thanksgiving day": "thanksgiving", "black friday": "black friday",
    "labor day": "labor day", "memorial day": "memorial day",
}  # fmt: skip

# Number words for years said aloud ("nineteen ninety six", "two thousand and fifteen"):
# the number reader's own tables, so the two never disagree on a word.
UNIT_WORDS = {word: n for word, n in UNITS_SPOKEN.items() if n}
TEEN_WORDS = dict(TEENS)
TENS_WORDS = dict(TENS)

# Superlatives that make "in N years" after them a span of time ("the lowest in 20 years").
SUPERLATIVES = [
    "lowest", "highest", "biggest", "largest", "smallest", "best", "worst", "strongest",
    "weakest", "fastest", "slowest", "longest", "shortest", "deepest", "greatest", "sharpest",
    "steepest", "hottest", "coldest", "warmest", "driest", "wettest", "heaviest", "poorest",
    "richest", "cheapest", "busiest", "most", "least", "fewest", "worst-ever", "lowest-ever",
]  # fmt: skip
