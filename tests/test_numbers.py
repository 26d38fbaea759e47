"""The number reader: one value, many phrasings (Duckling style), and a negative corpus.

Each case names the text, the span that must be found and its value; ids say what is tested.
"""

from __future__ import annotations

import re

import pytest

from checker.normalise.money import find_money
from checker.normalise.numbers import NumberMatch, find_numbers, parse_number, parse_ordinal


def found(text: str) -> list[tuple[str, float]]:
    """(span, value) of every number in text."""
    return [(text[m.start : m.end], m.value) for m in find_numbers(text)]


def only(text: str) -> NumberMatch:
    """The one number in text."""
    matches = list(find_numbers(text))
    assert len(matches) == 1, [text[m.start : m.end] for m in matches]
    return matches[0]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        pytest.param("Exports rose to 1,234.5 tonnes.", "1,234.5", 1234.5, id="comma-thousands"),
        pytest.param(
            "China's population is 1 414 021 100.", "1 414 021 100", 1414021100.0, id="si-spaces"
        ),
        pytest.param("It is 40\u202f000 km long.", "40\u202f000", 40000.0, id="narrow-nbsp"),
        pytest.param(
            "a bill of 12,34,567.89 rupees", "12,34,567.89", 1234567.89, id="indian-commas"
        ),
        pytest.param("trade hit 240bn last year", "240bn", 240e9, id="bn"),
        pytest.param("a 1.6tn deal", "1.6tn", 1.6e12, id="tn"),
        pytest.param("a 3.5m grant", "3.5m", 3.5e6, id="m-million"),
        pytest.param("worth 10 bln", "10 bln", 1e10, id="bln-spaced"),
        pytest.param("about 1.6 trillion", "1.6 trillion", 1.6e12, id="decimal-scale-word"),
        pytest.param("two hundred and forty", "two hundred and forty", 240.0, id="words"),
        pytest.param(
            "twenty-one trillion three hundred",
            "twenty-one trillion three hundred",
            21000000000300.0,
            id="words-scales",
        ),
        pytest.param(
            "three crore twelve lakh", "three crore twelve lakh", 31200000.0, id="lakh-crore"
        ),
        pytest.param(
            "three thousand millions", "three thousand millions", 3e9, id="scale-times-scale"
        ),
        pytest.param(
            "4 thousand 3 hundred and 21 votes",
            "4 thousand 3 hundred and 21",
            4321.0,
            id="digits-and-words",
        ),
        pytest.param("a dozen eggs", "a dozen", 12.0, id="a-dozen"),
        pytest.param(
            "three hundred and two dozens",
            "three hundred and two dozens",
            324.0,
            id="dozens-bind-tight",
        ),
        pytest.param("half a million people", "half a million", 5e5, id="half-a-million"),
        pytest.param(
            "five and a half million", "five and a half million", 5.5e6, id="and-a-half-scale"
        ),
        pytest.param("3 million and a half", "3 million and a half", 3.5e6, id="trailing-half"),
        pytest.param(
            "one billion and a half million",
            "one billion and a half million",
            1.0005e9,
            id="fraction-group",
        ),
        pytest.param("a third of voters", "a third", 1 / 3, id="a-third"),
        pytest.param(
            "two thirds of a million", "two thirds of a million", 2e6 / 3, id="thirds-of-a-million"
        ),
        pytest.param("one and a half", "one and a half", 1.5, id="one-and-a-half"),
        pytest.param(
            "two hundred point zero three",
            "two hundred point zero three",
            200.03,
            id="point-digits",
        ),
        pytest.param("the result is ⅔", "⅔", 2 / 3, id="vulgar"),
        pytest.param("2  1/4 cups", "2  1/4", 2.25, id="mixed-slash"),
        pytest.param("The answer is minus 5", "minus 5", -5.0, id="minus-word"),
        pytest.param("fell by -9.5 points", "-9.5", -9.5, id="minus-sign"),
        pytest.param("forty-five (45) days", "forty-five (45)", 45.0, id="restated"),
        pytest.param("Zero is a small number.", "Zero", 0.0, id="zero"),
        pytest.param("Twenty-six people died", "Twenty-six", 26.0, id="capitalised"),
    ],
)
def test_cardinals(text: str, span: str, value: float) -> None:
    m = only(text)
    assert text[m.start : m.end] == span
    assert m.value == pytest.approx(value)
    assert not m.ordinal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("the 80th anniversary", 80, id="80th"),
        pytest.param("the eightieth anniversary", 80, id="eightieth"),
        pytest.param("the first meeting", 1, id="first"),
        pytest.param("the seventy-fifth year", 75, id="seventy-fifth"),
        pytest.param("twenty fifth", 25, id="tens-then-ordinal"),
        pytest.param("one hundred twenty-fifth", 125, id="hundred-tens-ordinal"),
        pytest.param("the 21st century", 21, id="21st"),
        pytest.param("She finished second!", 2, id="second-rank"),
        pytest.param("the Nineth Meeting", 9, id="nineth-misspelt"),
    ],
)
def test_ordinals(text: str, value: int) -> None:
    m = only(text)
    assert m.ordinal
    assert m.value == value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        pytest.param("up 35% on the year", "35%", 35.0, id="sign"),
        pytest.param("a 240 percent rise", "240 percent", 240.0, id="percent"),
        pytest.param("5.2 per cent growth", "5.2 per cent", 5.2, id="per-cent"),
        pytest.param("twenty percent", "twenty percent", 20.0, id="words-percent"),
    ],
)
def test_percentages(text: str, span: str, value: float) -> None:
    m = only(text)
    assert (text[m.start : m.end], m.value, m.percent) == (span, value, True)


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        pytest.param("240 billion", 1e9, id="240-billion"),
        pytest.param("240.1 billion", 1e8, id="240.1-billion"),
        pytest.param("1,234", 1.0, id="1234"),
        pytest.param("240bn", 1e9, id="240bn"),
        pytest.param("1.25", 0.01, id="two-decimals"),
        pytest.param("two hundred and forty", 1.0, id="words"),
    ],
)
def test_decimals_scale(text: str, scale: float) -> None:
    assert only(text).decimals_scale == pytest.approx(scale)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "3 hundred and 2 hundred",
            [("3 hundred", 300.0), ("2 hundred", 200.0)],
            id="same-place-twice",
        ),
        pytest.param(
            "I have seen 45 and 50 cases.", [("45", 45.0), ("50", 50.0)], id="digits-and-digits"
        ),
        pytest.param("the 2014-15 season", [("2014", 2014.0), ("15", 15.0)], id="hyphen-range"),
        pytest.param(
            "more than $240 billion and 200 jobs",
            [("240 billion", 240e9), ("200", 200.0)],
            id="and-bare-digits",
        ),
        pytest.param("for 3 years, 2 months", [("3", 3.0), ("2", 2.0)], id="list"),
        pytest.param(
            "I see five out of three pieces", [("five", 5.0), ("three", 3.0)], id="out-of"
        ),
    ],
)
def test_separate_numbers(text: str, expected: list[tuple[str, float]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The one you mentioned is invalid", id="one-pronoun"),
        pytest.param("Which one do you prefer?", id="which-one"),
        pytest.param("Book a first class seat", id="first-class"),
        pytest.param("On a second thought, no.", id="a-second"),
        pytest.param("Wait 30 second", id="n-second"),  # "30" is found, "second" is not
        pytest.param("Object SCP 06F6 in MACS J1149.5+6663", id="identifiers"),
        pytest.param("The L2 point and COVID-19", id="letter-digit"),
        pytest.param("Server 192.168.1.1 is up", id="ip-address"),
        pytest.param("the May 4th rally", id="date-day"),
        pytest.param("it runs 24/7", id="slash-not-fraction"),
        pytest.param("millions of people and hundreds more", id="vague-plural"),
    ],
)
def test_not_numbers(text: str) -> None:
    assert [v for _, v in found(text)] == ([30.0] if "30" in text else [])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two hundred and forty", 240.0),
        ("240bn", 240e9),
        ("eightieth", 80.0),
        ("  1,234 ", 1234.0),
        ("half a million", 5e5),
        ("a dozen", 12.0),
        ("-5", -5.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "   ", "two cats", "240 and 250", "$240", "the one"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("80th", 80), ("eightieth", 80), ("first", 1), ("seventy-fifth", 75), ("Second", 2)],
)
def test_parse_ordinal(text: str, value: int) -> None:
    assert parse_ordinal(text) == value


