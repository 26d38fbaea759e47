"""The money reader and the bound words: amounts, currencies, bounds, ranges, tolerance."""

from __future__ import annotations

import pytest

from checker.model import Bound, Interval
from checker.normalise import currencies as cur
from checker.normalise.bounds import BOUND_WORDS, bound_interval, bound_of, range_interval
from checker.normalise.money import MoneyMatch, find_money, parse_money


def only(text: str) -> tuple[str, MoneyMatch]:
    """The one amount in text, with its span."""
    matches = list(find_money(text))
    assert len(matches) == 1, [text[m.start : m.end] for m in matches]
    return text[matches[0].start : matches[0].end], matches[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        pytest.param("Trade hit $240 billion.", "$240 billion", 240e9, "USD", id="dollar-sign"),
        pytest.param("a US$4.7 billion loan", "US$4.7 billion", 4.7e9, "USD", id="us-dollar-sign"),
        pytest.param("USD 22.5 million", "USD 22.5 million", 22.5e6, "USD", id="code-before"),
        pytest.param("it cost 115USD", "115USD", 115.0, "USD", id="code-glued-after"),
        pytest.param("€10M in savings", "€10M", 10e6, "EUR", id="euro-abbrev"),
        pytest.param("£ 15 million deal", "£ 15 million", 15e6, "GBP", id="pound-sign-spaced"),
        pytest.param("¥1,000 note", "¥1,000", 1000.0, "JPY", id="yen-sign"),
        pytest.param("₽5,000 fine", "₽5,000", 5000.0, "RUB", id="rouble-sign"),
        pytest.param(
            "240 billion dollars", "240 billion dollars", 240e9, "USD", id="dollars-after"
        ),
        pytest.param("20 trillion rubles", "20 trillion rubles", 20e12, "RUB", id="rubles"),
        pytest.param("15 billion roubles", "15 billion roubles", 15e9, "RUB", id="roubles"),
        pytest.param("134.9 trillion yuan", "134.9 trillion yuan", 134.9e12, "CNY", id="yuan"),
        pytest.param("RMB 300 billion", "RMB 300 billion", 300e9, "CNY", id="rmb"),
        pytest.param("3 trillion renminbi", "3 trillion renminbi", 3e12, "CNY", id="renminbi"),
        pytest.param("CNY3", "CNY3", 3.0, "CNY", id="cny-glued"),
        pytest.param("323 million euros", "323 million euros", 323e6, "EUR", id="euros"),
        pytest.param("361 million pounds", "361 million pounds", 361e6, "GBP", id="pounds"),
        pytest.param("five million yen", "five million yen", 5e6, "JPY", id="yen-words"),
        pytest.param(
            "10,000 swiss francs", "10,000 swiss francs", 10000.0, "CHF", id="swiss-francs"
        ),
        pytest.param(
            "hk $ 10.05 billion", "hk $ 10.05 billion", 10.05e9, "HKD", id="hk-dollar-spaced"
        ),
        pytest.param("C$300 million", "C$300 million", 300e6, "CAD", id="canadian"),
        pytest.param("30 MUSD lost", "30 MUSD", 30e6, "USD", id="m-prefixed-code"),
        pytest.param("75 USD million", "75 USD million", 75e6, "USD", id="code-then-scale"),
        pytest.param("50 cents more", "50 cents", 0.5, "USD", id="cents"),
        pytest.param("470 pence a share", "470 pence", 4.7, "GBP", id="pence"),
        pytest.param("3 dollars 50 cents", "3 dollars 50 cents", 3.5, "USD", id="dollars-cents"),
        pytest.param("$20 and 43c", "$20 and 43c", 20.43, "USD", id="dollar-and-c"),
        pytest.param("a dollar", "a dollar", 1.0, "USD", id="a-dollar"),
        pytest.param("a 12-cent dividend", "12-cent", 0.12, "USD", id="hyphen-cent"),
        pytest.param("the annual revenue is -15€", "-15€", -15.0, "EUR", id="negative"),
        pytest.param("Rs. 20", "Rs. 20", 20.0, "INR", id="rupee-letters"),
        pytest.param("5 lakh rupees", "5 lakh rupees", 5e5, "INR", id="lakh-rupees"),
        pytest.param(
            "528 million francs", "528 million francs", 528e6, "franc", id="ambiguous-name"
        ),
    ],
)
def test_amounts(text: str, span: str, value: float, unit: str) -> None:
    got_span, m = only(text)
    assert got_span == span
    assert m.amount.unit == unit
    assert m.amount.bound is Bound.EXACT
    assert m.amount.lower == pytest.approx(value)
    assert m.amount.upper == pytest.approx(value)
    assert m.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "span", "lower", "upper", "bound"),
    [
        pytest.param(
            "more than $240 billion",
            "more than $240 billion",
            240e9,
            None,
            Bound.MORE_THAN,
            id="more-than",
        ),
        pytest.param(
            "Trade exceeded $240 billion",
            "exceeded $240 billion",
            240e9,
            None,
            Bound.MORE_THAN,
            id="exceeded",
        ),
        pytest.param("at least $1.42", "at least $1.42", 1.42, None, Bound.AT_LEAST, id="at-least"),
        pytest.param(
            "under seven euros", "under seven euros", None, 7.0, Bound.LESS_THAN, id="under"
        ),
        pytest.param(
            "no more than 7 euros",
            "no more than 7 euros",
            None,
            7.0,
            Bound.AT_MOST,
            id="no-more-than",
        ),
        pytest.param("up to $5bn", "up to $5bn", None, 5e9, Bound.AT_MOST, id="up-to"),
        pytest.param(
            "nearly $240 billion", "nearly $240 billion", 216e9, 240e9, Bound.NEARLY, id="nearly"
        ),
        pytest.param(
            "about $240 billion", "about $240 billion", 216e9, 264e9, Bound.ABOUT, id="about"
        ),
        pytest.param(
            "$200bn to $250bn", "$200bn to $250bn", 200e9, 250e9, Bound.RANGE, id="range-to"
        ),
        pytest.param(
            "between $200 and $250 billion",
            "between $200 and $250 billion",
            200e9,
            250e9,
            Bound.RANGE,
            id="between-scale-shared",
        ),
        pytest.param("$1-2 billion", "$1-2 billion", 1e9, 2e9, Bound.RANGE, id="range-in-run"),
        pytest.param(
            "200 to 250 million yuan",
            "200 to 250 million yuan",
            200e6,
            250e6,
            Bound.RANGE,
            id="bare-low-end",
        ),
        pytest.param(
            "between $500 and $1 billion",
            "between $500 and $1 billion",
            500.0,
            1e9,
            Bound.RANGE,
            id="no-scale-above-high",
        ),
    ],
)
def test_bounds_and_ranges(
    text: str, span: str, lower: float | None, upper: float | None, bound: Bound
) -> None:
    got_span, m = only(text)
    assert got_span == span
    assert m.amount.bound is bound
    assert m.amount.lower == (None if lower is None else pytest.approx(lower))
    assert m.amount.upper == (None if upper is None else pytest.approx(upper))


