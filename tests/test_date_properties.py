"""Properties of the date reader over generated text (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.normalise.dates import find_dates
from checker.normalise.dates_followers import NARROWED_BY_NEXT, NEEDS_NEXT
from checker.normalise.dates_grammar import KINDS, compile_grammar
from checker.normalise.dates_openers import START_WORDS
from checker.normalise.dates_scan import Grammars, scan

WORDS = st.sampled_from([
    "on", "Tuesday", "March", "20", "2023", "last", "week", "the", "following", "morning",
    "three", "years", "ago", "will", "said", "in", "early", "late", "or", "to", "-", ",",
    "May", "may", "Q1", "1990s", "yesterday", "$240", "billion", "2,000", "31st", "of",
])  # fmt: skip
WHOLE_GRAMMAR = compile_grammar(KINDS)
CUT_DOWN = Grammars(uses_per_branch=0)  # always the cut-down grammars
BY_BRANCH = Grammars(uses_per_branch=10**9)  # never: each branch alone, in grammar order
REFERENCES = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), REFERENCES))
def test_arbitrary_text_never_raises(text: str, reference: date | None) -> None:
    for m in find_dates(text, reference):
        assert 0 <= m.start <= m.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=25).map(" ".join), REFERENCES)
def test_spans_are_ordered(text: str, reference: date) -> None:
    for m in find_dates(text, reference):
        if m.span is not None:
            assert m.span.start <= m.span.end
        for alt in m.alternatives:
            assert alt.start <= alt.end


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        [
            "The talks were held on Tuesday.",
            "They met yesterday.",
            "He left three days ago.",
            "The summit will open on Friday.",
            "She arrived on Sunday morning.",
        ]
    ),
    REFERENCES,
    st.integers(min_value=-300, max_value=300),
)
def test_day_relatives_move_with_the_reference(sentence: str, reference: date, weeks: int) -> None:
    moved = reference + timedelta(weeks=weeks)
    before = [m.span for m in find_dates(sentence, reference)]
    after = [m.span for m in find_dates(sentence, moved)]
    assert len(before) == len(after) == 1
    assert after[0].start - before[0].start == timedelta(weeks=weeks)


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS, max_size=25).map(" ".join), REFERENCES)
def test_deterministic(text: str, reference: date) -> None:
    assert list(find_dates(text, reference)) == list(find_dates(text, reference))


# The scan runs the grammar only where START_SCAN finds a start, and there only the branches
# that can open with the token found (OPENERS). It must find exactly what the whole grammar
# finds scanning every position; a missing opener would lose dates silently.
SCAN_WORDS = st.sampled_from(sorted({
    *START_WORDS, *(w.title() for w in START_WORDS[:60]), "the", "The", "a", "an", "in", "on",
    "of", "and", "or", "to", "&", "-", "–", "/", ".", ",", "'", "’", "(", ")", "at", "by", "since",
    "1", "5", "05", "12", "20", "31", "240", "2023", "1990", "2025", "20240315", "123456",
    "1st", "2nd", "21st", "5th", "10th", "Q1", "q3", "H2", "1990s", "'90s", "90s", "2023-03-20",
    "20/3", "3/20/2023", "5.12.2020", "2023/05", "05-2023", "14april", "Dec31", "24Q1", "cy24",
    "week", "weeks", "days", "months", "years", "ago", "back", "hence", "later", "earlier",
    "after", "before", "from", "until", "through", "between", "century", "quarter", "half",
    "weekend", "morning", "night", "calendar", "percent", "$5", "2,000", "4.5", "AD", "preceding",
    "latter", "day", "month", "year", "now", "today", "time", "thousand", "hundred", "ides",
    "Mondays", "fridays", "yrs", "wk", "o'clock", "people", "billion", "till", "thru",
    "round", "weekly", "weekMonday", "seasons", "mayor", "be", "Ünder", "wee\u212a",
    "\u017f", "1990\u017f", "\u017fpring",
}))  # fmt: skip
SEPARATORS = st.sampled_from([" ", " ", " ", "", ", ", "-", "  "])


@st.composite
def date_soup(draw: st.DrawFn) -> str:
    """Date-like words glued by spaces, nothing, commas or dashes."""
    words = draw(st.lists(SCAN_WORDS, max_size=14))
    return "".join(word + draw(SEPARATORS) for word in words)


def _kind(match: regex.Match[str]) -> str | None:
    return next((k for k in KINDS if match.group(k) is not None), None)


@settings(max_examples=400, deadline=None)
@given(date_soup())
def test_scan_finds_what_the_whole_grammar_finds(text: str) -> None:
    whole = [(m.span(), _kind(m)) for m in WHOLE_GRAMMAR.finditer(text) if m.end() > m.start()]
    assert [(m.span(), kind) for kind, m in scan(text, CUT_DOWN)] == whole
    by_branch = [(m.span(), kind, m.groupdict()) for kind, m in scan(text, BY_BRANCH)]
    assert by_branch == [(m.span(), k, m.groupdict()) for k, m in scan(text, CUT_DOWN)]


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(sorted({*NEEDS_NEXT, *NARROWED_BY_NEXT})),
    SCAN_WORDS,
    SEPARATORS,
    SCAN_WORDS,
    SEPARATORS,
)
def test_keys_with_followers_skip_only_what_the_grammar_cannot_read(
    key: str, word: str, glue: str, then: str, end: str
) -> None:
    # The scan passes "next round" and "may be" by without the grammar, and tries one branch
    # only after "the second half"; right after such a word (where a random soup seldom puts
    # a count or a unit) it must still find what the grammar finds.
    test_scan_finds_what_the_whole_grammar_finds.hypothesis.inner_test(
        f"{key} {word}{glue}{then}{end}"
    )


@pytest.mark.parametrize(
    "text",
    ["\u017fpring 2023 ", "la\u017ft \u017fpring", "Jan 5 and FR\u0130DAY", "May \u0130n 2024"],
)
def test_scan_sees_the_letters_the_grammar_folds_to_ascii(text: str) -> None:
    """A long s is an "s" to the grammar, a dotted capital I an "i": the scan must see them
    so too (hypothesis found "spring 2023" with a long s read as a bare year)."""
    whole = [(m.span(), _kind(m)) for m in WHOLE_GRAMMAR.finditer(text) if m.end() > m.start()]
    assert [(m.span(), kind) for kind, m in scan(text, CUT_DOWN)] == whole