@pytest.mark.parametrize("text", ["80", "a third", "eighty", "the 80th"])
def test_parse_ordinal_rejects(text: str) -> None:
    assert parse_ordinal(text) is None


def test_offsets_reproduce_spans() -> None:
    text = "In 2024 trade hit $240.1 billion, up 26.3 percent, the 80th such year."
    spans = [text[m.start : m.end] for m in find_numbers(text)]
    assert spans == ["2024", "240.1 billion", "26.3 percent", "80th"]


# Letters that the run pattern's case folding maps onto ASCII ones but lower() does not (a
# long s, a dotted capital I), put inside number words. (The third, the Kelvin sign, is a
# "k", which no number word holds.)
FOLDED_LETTERS = [("s", "\u017f"), ("i", "\u0130")]


@pytest.mark.parametrize(("ascii_letter", "folded"), FOLDED_LETTERS)
@pytest.mark.parametrize(
    "text", ["five hundredths", "$5 hundredths", "$5 billion", "twenty-five", "six thousand"]
)
def test_a_letter_folded_inside_a_number_word_reads_as_its_fold(text, ascii_letter, folded):
    """The run pattern ignores case by folding, so "$5 b\u0130ll\u0130on" is 5 billion to it; the
    words are looked up the same way (these once raised KeyError and failed the article's
    rules). A word that opens with such a letter is not looked for at all: the scans for
    starts are ASCII."""
    changed = re.sub(rf"\B{ascii_letter}", folded, text)
    if changed == text:
        return
    assert [m.value for m in find_numbers(changed)] == [m.value for m in find_numbers(text)]
    assert [m.amount for m in find_money(changed)] == [m.amount for m in find_money(text)]


def test_a_word_no_table_knows_gives_no_number_rather_than_a_wrong_one(monkeypatch):
    from checker.normalise import number_tokens

    monkeypatch.setattr(number_tokens, "fold_lower", str.lower)  # the pattern's fold not undone
    assert list(find_money("$5 b\u0130ll\u0130on")) == []  # not 5 USD
    assert [m.value for m in find_numbers("twenty-f\u0130ve")] != [20.0]