def test_about_keeps_stated_value_and_bounds_do_not() -> None:
    assert only("about $14 million")[1].value == pytest.approx(14e6)
    assert only("more than $247 million")[1].value is None


@pytest.mark.parametrize(
    ("text", "tolerance"),
    [
        pytest.param("$240 billion", 0.5e9, id="billions"),
        pytest.param("$240.1 billion", 0.05e9, id="tenths-of-billions"),
        pytest.param("$1,234", 0.5, id="units"),
        pytest.param("$4.25", 0.005, id="cents"),
        pytest.param("470 pence", 0.005, id="subunit"),
    ],
)
def test_tolerance(text: str, tolerance: float) -> None:
    assert only(text)[1].amount.tolerance == pytest.approx(tolerance)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("All 70 of us. ALL 5 solutions are wrong.", id="code-all"),
        pytest.param("I tried to call Bob 3 times.", id="name-bob"),
        pytest.param("a twenty-pound bag of rice", id="pound-weight"),
        pytest.param("the economy grew 1.6 billion", id="no-currency"),
        pytest.param("the dollar rose", id="no-amount"),
        pytest.param("the first £ sign", id="ordinal-not-amount"),
        pytest.param("Silica gel is used. She got mad.", id="lowercase-code-words"),
    ],
)
def test_not_money(text: str) -> None:
    assert list(find_money(text)) == []


