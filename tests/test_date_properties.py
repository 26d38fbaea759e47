"""Properties of the date reader over generated text (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.normalise.dates import find_dates

WORDS = st.sampled_from([
    "on", "Tuesday", "March", "20", "2023", "last", "week", "the", "following", "morning",
    "three", "years", "ago", "will", "said", "in", "early", "late", "or", "to", "-", ",",
    "May", "may", "Q1", "1990s", "yesterday", "$240", "billion", "2,000", "31st", "of",
])  # fmt: skip
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
    ),  # fmt: skip
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
