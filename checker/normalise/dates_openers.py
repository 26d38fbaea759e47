"""Where a date expression may start, and which branches can open with which word.

START is the grammar's own guard (regex module syntax); START_SCAN says the same with the
stdlib `re` module, built from the same word lists, so that one fast scan finds every
position where the grammar could match. At each position the first word found ("the",
"between", a digit) picks the branches worth trying: OPENERS lists, per branch of
`dates_grammar.BRANCHES`, every first word its match can have. A branch left out of a
word's list is never tried after that word, so an opener missing here is a date missed:
`tests/test_dates.py` checks the dispatched scan against the whole grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.normalise.dates_fragments import trie_source
from checker.normalise.dates_words import (
    CARDINAL_WORDS,
    DECADE_WORDS,
    HOLIDAYS,
    MONTH_PARTS,
    MONTHS,
    ORDINAL_WORDS,
    RELATIVE_WORDS,
    SEASONS,
    TEEN_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    UNITS,
    WEEKDAYS,
    YEAR_PARTS,
)

# Where a date expression may start: the first words of every branch. "the", "a" and
# "in" open one only before a word that belongs to a date, so they stay cheap; "in" opens
# only `k_in_n`, whose count is at most three digits ("in 3 weeks", never "in 2023").
START_WORDS = [
    *MONTHS, *WEEKDAYS, *HOLIDAYS, *ORDINAL_WORDS, *DECADE_WORDS,
    *(word for word in CARDINAL_WORDS if not word.startswith("a")),
    *TEEN_WORDS, *TENS_WORDS, "from", "between", "this", "last", "next", "past",
    "previous", "coming", "following", "upcoming", "current", "present", "early", "mid",
    "late", "end", "middle", "beginning", "start", "week", "weekend", "w/c", "today",
    "tonight", "yesterday", "tomorrow", "tmrw", "otd", "day", "earlier", "later",
    "within", "spring", "summer", "autumn", "fall", "winter", "calendar", "year", "cy",
    "new", "saint", "st", "good", "black", "international", "labor", "labour", "ides",
    "memorial", "independence", "freedom", "jubilee", "earth", "boxing", "valentine's",
]  # fmt: skip
THE_WORDS = [*START_WORDS, "ides", "weekend", "week", "month", "year", "day"]
START_LISTS = {"start_words": START_WORDS, "the_words": THE_WORDS, "cardinal_words": CARDINAL_WORDS}

# What may follow the start of a date expression; nothing inside a word may precede it.
START_GUARD = r"""
        \d | ['’] | q[1-4] | h[12]
      | (?: \L<start_words> ) (?! [a-z] )
      | the \s+ (?: \d | (?: \L<the_words> ) (?! [a-z] ) )
      | an? \s+ (?: couple | few
                  | (?: day | week | fortnight | month | quarter | year | decade ) s? \b )
      | in \s+ (?: \d{1,3} (?! [\d,.]\d ) | \L<cardinal_words> \b )
"""
START_BEHIND = r"(?<! [a-z0-9] )"
START = rf"{START_BEHIND} (?= {START_GUARD} )"


# Second words that the grammar reads without a word end after them ("two thousands",
# "from midMay"): the scan keys them as the word alone, whatever letters follow.
UNBOUNDED = [*(word for part in MONTH_PARTS for word in part.split()), "thousand"]


def _start_scan_source() -> str:
    """START for the stdlib `re` module on lower-cased text, consuming only the first token.

    Nothing inside a word or a run of digits can start a date (START wants no letter or
    digit before it), so consuming the first token skips no start. The groups name what
    `opener_of` needs: what follows a run of digits, and the tokens after a word; and for
    `NEEDS_NEXT`, the word after "5th", "the 5th" or "5-". Every
    lookahead is bounded but `\\s+`, which only runs over the space after its own token:
    the scan stays linear on any text, which is why it needs no timeout.
    """
    guard = START_GUARD
    for name, words in START_LISTS.items():
        guard = guard.replace(rf"\L<{name}>", trie_source(words, escape=re.escape))
    unbounded = "(?:" + trie_source(UNBOUNDED, escape=re.escape) + ")"
    suffix = "(?: st | nd | rd | th )"
    return rf"""
    (?<! [a-z0-9] )
    (?: (?P<digits> \d+ )
        (?: (?= \s+ (?P<after> [a-z]+ | \S ) )
          | (?P<letter> (?= {suffix} \s+ (?P<sufword> [a-z]+ ) | [a-z] ) )
          | (?P<mark> (?= [-–—/.] (?P<markword> [a-z]+ ) | [-–—/.'’] ) ) )?
      | ['’]
      | (?= {guard} ) [a-z]+
        (?= \s+ (?P<second> \d+ | {unbounded} | [a-z]+ | \S )
            (?: {suffix} \s+ (?P<thsuf> [a-z]+ ) | \s+ (?P<third> [a-z]+ ) )? )?
    )
    """


# For lower-cased text: the grammar ignores case, and `re` is far faster without IGNORECASE.
START_SCAN = re.compile(_start_scan_source(), re.VERBOSE)

# Keys for first tokens that are not words. A run of digits counts by its length: a day
# or month has one or two digits, a count up to three, a year four, "20240315" eight.
# One to three digits also count by what follows: after a space, the next word ("0 may",
# "000 days"); or else a letter ("5th", "14april") or a mark ("5/12", "5-7").
DAY_SPACE, COUNT_SPACE, DAY_LETTER, DAY_MARK = "0 ", "000 ", "0a", "0-"
DAY_DIGITS, COUNT_DIGITS, YEAR_DIGITS, ISO_DIGITS = "0", "000", "0000", "00000000"
# A year before punctuation other than a mark ("in 2023, officials"), or before a word that
# no other branch reads after a year ("2023 was"): only a bare year can start there. The
# other branches want a mark ("2023-03", "2023/24", "1990's"), a digit, "Q1", "H2", "s" or a
# month after the year; the bare-year branch, tried last, is the one that matches most often.
YEAR_ALONE, YEAR_WORD = "0000.", "0000 a"
NOT_AFTER_YEAR = ("q", "h", "s")  # the first letters of Q1, H2 and 1990 s
DIGIT_RUNS = {1: DAY_DIGITS, 2: DAY_DIGITS, 3: COUNT_DIGITS, 4: YEAR_DIGITS, 8: ISO_DIGITS}
APOSTROPHE = "'"
FIRST_WORD = re.compile(r"[a-z]+")


def opener_of(start: re.Match[str]) -> str:
    """The OPENERS key of a START_SCAN match: "between", "the first", "0a", "0000"."""
    digits = start["digits"]
    if digits is not None:
        if len(digits) == 4:
            return _year_key(start)
        if len(digits) > 3:
            return DIGIT_RUNS.get(len(digits), "")
        after = start["after"]
        if after is not None:
            return (DAY_SPACE if len(digits) < 3 else COUNT_SPACE) + after
        if len(digits) == 3:
            return ""
        if start["letter"] is not None:
            return DAY_LETTER
        return DAY_MARK if start["mark"] is not None else ""
    token = start.group()
    if token in PAIRED:
        # Every branch wants a space and another token after these words.
        second = start["second"]
        if second is None:
            return ""
        return f"{token} {DIGIT_RUNS.get(len(second), '') if second.isdecimal() else second}"
    return APOSTROPHE if token in ("'", "’") else token


def next_word(start: re.Match[str], group: str) -> str | None:
    """The word a group of a START_SCAN match holds, if it is a whole word of ASCII letters.

    Anything else (digits, a mark, a letter the grammar may read as an ASCII one, such as
    a long s for "s", or a run that `[a-z]+` cut short) is for the grammar to judge.
    """
    word = start[group]
    if word is None or not (word.isascii() and word.isalpha()):
        return None
    end, text = start.end(group), start.string  # START_SCAN runs over the lower-cased text
    return word if end == len(text) or not text[end].isalpha() else None


def _year_key(start: re.Match[str]) -> str:
    """YEAR_DIGITS, or YEAR_ALONE / YEAR_WORD when what follows leaves only a bare year."""
    if start["after"] is None:
        if start["mark"] is not None or start["letter"] is not None:
            return YEAR_DIGITS
        end, text = start.end("digits"), start.string
        # Not ASCII: the grammar reads some such letters as ASCII ones (long s as "s").
        return YEAR_ALONE if end == len(text) or text[end].isascii() else YEAR_DIGITS
    word = next_word(start, "after")
    if word is not None and not word.startswith(NOT_AFTER_YEAR) and word not in MONTHS:
        return YEAR_WORD
    return YEAR_DIGITS


def firsts(*groups: Iterable[str]) -> frozenset[str]:
    """The first word of each phrase: "the beginning of" -> "the", "mid-" -> "mid"."""
    out = set()
    for phrases in groups:
        for phrase in phrases:
            word = FIRST_WORD.match(phrase.lower())
            assert word is not None, phrase  # a list entry that opens with punctuation
            out.add(word.group())
    return frozenset(out)


def pairs(words: Iterable[str], *groups: Iterable[str]) -> frozenset[str]:
    """Keys for each of `words` followed by one of these tokens: "from may", "two weeks"."""
    then = [token for tokens in groups for token in tokens]
    return frozenset(f"{word} {token}" for word in words for token in then)


def the(*groups: Iterable[str]) -> frozenset[str]:
    """Keys for "the" followed by each of these first tokens."""
    return pairs(["the"], *groups)


def leads(phrases: Iterable[str]) -> frozenset[str]:
    """Keys for the phrases of a list: "the end of" -> "the end", "mid-" -> "mid"."""
    phrases = list(phrases)
    with_the = [p.split(None, 1)[1] for p in phrases if p.lower().startswith("the ")]
    return the(firsts(with_the)) | firsts(p for p in phrases if not p.lower().startswith("the "))


# Count words: those that may begin a longer count, and those that stand alone.
COUNT_LEADS = frozenset({"a", "an", "couple", "twenty", "thirty"})
SINGLE_COUNTS = firsts(CARDINAL_WORDS) - COUNT_LEADS
# Words keyed with the token after them ("from may"): every branch they open wants one.
PAIRED = SINGLE_COUNTS | {"the", "from", "between"}

MONTH = firsts(MONTHS)
WEEKDAY = firsts(WEEKDAYS)
ORDINAL = firsts(ORDINAL_WORDS)


def day_then(*groups: Iterable[str]) -> frozenset[str]:
    """Keys for one or two digits, a space, and then one of these words or marks."""
    return frozenset(DAY_SPACE + token for tokens in groups for token in tokens)


def counted(*groups: Iterable[str]) -> frozenset[str]:
    """Keys for a count ("three", "3", "240") followed by a space and one of these words.

    A count word that may begin a longer count ("a few", "twenty-one") keys alone.
    """
    then = frozenset(token for tokens in groups for token in tokens)
    return (
        COUNT_LEADS | pairs(SINGLE_COUNTS, then) | day_then(then)
        | {COUNT_SPACE + token for token in then}
    )  # fmt: skip


DAY_WORDS = ORDINAL | {"twenty", "thirty"}


def said_day(*groups: Iterable[str]) -> frozenset[str]:
    """Keys for a day said in words ("nine", "twenty-one") followed by one of these."""
    return pairs(firsts(TEEN_WORDS, UNIT_WORDS), *groups) | {"twenty", "thirty"}


NTH = ORDINAL | {DAY_LETTER, "last"}
NTH_AFTER_THE = the(ORDINAL, {DAY_DIGITS, "last"})
HOLIDAY = firsts(HOLIDAYS)
RELATIVE = leads(RELATIVE_WORDS)
MONTH_PART = leads(MONTH_PARTS)
YEAR_PART = leads(YEAR_PARTS)
REL_WORDS = frozenset(["this", "last", "next", "past", "previous", "coming", "following"])
REL_WORDS |= {"upcoming"}
UNIT = firsts(UNITS)
# What may follow a day of the month and a space, by branch.
RANGE_JOINS = ["of", "to", "through", "thru", "until", "till", "and", "&", "-", "–", "—"]
NTH_DAY_JOINS = ["last", "day", "of"]
DAY_MONTH_JOINS = ["of", "-", "/"]
RANGE_OPENERS = ["from", "between"]

# Per branch, every key its match can open with (read off BRANCHES, one line each). An
# optional "the" before X gives both X and "the X".
OPENERS: dict[str, frozenset[str]] = {
    "k_range_ddm": DAY_WORDS
    | the(DAY_WORDS, {DAY_DIGITS})
    | day_then(RANGE_JOINS)
    | pairs(RANGE_OPENERS, DAY_WORDS, {"the", DAY_DIGITS})
    | {DAY_LETTER, DAY_MARK},
    "k_range_mdd": MONTH | pairs(RANGE_OPENERS, MONTH),
    "k_span_pair": pairs(RANGE_OPENERS, MONTH, firsts(MONTH_PARTS)),
    "k_holiday_weekend": HOLIDAY | the(HOLIDAY, {"weekend"}) | {"weekend"},
    "k_holiday": HOLIDAY
    | the(HOLIDAY)
    | {"last", "next", "previous", "following", "this"}
    | {"coming"},
    "k_offset": counted(UNIT),
    "k_word_date": MONTH
    | DAY_WORDS
    | day_then(MONTH)
    | {DAY_LETTER}
    | said_day(MONTH)
    | pairs({"two"}, {"thousand"})
    | pairs(firsts(TEEN_WORDS), {"hundred"})
    | pairs({"seventeen", "eighteen", "nineteen"}, firsts(TENS_WORDS))
    | {"twenty"},
    "k_alt_pair": MONTH_PART | MONTH,
    "k_weekday_date": WEEKDAY | {"this", "next", "last", "coming"},
    "k_nth_weekday": NTH | NTH_AFTER_THE,
    "k_nth_week": NTH | NTH_AFTER_THE,
    "k_part_of": NTH | NTH_AFTER_THE | the({"first"}) | {"first"},
    "k_nth_day": DAY_WORDS
    | the(DAY_WORDS, {DAY_DIGITS, "last"})
    | day_then(NTH_DAY_JOINS)
    | {"last", DAY_LETTER},
    "k_week_of": the({"week", "w"}) | {"a", "week", "w"},
    "k_week_number": the({"week"}) | {"week"},
    "k_iso": MONTH | {YEAR_DIGITS, ISO_DIGITS},
    "k_numeric": frozenset({DAY_MARK}),
    "k_month_day": MONTH | the(MONTH),
    "k_day_month": DAY_WORDS
    | the(DAY_WORDS, {DAY_DIGITS})
    | day_then(MONTH, DAY_MONTH_JOINS)
    | {DAY_LETTER, DAY_MARK},
    "k_month_number": MONTH | {DAY_MARK, YEAR_DIGITS},
    "k_slash_day": MONTH | {DAY_MARK},
    "k_ordinal_day": the({DAY_DIGITS}) | {DAY_LETTER},
    "k_quarter": NTH | NTH_AFTER_THE | {"q", YEAR_DIGITS},
    "k_half": the({"first", "second", "latter", DAY_DIGITS})
    | {"first", "second", "latter", "h", DAY_LETTER, YEAR_DIGITS},
    "k_mod_month": MONTH_PART,
    "k_mod_year": YEAR_PART,
    "k_month_year": MONTH | {YEAR_DIGITS},
    "k_season": RELATIVE | firsts(SEASONS),
    "k_decade": firsts(DECADE_WORDS)
    | the(DECADE_WORDS, {"early", "mid", "late"})
    | the({DAY_DIGITS, YEAR_DIGITS})
    | {"early", "mid", "late", DAY_LETTER, DAY_MARK}
    | {YEAR_DIGITS, APOSTROPHE},
    "k_century": ORDINAL | the(ORDINAL, {DAY_DIGITS}) | {DAY_LETTER},
    "k_ago": counted(UNIT),
    "k_weekdays_ago": counted(day + "s" for day in WEEKDAY),
    "k_from_day": counted(UNIT),
    "k_in_n": frozenset({"in", "within"}),
    "k_last_n": REL_WORDS - {"this"} | the(REL_WORDS - {"this"}),
    "k_n_next": counted(REL_WORDS - {"this"}),
    "k_weekday_week": WEEKDAY | RELATIVE,
    "k_after_next": WEEKDAY | MONTH | the({"week", "month", "year"}) | {"week", "month", "year"},
    "k_rel_unit": RELATIVE | {"earlier", "later"},
    "k_the_unit": the({"day", "week", "month", "year", "weekend"}),
    "k_rel_day": the({"day"}) | {"day", "today", "tonight", "yesterday", "tomorrow", "tmrw", "otd"},
    "k_anchored": the({"next", "following", "previous", "preceding", "day"}),
    "k_rel_weekday": REL_WORDS,
    "k_rel_month": MONTH | {"last", "next", "this", "past", "coming"},
    "k_weekday": WEEKDAY,
    "k_month": MONTH,
    "k_calendar_year": the({"calendar", "year", "cy"}) | {"calendar", "year", "cy"},
    "k_year_pair": frozenset({YEAR_DIGITS}),
    "k_year": frozenset({YEAR_DIGITS, YEAR_ALONE, YEAR_WORD}),
}