def test_several_amounts_in_order() -> None:
    text = "It costs you 10 us dollar and me 100 chinese yuan, or $4.25 and 32 pieces."
    got = [(text[m.start : m.end], m.amount.unit, m.amount.lower) for m in find_money(text)]
    assert got == [
        ("10 us dollar", "USD", 10.0),
        ("100 chinese yuan", "CNY", 100.0),
        ("$4.25", "USD", 4.25),
    ]


def test_parse_money() -> None:
    m = parse_money(" more than $240 billion ")
    assert m is not None
    assert (m.amount.lower, m.amount.upper, m.amount.bound) == (240e9, None, Bound.MORE_THAN)
    assert parse_money("$240 billion in 2023") is None
    assert parse_money("") is None


@pytest.mark.parametrize(
    ("words", "bound"),
    [
        ("More  than", Bound.MORE_THAN),
        ("in excess of", Bound.MORE_THAN),
        ("No less than", Bound.AT_LEAST),
        ("almost", Bound.NEARLY),
        ("an estimated", Bound.ABOUT),
        ("as much as", Bound.AT_MOST),
        ("fewer than", Bound.LESS_THAN),
        (None, Bound.EXACT),
        ("", Bound.EXACT),
    ],
)
def test_bound_of(words: str | None, bound: Bound) -> None:
    assert bound_of(words) is bound


def test_bound_of_rejects_unknown_words() -> None:
    with pytest.raises(ValueError, match="not a bound phrase"):
        bound_of("maybe")


@pytest.mark.parametrize(
    ("bound", "lower", "upper"),
    [
        (Bound.EXACT, 40.0, 40.0),
        (Bound.MORE_THAN, 40.0, None),
        (Bound.AT_LEAST, 40.0, None),
        (Bound.LESS_THAN, None, 40.0),
        (Bound.AT_MOST, None, 40.0),
        (Bound.NEARLY, 36.0, 40.0),
        (Bound.ABOUT, 36.0, 44.0),
    ],
)
def test_bound_interval(bound: Bound, lower: float | None, upper: float | None) -> None:
    got = bound_interval(40.0, bound, "count", tolerance=0.5)
    assert (got.lower, got.upper, got.bound, got.unit, got.tolerance) == (
        None if lower is None else pytest.approx(lower),
        None if upper is None else pytest.approx(upper),
        bound,
        "count",
        0.5,
    )


def test_range_interval_orders_its_ends() -> None:
    assert range_interval(250.0, 200.0, "USD") == Interval(200.0, 250.0, Bound.RANGE, "USD")
    with pytest.raises(ValueError, match="range_interval"):
        bound_interval(1.0, Bound.RANGE, "USD")


def test_every_bound_word_is_read_in_money() -> None:
    for words, bound in BOUND_WORDS.items():
        text = f"{words} $5 billion"
        got = list(find_money(text))
        assert len(got) == 1 and got[0].amount.bound is bound, words
        assert got[0].start == 0, words


def test_units_file_defines_every_code_and_subunit() -> None:
    units = cur.load_units()
    for code in cur.ISO_CODES:
        assert str(units.Unit(code)) == code  # type: ignore[attr-defined]
    for word, (code, factor) in cur.SUBUNITS.items():
        if word in ("p", "¢", "kopecks", "kopeks", "cents"):
            continue  # symbols and plurals: pint holds the singular names
        quantity = units.Quantity(1, word).to(code)  # type: ignore[attr-defined]
        assert quantity.magnitude == pytest.approx(factor), word


def test_names_map_to_known_codes() -> None:
    for name, code in cur.NAMES.items():
        assert code in cur.ISO_CODES or code.islower(), name
