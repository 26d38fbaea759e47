"""Money in running text: an amount with its currency, bound words and ranges.

Finds   "$240 billion", "US$4.7 billion", "240bn yuan", "20 trillion rubles", "EUR 125",
        "115USD", "£ 15 million", "50 cents", "3 dollars 50 cents", "more than $240 billion",
        "$200bn to $250bn", "between $200 and $250 billion", "30 MUSD".
Gives   MoneyMatch(start, end, amount): amount is an Interval in units of an ISO 4217 code
        (or, for a name several countries use, that name: "franc"), with its bound and a
        tolerance of half a unit of the last stated digit ("$240 billion" -> 0.5e9).
Not     weights ("a twenty pound bag"), codes that are words ("ALL 5 solutions"), amounts
        with no currency ("1.6 billion"), "dollar" with no amount.

The amount is a number run from numbers.py (same grammar, same word lists); the currency
comes before it (prefix) or after it (suffix). Ranges are two amounts joined by "to", a dash,
or "between ... and ...", merged after the scan.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from checker.model import Bound, Interval
from checker.normalise import currencies as cur
from checker.normalise.bounds import BOUND_WORDS, bound_interval, bound_of, range_interval
from checker.normalise.money_ranges import merge_ranges
from checker.normalise.number_patterns import (
    NUM_CONN,
    NUM_CORE,
    NUM_RUN,
    NUM_TOK,
    NUM_WORD,
    RUN_LISTS,
)
from checker.normalise.numbers import NumberMatch, numbers_in_run, run_spans, stated
from checker.normalise.prefilter import (
    WordStarts,
    compile_prefilter,
    lowered,
    may_end_with,
    starts,
    trie_source,
)
from checker.patterns import compile_pattern, scan_timeout, search

# A currency mention before an amount: "$", "US$", "hk $", "EUR", "Rs.", "ringgit".
CURRENCY_BEFORE = r"""
    (?: (?<! [\p{L}'\u2019] ) (?: \L<dollar_spaced> \s? | \L<dollar_glued> ) \$
      | \$ | \L<symbols>
      | (?-i: \b (?: \L<upper_codes> | M \L<million_codes> ) (?= [\s\d$.-] ) )
      | \b \L<lower_codes> \$?
      | (?-i: \b \L<letter_symbols> )
      | \b \L<prefix_names> \b
    )
"""

# A currency mention after an amount: "$", "€", "USD", "MUSD", "yuan", "swiss francs".
CURRENCY_AFTER = r"""
    (?: \$ (?! \s?\d ) | \L<symbols> | \L<subunit_symbols>
      | (?-i: (?: \L<upper_codes> | M \L<million_codes> ) \b )
      | \L<lower_codes> \b
      | (?-i: \L<letter_symbols> ) \b
      | \L<names> \b
      | \L<subunit_names> \b
    )
"""

# "and 43 cents" after a named amount: the fraction of the unit just named.
CENTS_TAIL = (
    r"""
    ,? \s+ (?: and \s+ )? (?P<cents> \d{1,2} | """
    + NUM_WORD
    + r""" (?: [-\s] """
    + NUM_WORD
    + r""" )? )
    \s? (?: \L<tail_subunits> ) \b
"""
)

# The amount after a currency mention: its first token needs no guard ("USD115").
PRE_AMOUNT = r"(?: " + NUM_CORE + r" | " + NUM_WORD + r" ) (?: " + NUM_CONN + NUM_TOK + r" )*"

MONEY = compile_pattern(
    r"""
    (?P<bound> \b \L<bound_words> \s+ )?
    (?:
      # currency first: "$240 billion", "EUR 125", "US$ 1MM", "$20 and 43c"
      (?P<pre> """
    + CURRENCY_BEFORE
    + r""" ) \s? (?P<pre_sign> [-\u2212] )?
      (?: (?P<pre_run> """
    + PRE_AMOUNT
    + r""" ) (?P<pre_tail> """
    + CENTS_TAIL.replace("cents", "pre_cents")
    + r""" )                                # tried first, so the run gives back "and 43"
        | (?P<pre_run> """
    + PRE_AMOUNT
    + r""" ) )
    | # amount first: "240 billion dollars", "10 €", "75 USD million", "12-cent", "a dollar"
      (?P<post_sign> (?<! [\p{L}\p{N}] ) [-\u2212] )?
      (?P<post_run> \b an? (?= \s+ \L<names> \b ) | """
    + NUM_RUN
    + r""" )
      \s? (?: - \s? )? (?P<post> """
    + CURRENCY_AFTER
    + r""" )
      (?: (?P<post_scale> \s+ \L<scale_words> \b ) )?
      (?P<post_tail> """
    + CENTS_TAIL.replace("cents", "post_cents")
    + r""" )?
    )
    """,
    bound_words=BOUND_WORDS,
    dollar_spaced=cur.DOLLAR_PREFIXES_SPACED,
    dollar_glued=cur.DOLLAR_PREFIXES_GLUED,
    symbols=cur.SYMBOLS,
    upper_codes=cur.UPPER_CODES,
    million_codes=cur.MILLION_CODES,
    lower_codes=cur.LOWER_CODES | set(cur.CODE_ALIASES),
    letter_symbols=cur.LETTER_SYMBOLS,
    prefix_names=cur.PREFIX_NAMES,
    names=cur.NAMES,
    subunit_symbols=["¢"],
    subunit_names=[s for s in cur.SUBUNITS if s not in ("¢", "p")],
    tail_subunits=cur.TAIL_SUBUNITS,
    **RUN_LISTS,
)


# How far before a currency mention an amount may start ("three hundred and twenty-one
# million australian dollars"), and how far its last number may end from the mention.
REACH = 80
GAP = 24
# Words and letters just before an amount or a "$" that belong to the match.
BOUND_AT_END = compile_pattern(r"\b \L<bound_words> \s+ \Z", bound_words=BOUND_WORDS)
ARTICLE_AT_END = compile_pattern(r"\b an? \s+ \Z")
DOLLAR_PREFIX_AT_END = compile_pattern(
    r"(?<! [\p{L}'\u2019] ) (?: \L<dollar_spaced> \s? | \L<dollar_glued> ) \Z",
    dollar_spaced=cur.DOLLAR_PREFIXES_SPACED,
    dollar_glued=cur.DOLLAR_PREFIXES_GLUED,
)
# What each of these ends with, and the spaces after it, for prefilter.may_end_with.
BOUND_ENDINGS = (tuple(BOUND_WORDS), "+")
ARTICLE_ENDINGS = (("a", "an"), "+")
DOLLAR_PREFIX_ENDINGS = (tuple([*cur.DOLLAR_PREFIXES_SPACED, *cur.DOLLAR_PREFIXES_GLUED]), "?")

# Prefilters for currency mentions, merged in order: symbols in the text as written; code,
# name and subunit words over lower-cased text, alone or straight after digits ("50p").
_CURRENCY_WORDS = sorted(cur.prefilter_words())
SYMBOL_START = compile_prefilter(r"[$\u00a2-\u00a5\u20a0-\u20bf\u0e3f]")
WORD_START = WordStarts(_CURRENCY_WORDS)  # "usd115" too
# For the few texts that lower-casing would shift ("İ"): the same words, as written.
WORD_START_SOURCE = r"\b(?:" + trie_source(_CURRENCY_WORDS) + r")(?![a-z])"
GLUED_START_SOURCE = r"[0-9](?:" + trie_source(_CURRENCY_WORDS) + r")(?![a-z])"
WORD_START_ANY_CASE = compile_prefilter(WORD_START_SOURCE, ignore_case=True)
GLUED_START_ANY_CASE = compile_prefilter(GLUED_START_SOURCE, ignore_case=True)


@dataclass(frozen=True, slots=True)
class MoneyMatch:
    """One amount of money found in text, bound words included in the span."""

    start: int
    end: int
    amount: Interval
    # The figure as written ("about $14m" -> 1.4e7); the amount may only bound it.
    stated: float | None = None

    @property
    def value(self) -> float | None:
        """The single value the wording gives: exact or "about" figures; None for bounds."""
        if self.amount.bound in (Bound.EXACT, Bound.ABOUT):
            return self.stated if self.stated is not None else self.amount.value
        return None


@dataclass(frozen=True, slots=True)
class Amount:
    """An unbounded amount found by the scan, before bounds and ranges are applied."""

    start: int  # where the currency or the number starts (bound words excluded)
    end: int
    value: float
    unit: str
    step: float  # one unit of the last stated digit, in the currency
    bound_start: int  # start of the bound words, or `start` when there are none
    bound: Bound
    inner: tuple[NumberMatch, ...]  # every number of the run, for ranges inside it ("$1-2bn")
    prefixed: bool


def _amount(m: regex.Match[str]) -> Amount | None:
    """The amount one scan match states, or None when the run holds no usable number."""
    prefixed = m["pre"] is not None
    side = "pre" if prefixed else "post"
    found = currency_text = m[side]
    unit_mult = cur.currency_of(currency_text) if found else None
    run_start, run_end = m.span(f"{side}_run")
    if not prefixed and m["post_run"].lower() in ("a", "an"):
        numbers = [NumberMatch(run_start, run_end, 1.0)]
    else:
        numbers = numbers_in_run(m.string, run_start, run_end)
    if unit_mult is None or not numbers:
        return None
    unit, mult = unit_mult
    number = numbers[0] if prefixed else numbers[-1]
    if number.ordinal or number.percent:
        return None  # "the first £100 player": a rank is no amount
    value, step = number.value * mult, number.decimals_scale * mult
    if m[f"{side}_sign"]:
        value = -value
    if not prefixed and m["post_scale"]:
        scale = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}.get(
            m["post_scale"].strip().lower().rstrip("s"), 1.0
        )
        value, step = value * scale, step * scale
    value = stated(value)
    if prefixed:
        start = m.start("pre")
        end = number.end if len(numbers) > 1 else m.end("pre_run")
    else:
        start = m.start("post_sign") if m["post_sign"] else number.start
        end = m.end("post_scale") if m["post_scale"] else m.end("post")
    tail = m[f"{side}_tail"]
    if tail and (not prefixed or len(numbers) == 1):
        cents = numbers_in_run(m.string, *m.span(f"{side}_cents"))
        if len(cents) == 1 and 0 < cents[0].value < 100 and mult == 1:
            value += cents[0].value / 100 * (-1 if value < 0 else 1)
            step, end = 0.01, m.end(f"{side}_tail")
    bound_start = m.start("bound") if m["bound"] else start
    bound = bound_of(m["bound"]) if m["bound"] else Bound.EXACT
    return Amount(start, end, value, unit, step, bound_start, bound, tuple(numbers), prefixed)


def money_from(amount: Amount) -> MoneyMatch:
    """A MoneyMatch for a single (not range) amount, its bound applied."""
    interval = bound_interval(amount.value, amount.bound, amount.unit, amount.step / 2)
    return MoneyMatch(amount.bound_start, amount.end, interval, amount.value)


def _mentions(text: str) -> list[int]:
    """Offsets of possible currency mentions, in order."""
    if text.isascii():  # "$" is its only symbol there; str.find outruns a scan for the class
        found, at = [], text.find("$")
        while at >= 0:
            found.append(at)
            at = text.find("$", at + 1)
    else:
        found = starts([SYMBOL_START], text)
    low = lowered(text)
    if low is None:  # a few characters ("İ") change length when lower-cased
        return sorted(found + starts([WORD_START_ANY_CASE, GLUED_START_ANY_CASE], text))
    words, glued = WORD_START.find(low)
    return sorted(found + words + glued)


def _starts_for(text: str, mention: int) -> list[int]:
    """Where an amount that names the currency at `mention` may start, earliest first: the
    mention itself ("$240bn"), letters before a "$" ("US$"), or a number run just before it
    ("240 billion dollars"); each also with any bound words before it."""
    starts = [mention]
    if text[mention] == "$" and _may_end(text, mention, 6, DOLLAR_PREFIX_ENDINGS):
        prefix = search(DOLLAR_PREFIX_AT_END, text, max(0, mention - 6), mention)
        if prefix is not None:
            starts.append(prefix.start())
    if _may_end(text, mention, 4, ARTICLE_ENDINGS):
        article = search(ARTICLE_AT_END, text, max(0, mention - 4), mention)
        if article is not None:
            starts.append(article.start())  # "a dollar"
    for s, e in run_spans(text, max(0, mention - REACH), mention, mention - GAP):
        if mention - e <= GAP:
            starts.append(s - 1 if s and text[s - 1] in "-\u2212" else s)  # "-15€"
    out = set(starts)
    for s in starts:
        if _may_end(text, s, 24, BOUND_ENDINGS):
            bound = search(BOUND_AT_END, text, max(0, s - 24), s)
            if bound is not None:
                out.add(bound.start())
    return sorted(out)


def _may_end(text: str, end: int, width: int, endings: tuple[tuple[str, ...], str]) -> bool:
    """Whether the `width` characters before `end` may end as one of the *_AT_END patterns
    asks; a cheap check that spares most of their searches."""
    words, spaces = endings
    return may_end_with(text[max(0, end - width) : end], words, spaces)


def _scan(text: str) -> Iterator[Amount]:
    """Amounts left to right: at each currency mention, the earliest start that gives one."""
    pos = 0
    for mention in _mentions(text):
        if mention < pos:
            continue
        for start in _starts_for(text, mention):
            if start < pos:
                continue
            m = MONEY.match(text, start, timeout=scan_timeout())
            amount = _amount(m) if m is not None else None
            if amount is not None and amount.end > mention:
                yield amount
                pos = amount.end
                break


def find_money(text: str) -> Iterator[MoneyMatch]:
    """Every amount of money in text, left to right, non-overlapping."""
    yield from merge_ranges(text, _scan(text), money_from)


def parse_money(text: str) -> MoneyMatch | None:
    """The amount of money that is all of text (surrounding spaces aside), else None."""
    stripped = text.strip()
    found = list(find_money(stripped)) if stripped else []
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None


__all__ = ["MoneyMatch", "find_money", "parse_money", "range_interval"]
