"""Properties of the number and money readers, over generated text (hypothesis).

Any text: no exception, offsets inside the text, matches in order and not overlapping, the
same answer twice. Any number rendered in many styles reads back as itself. "more than X"
gives lower X and no upper bound.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.model import Bound
from checker.normalise.money import find_money
from checker.normalise.number_words import TEENS, TENS, UNITS
from checker.normalise.numbers import find_numbers, parse_number

# Text made of the pieces numbers and money are built from, so the generator reaches the
# grammar's corners more often than random characters would.
PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "-",
        ",",
        ".",
        "%",
        "$",
        "€",
        "£",
        "(",
        ")",
        "/",
        "½",
        "and",
        "a",
        "of",
        "point",
        "minus",
        "more than",
        "about",
        "between",
        "to",
        "one",
        "two",
        "twenty",
        "hundred",
        "thousand",
        "million",
        "billion",
        "dozen",
        "half",
        "third",
        "quarters",
        "first",
        "second",
        "eightieth",
        "bn",
        "m",
        "k",
        "USD",
        "dollars",
        "yuan",
        "cents",
        "percent",
        "0",
        "1",
        "12",
        "240",
        "1,234",
        "1 234",
        "3.5",
        "İ",
        "\n",
    ]
)
NEWSISH = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=40).map("".join)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    last = 0
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= last, "matches overlap or are out of order"
        last = end


@SETTINGS
@given(st.one_of(NEWSISH, st.text()))
def test_numbers_never_raise_and_stay_in_order(text: str) -> None:
    first = list(find_numbers(text))
    _check_spans(text, [(m.start, m.end) for m in first])
    assert all(math.isfinite(m.value) for m in first)
    assert list(find_numbers(text)) == first  # deterministic


@SETTINGS
@given(st.one_of(NEWSISH, st.text()))
def test_money_never_raises_and_stays_in_order(text: str) -> None:
    first = list(find_money(text))
    _check_spans(text, [(m.start, m.end) for m in first])
    for m in first:
        a = m.amount
        assert a.lower is None or a.upper is None or a.lower <= a.upper
        assert a.unit
        assert a.tolerance >= 0
    assert list(find_money(text)) == first  # deterministic


def words_below_1000(n: int) -> str:
    """n (0 < n < 1000) in words, with "and" after the hundreds."""
    by_value = {v: k for k, v in {**UNITS, **TEENS, **TENS}.items() if k != "fourty"}
    hundreds, rest = divmod(n, 100)
    parts = [f"{by_value[hundreds]} hundred"] if hundreds else []
    if rest:
        if rest < 20:
            tail = by_value[rest]
        else:
            tens, unit = divmod(rest, 10)
            tail = by_value[tens * 10] + (f"-{by_value[unit]}" if unit else "")
        parts.append(("and " if hundreds else "") + tail)
    return " ".join(parts)


def renderings(n: int) -> list[str]:
    """n written the ways news writes it."""
    out = [str(n), f"{n:,}", f"{n:,}".replace(",", " ")]
    if n % 1_000_000_000 == 0:
        out += [f"{n // 10**9} billion", f"{n // 10**9}bn"]
    if n % 1_000_000 == 0:
        out += [f"{n // 10**6} million", f"{n // 10**6}m", f"{n // 10**6} mln"]
    if n % 1000 == 0:
        out += [f"{n // 1000} thousand", f"{n // 1000}k"]
    if 0 < n < 1000:
        out.append(words_below_1000(n))
    if n % 1_000_000 == 0 and 0 < n // 10**6 < 1000:
        out.append(words_below_1000(n // 10**6) + " million")
    if n % 1000 == 0 and 0 < n // 1000 < 1000:
        out.append(words_below_1000(n // 1000) + " thousand")
    return out


NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=1, max_value=999).map(lambda k: k * 10**6),
    st.integers(min_value=1, max_value=999).map(lambda k: k * 10**9),
    st.integers(min_value=1, max_value=999).map(lambda k: k * 1000),
    st.integers(min_value=1, max_value=999),
)


@settings(max_examples=400, deadline=None)
@given(NUMBERS)
def test_every_rendering_reads_back(n: int) -> None:
    for text in renderings(n):
        assert parse_number(text) == pytest.approx(n), text
        sentence = f"Officials said {text} people came."
        assert [m.value for m in find_numbers(sentence)] == [pytest.approx(n)], sentence


@settings(max_examples=200, deadline=None)
@given(NUMBERS.filter(lambda n: n > 0), st.sampled_from(["$", "€", "£", "US$"]))
def test_more_than_gives_a_lower_bound_only(n: int, symbol: str) -> None:
    for amount in renderings(n):
        text = f"Trade was more than {symbol}{amount} last year."
        found = list(find_money(text))
        assert len(found) == 1, text
        interval = found[0].amount
        assert interval.bound is Bound.MORE_THAN
        assert interval.lower == pytest.approx(n), text
        assert interval.upper is None
        assert text[found[0].start :].startswith("more than")


# A run scaled_tokens reads ("240", "1.5 billion"), with text around it that must not count.
SCALED_RUNS = st.tuples(
    st.from_regex(r"[0-9]{1,4}(\.[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["", " billion", " Million", " thousand", " trillions", " bn", " dozen"]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(PIECES, max_size=6).map("".join),
    SCALED_RUNS,
    st.lists(PIECES, max_size=6).map("".join),
)
def test_a_scaled_run_reads_the_same_from_the_cache(
    before: str, run: tuple[str, str], after: str
) -> None:
    """numbers_in_run keeps what it read of a scaled run by the run's text: read anywhere,
    it is what parsing that run's tokens in place gives."""
    from checker.normalise.number_grammar import parse_tokens
    from checker.normalise.number_tokens import scaled_tokens
    from checker.normalise.numbers import _match_of, numbers_in_run

    text = before + "".join(run) + after
    start, end = len(before), len(before) + len("".join(run))
    tokens = scaled_tokens(text, start, end)
    if tokens is None:
        return
    in_place = [_match_of(tokens, p) for p in parse_tokens(tokens)]
    assert numbers_in_run(text, start, end) == in_place
    assert numbers_in_run(text, start, end) == in_place  # the second time from the cache
