"""Which words may come next after a date's first word: where the scan need not try the grammar.

The first word found at a position picks the branches worth trying (`dates_openers`). For
some keys the word after it settles more: after "next", "may" (lower case), "80th" or "37-"
most words open no date at all (`NEEDS_NEXT`: the grammar is not tried), and after an
ordinal, "half" or "quarter" leaves one branch (`NARROWED_BY_NEXT`). Each table is read off
the branches its keys open; `tests/test_dates.py` pins the keys to those branches, and
`tests/test_date_properties.py` runs the scan beside the whole grammar after every key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.normalise.dates_openers import (
    DAY_DIGITS,
    DAY_LETTER,
    DAY_MARK,
    firsts,
    next_word,
    the,
)
from checker.normalise.dates_words import (
    CARDINAL_WORDS,
    DAY_PARTS,
    HOLIDAYS,
    MONTHS,
    ORDINAL_WORDS,
    SEASONS,
    TEEN_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    WEEKDAYS,
)


@dataclass(frozen=True)
class Followers:
    """The words that must come next for any branch a key opens to match there.

    Read off those branches (`kinds`; `tests/test_dates.py` checks that the key opens no
    other): after a whole word that begins with none of `words`, `dates_scan` does not try
    the grammar. Beginnings count because some branches read on without a word end ("next
    weekMonday"). `group`: the START_SCAN group holding that word ("second" after a word,
    "third" after "the"). `lower_only`: judged only where the key's word is in lower case.
    """

    group: str
    words: frozenset[str]
    kinds: frozenset[str]
    lower_only: bool = False
    # `words` by first letter, as tuples for str.startswith: one C call per judged word
    # instead of a set lookup for each of its beginnings.
    _by_first: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        assert "" not in self.words  # every word would begin with it
        by_first: dict[str, tuple[str, ...]] = {}
        for word in sorted(self.words):
            by_first[word[0]] = (*by_first.get(word[0], ()), word)
        object.__setattr__(self, "_by_first", by_first)

    def allow(self, start: re.Match[str], text: str) -> bool:
        """Whether a date may start at this START_SCAN match, as far as the next word goes:
        whether the word begins with one of `words`."""
        word = next_word(start, self.group)
        if word is None:
            return True
        if self.lower_only and not text.startswith(start.group(), start.start()):
            return True
        return word.startswith(self._by_first.get(word[0], ()))


# Relative words ("next", "the past") open a date only before a count, a unit, a weekday,
# a month, a season, a holiday or a part of the day: "next round" and "the past five
# seasons" are no dates, or not from here (`k_rel_unit`, `k_last_n`, `k_rel_weekday`, ...).
_REL = (
    firsts(HOLIDAYS, WEEKDAYS, MONTHS, SEASONS, CARDINAL_WORDS, DAY_PARTS)
    | {"the", "calendar", "week", "weekend", "month", "year", "yr", "quarter", "qtr", "decade"}
    | {"fortnight", "day"}
)
_REL_KINDS = frozenset({
    "k_holiday", "k_weekday_date", "k_season", "k_last_n", "k_weekday_week", "k_rel_unit",
    "k_rel_weekday", "k_rel_month", "k_anchored",
})  # fmt: skip
# "may" and "march" in lower case are a modal and a verb far more often than a month. As
# months they stand alone only before punctuation (`month_alone`); before a word they need
# a day ("may the 5th", "march first"), a year said aloud ("may two thousand"), "of"
# (`k_month_year`), "after" (`k_after_next`) or "day" ("may day"). "May be" is none of these.
_MONTH = firsts(ORDINAL_WORDS, CARDINAL_WORDS, TEEN_WORDS, UNIT_WORDS, TENS_WORDS) | {
    "the", "of", "after", "day",
}  # fmt: skip
_MONTH_KINDS = frozenset({
    "k_range_mdd", "k_holiday_weekend", "k_holiday", "k_word_date", "k_alt_pair", "k_iso",
    "k_month_day", "k_month_number", "k_slash_day", "k_month_year", "k_after_next",
    "k_rel_month", "k_month",
})  # fmt: skip
# A day with an ordinal suffix ("80th", "the 80th") goes on with a weekday, a month, "of",
# "last", a unit, "to"/"and" (a range) or, after "on", one of the words `k_ordinal_day`
# allows: "the 80th anniversary" is none of these. Only "5th" + space + word is judged;
# "80s" and "14april" go to the grammar as before.
_ORDINAL_DAY = firsts(WEEKDAYS, MONTHS) | {
    "of", "last", "day", "week", "month", "quarter", "qtr", "half", "century", "and", "to",
    "through", "thru", "until", "till", "at", "in", "or", "from", "when", "with", "for",
}  # fmt: skip
_ORDINAL_DAY_KINDS = frozenset({
    "k_range_ddm", "k_word_date", "k_nth_weekday", "k_nth_week", "k_part_of", "k_nth_day",
    "k_day_month", "k_ordinal_day", "k_quarter", "k_half", "k_decade", "k_century",
})  # fmt: skip
# A day and a mark ("5-", "5/") then a word: only a month ("5-May"), or an ordinal or "the"
# that a range goes on with ("5-the 7th May"). "37-page" is none of these; digits and
# apostrophes ("5/12", "90's") go to the grammar as before.
_MARKED_DAY = firsts(MONTHS, ORDINAL_WORDS) | {"the"}
_MARKED_DAY_KINDS = frozenset({
    "k_range_ddm", "k_numeric", "k_day_month", "k_month_number", "k_slash_day", "k_decade",
})  # fmt: skip
NEEDS_NEXT: dict[str, Followers] = {
    DAY_LETTER: Followers("sufword", _ORDINAL_DAY, _ORDINAL_DAY_KINDS),
    f"the {DAY_DIGITS}": Followers("thsuf", _ORDINAL_DAY, _ORDINAL_DAY_KINDS),
    DAY_MARK: Followers("markword", _MARKED_DAY, _MARKED_DAY_KINDS),
    **dict.fromkeys(
        ["next", "past", "previous", "coming", "following", "upcoming"],
        Followers("second", _REL, _REL_KINDS),
    ),
    **dict.fromkeys(
        the(["next", "past", "previous", "coming", "following"]),
        Followers("third", _REL, _REL_KINDS),
    ),
    **dict.fromkeys(["may", "march"], Followers("second", _MONTH, _MONTH_KINDS, lower_only=True)),
}

# An ordinal word ("second", "the second") opens ten branches, but before "half", "quarter",
# "century", "week", "month" or "day" only one of them can match there: "the second half"
# is k_half's alone. The others want a weekday, a month, "of", "last", "and", a count or a
# mark after the ordinal (`k_range_ddm`, `k_day_month`, `k_nth_weekday`, ...). "twenty" and
# "thirty" are counts too ("twenty days ago"), so they are not keys here.
ORDINAL_NEXT = {
    "half": "k_half", "quarter": "k_quarter", "qtr": "k_quarter", "century": "k_century",
    "week": "k_nth_week", "month": "k_part_of", "day": "k_nth_day",
}  # fmt: skip
ORDINAL_KINDS = frozenset({
    "k_range_ddm", "k_word_date", "k_nth_weekday", "k_nth_week", "k_part_of", "k_nth_day",
    "k_day_month", "k_quarter", "k_half", "k_century",
})  # fmt: skip
_ORDINAL_KEYS = [word for word in ORDINAL_WORDS if word.isalpha()]
# Key -> (the START_SCAN group holding the next word, next word -> the one branch left).
NARROWED_BY_NEXT: dict[str, tuple[str, dict[str, str]]] = {
    **dict.fromkeys(_ORDINAL_KEYS, ("second", ORDINAL_NEXT)),
    **dict.fromkeys(the(_ORDINAL_KEYS), ("third", ORDINAL_NEXT)),
}
