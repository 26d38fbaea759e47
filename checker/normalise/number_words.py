"""Word tables for English numbers: one table feeds both the patterns and the grammar.

Every table maps a lower-case word to its value. `numbers.py` turns the keys into `\\L<...>`
lists; `number_grammar.py` reads the values. Adding a spelling here is the whole change.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

UNITS: Mapping[str, int] = MappingProxyType(
    {
        "zero": 0,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
    }
)

TEENS: Mapping[str, int] = MappingProxyType(
    {
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
    }
)

TENS: Mapping[str, int] = MappingProxyType(
    {
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fourty": 40,  # a common misspelling in wire copy
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
    }
)

HUNDREDS: Mapping[str, int] = MappingProxyType({"hundred": 100, "hundreds": 100})

# Multipliers that close a group ("two hundred and forty *billion*"). Plurals only count
# after a number ("three billions"); a bare "billions" is a vague quantity, not a number.
SCALES: Mapping[str, float] = MappingProxyType(
    {
        "thousand": 1e3,
        "thousands": 1e3,
        "lakh": 1e5,
        "lakhs": 1e5,
        "lac": 1e5,
        "lacs": 1e5,
        "million": 1e6,
        "millions": 1e6,
        "crore": 1e7,
        "crores": 1e7,
        "billion": 1e9,
        "billions": 1e9,
        "trillion": 1e12,
        "trillions": 1e12,
    }
)

DOZENS: Mapping[str, int] = MappingProxyType({"dozen": 12, "dozens": 12})

# Ordinals, singular. "third" to "millionth" double as fraction denominators ("a third").
ORDINALS: Mapping[str, int] = MappingProxyType(
    {
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "nineth": 9,  # misspelling seen in official titles ("Nineth Meeting of ...")
        "tenth": 10,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "thirtieth": 30,
        "fortieth": 40,
        "fiftieth": 50,
        "sixtieth": 60,
        "seventieth": 70,
        "eightieth": 80,
        "ninetieth": 90,
        "hundredth": 100,
        "thousandth": 1000,
        "millionth": 1_000_000,
        "billionth": 1_000_000_000,
    }
)

# "first" and "second" never name a fraction: "one second" is a duration, not a half.
NOT_DENOMINATORS = frozenset({"first", "second"})

# Fraction words that are never ordinals.
HALVES: Mapping[str, int] = MappingProxyType({"half": 2, "halves": 2, "quarter": 4, "quarters": 4})

# Plural denominators: "two thirds", "five eighths". Built from the ordinals.
PLURAL_DENOMINATORS: Mapping[str, int] = MappingProxyType(
    {
        word + "s": value
        for word, value in ORDINALS.items()
        if word not in NOT_DENOMINATORS and word != "nineth"
    }
)

VULGAR_FRACTIONS: Mapping[str, float] = MappingProxyType(
    {
        "½": 1 / 2,
        "⅓": 1 / 3,
        "⅔": 2 / 3,
        "¼": 1 / 4,
        "¾": 3 / 4,
        "⅕": 1 / 5,
        "⅖": 2 / 5,
        "⅗": 3 / 5,
        "⅘": 4 / 5,
        "⅙": 1 / 6,
        "⅚": 5 / 6,
        "⅛": 1 / 8,
        "⅜": 3 / 8,
        "⅝": 5 / 8,
        "⅞": 7 / 8,
    }
)

# Abbreviated scales written straight after digits ("240bn", "3.5m", "10K", "$2.174T").
# Case matters for some: a lone "t" is tonnes and a spaced "m" is metres, so those stay out.
GLUED_SCALES: Mapping[str, float] = MappingProxyType(
    {
        "k": 1e3,
        "K": 1e3,
        "m": 1e6,
        "M": 1e6,
        "MM": 1e6,
        "mm": 1e6,
        "mn": 1e6,
        "mln": 1e6,
        "mil": 1e6,
        "b": 1e9,
        "B": 1e9,
        "bn": 1e9,
        "Bn": 1e9,
        "BN": 1e9,
        "bln": 1e9,
        "T": 1e12,
        "tn": 1e12,
        "Tn": 1e12,
        "tln": 1e12,
        "trn": 1e12,
    }
)

# The same abbreviations after a space ("2.33 k", "10 bln", "1,674,200.5 M").
SPACED_SCALES: Mapping[str, float] = MappingProxyType(
    {
        word: value
        for word, value in GLUED_SCALES.items()
        if word not in {"m", "mm", "b", "B", "T", "mil"}
    }
)

PERCENT_WORDS = ("percent", "percents", "per cent", "percentage", "pct")

MINUS_WORDS = ("minus", "negative")

# Words before "one" that make it a pronoun ("the one you mentioned", "which one").
ONE_PRONOUN_BEFORE = (
    "the",
    "this",
    "that",
    "which",
    "each",
    "every",
    "any",
    "no",
    "another",
    "first",
    "last",
    "next",
    "other",
    "only",
    "same",
    "right",
    "wrong",
    "new",
    "old",
    "big",
    "little",
    "good",
    "second",
    "third",
)

# Nouns after "first"/"second" that make an idiom, not a rank ("first class", "second hand").
ORDINAL_IDIOM_AFTER = (
    "class",
    "aid",
    "lady",
    "hand",
    "rate",
    "person",
    "nature",
    "thought",
    "thoughts",
    "guess",
    "fiddle",
    "cousin",
)

# Words before "second" that make it the unit of time ("a second", "per second").
SECOND_AS_TIME_BEFORE = ("a", "per", "one", "each", "every", "split", "the next")

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)

# Every word that can take part in a spelled-out number.
NUMBER_WORDS: frozenset[str] = frozenset(
    {
        *UNITS,
        *TEENS,
        *TENS,
        *HUNDREDS,
        *SCALES,
        *DOZENS,
        *ORDINALS,
        *HALVES,
        *PLURAL_DENOMINATORS,
    }
)
