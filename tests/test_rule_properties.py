"""Hypothesis over every registered rule: no text raises, quotes match spans, bounds ordered."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model import Article, Notice, PublishedBasis
from checker.registry import load_registry

RULES = load_registry(plugins=False).rules

# Text built from the words rules react to, so that the search reaches deep paths.
WORDS = st.sampled_from(
    [
        "trade",
        "between",
        "Russia",
        "China",
        "the two countries",
        "reached",
        "more than",
        "nearly",
        "$240 billion",
        "1.6tn yuan",
        "in 2024",
        "last year",
        "met",
        "times",
        "since 2012",
        "Putin",
        "Xi",
        "their 40th meeting",
        "80th anniversary of",
        "Japan's surrender",
        "mark one year on",
        "February 24",
        "on Tuesday",
        "last September",
        "three years ago",
        "March 20 to 22",
        "the following morning",
        "will",
        "expected to",
        ".",
        ",",
        "\n",
        "  ",
        "42",
        "forty-two",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=40).map(" ".join))
PUBLISHED = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))


def article(text: str, published: date | None) -> Article:
    basis = PublishedBasis.MANIFEST if published else PublishedBasis.NONE
    return Article(id="a.txt", text=text, published=published, basis=basis)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, published=PUBLISHED)
def test_rule_never_raises_and_quotes_match(rule, text, published):
    a = article(text, published)
    first = list(rule.extract(a))
    for claim in first:
        if isinstance(claim, Notice):  # a warning: its span lies in the text
            assert 0 <= claim.start <= claim.end <= len(text) and claim.message
            continue
        assert text[claim.start : claim.end] == claim.quote
        assert claim.line == text.count("\n", 0, claim.start) + 1
        if claim.amount and claim.amount.lower is not None and claim.amount.upper is not None:
            assert claim.amount.lower <= claim.amount.upper
        if claim.dates:
            assert claim.dates.start <= claim.dates.end
    assert list(rule.extract(a)) == first  # deterministic
