"""Numbers in running text: digits, words, ordinals, fractions and percentages.

Finds   "1,234.5", "1 234", "240bn", "3.5m", "1.6 trillion", "two hundred and forty",
        "half a million", "a dozen", "a third", "80th", "seventy-fifth", "35%", "-4/5", "⅔".
Gives   NumberMatch(start, end, value, ordinal, percent, decimals_scale).
Not     digits inside identifiers ("L2", "COVID-19", "06F6"), IP addresses and versions
        ("192.168.1.1"), "one" as a pronoun ("the one you mentioned"), "a second" (time),
        idioms ("first class"), the day in "May 4th" (a date, left to dates.py).

One compiled pattern finds *runs* of number tokens; `number_grammar` reads each run into one
or more numbers. Most runs are a single group of digits, so the grammar costs little.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from checker.normalise import number_words as w
from checker.normalise.number_grammar import Parsed, parse_tokens
from checker.normalise.number_patterns import (
    A_BEFORE,
    A_WORDS,
    NUM_RUN,
    NUM_RUN_BARE,
    PERCENT_AFTER,
    PERCENT_OF_BEFORE,
    RUN_LISTS,
    RUN_WORDS,
    SIGN_BEFORE,
    WORD_START_SOURCE,
)
from checker.normalise.number_tokens import Token, scaled_tokens, simple_tokens, tokens_of
from checker.normalise.prefilter import compile_prefilter, lowered, starts
from checker.patterns import compile_pattern, scan_timeout, search

# Prefilters, one per kind of start, merged in order. A character class or a trie alone
# scans far faster than one pattern joining them (here: 372 MB/s for digits, 36 MB/s for the
# word trie over lower-cased text, 10 MB/s for the two joined with "|").
DIGITS_START = compile_prefilter(r"[0-9]+|[\u00bc-\u00be\u2150-\u215e]")
WORD_START = compile_prefilter(WORD_START_SOURCE)
WORD_START_ANY_CASE = compile_prefilter(WORD_START_SOURCE, ignore_case=True)
# Letters, with the few other characters \w holds but digits do not ("½"): every word in it.
LETTERS = compile_prefilter(r"[^\W\d_]+")

# A run and its percent sign, matched at a start the prefilter found.
RUN_AT = compile_pattern(
    r"(?P<run> " + NUM_RUN + r" ) (?P<pct> " + PERCENT_AFTER + r" )?", **RUN_LISTS
)
# A span already known to be a run, read again for its tokens (money.py, money_ranges.py).
RUN_BARE = compile_pattern(r"(?P<run> " + NUM_RUN_BARE + r" )", **RUN_LISTS)
SIGN_AT_END = compile_pattern(SIGN_BEFORE)
PERCENT_OF_AT_END = compile_pattern(PERCENT_OF_BEFORE)
A_AT_END = compile_pattern(A_BEFORE)
_A_WORDS = frozenset(A_WORDS)
_MINUS_WORDS = tuple(w.MINUS_WORDS)

# Context checks for single words that are often not numbers.
PREVIOUS_WORD = compile_pattern(r"(?P<word> \p{L}+ ) [\s\-.]* \Z")
NEXT_WORD = compile_pattern(r"[\s\-]* (?P<word> \p{L}+ )")  # used with .match(text, pos)
DIGIT_BEFORE = compile_pattern(r"\p{N} [\s\-]* \Z")
RESTATED = compile_pattern(r"\s* \( \s*")  # "forty-five (45)"
RESTATED_END = compile_pattern(r"\s* \)")

_ONE_PRONOUN = frozenset(w.ONE_PRONOUN_BEFORE)
_IDIOMS = frozenset(w.ORDINAL_IDIOM_AFTER)
_SECOND_TIME = frozenset(w.SECOND_AS_TIME_BEFORE)
_MONTHS = frozenset(w.MONTHS)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """One number found in text: where it is and what it is worth."""

    start: int
    end: int
    value: float
    ordinal: bool = False
    percent: bool = False
    # Size of one unit of the last stated digit: "240 billion" -> 1e9, "240.1 billion" -> 1e8.
    decimals_scale: float = 1.0


def stated(value: float) -> float:
    """The figure as the text states it: 136.2 * 1e9 is 136199999999.99998 in binary
    floating point, and 15 significant digits give back 136200000000.0."""
    return float(f"{value:.15g}")


def _word_before(text: str, pos: int) -> str:
    m = search(PREVIOUS_WORD, text, max(0, pos - 24), pos)
    return m["word"].lower() if m else ""


def _word_after(text: str, pos: int) -> str:
    m = NEXT_WORD.match(text, pos, min(len(text), pos + 24))
    return m["word"].lower() if m else ""


def _is_not_a_number(text: str, tokens: list[Token], p: Parsed) -> bool:
    """True for lone words and ordinals that context shows are not numbers."""
    if p.first != p.last:
        return False
    tok = tokens[p.first]
    if tok.word == "one":
        return _word_before(text, tok.start) in _ONE_PRONOUN or (
            _word_after(text, tok.end) == "another"
        )
    if tok.word in ("first", "second"):
        if _word_after(text, tok.end) in _IDIOMS:
            return True
        if tok.word == "second":
            before = max(0, tok.start - 24)
            return _word_before(text, tok.start) in _SECOND_TIME or bool(
                search(DIGIT_BEFORE, text, before, tok.start)
            )
    if tok.ordinal and tok.kind == "num":
        return _word_before(text, tok.start) in _MONTHS  # "May 4th" is a date
    return False


def numbers_in_run(text: str, start: int, end: int) -> list[NumberMatch]:
    """The numbers in a span already known to be one run (no sign, percent or context)."""
    read = _scaled_run(text[start:end])  # "$240 billion" needs no pattern
    if read is not None:
        return [
            NumberMatch(
                n.start + start, n.end + start, n.value, n.ordinal, n.percent, n.decimals_scale
            )
            for n in read
        ]
    m = RUN_BARE.match(text, start, end, timeout=scan_timeout())
    if m is None:
        return []
    tokens = tokens_of(m)
    return [_match_of(tokens, p) for p in parse_tokens(tokens)]


@lru_cache(maxsize=1024)
def _scaled_run(run: str) -> tuple[NumberMatch, ...] | None:
    """numbers_in_run of a run that scaled_tokens reads, at offset 0; None for another run.

    Such a run holds its own meaning (see scaled_tokens), and the same few figures recur
    across a corpus ("240 billion"): each is parsed once, not at every mention.
    """
    tokens = scaled_tokens(run, 0, len(run))
    return None if tokens is None else tuple(_match_of(tokens, p) for p in parse_tokens(tokens))


def _match_of(tokens: list[Token], p: Parsed) -> NumberMatch:
    return NumberMatch(
        tokens[p.first].start, tokens[p.last].end, stated(p.value), p.ordinal, False, p.step
    )


def _run_starts(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Offsets in text[lo:hi] where a run may start, in order: digits, vulgar fractions,
    number words."""
    digits = starts([DIGITS_START], text, lo, hi)
    low = lowered(text if lo == 0 and hi is None else text[lo:hi])
    if low is None:  # a few characters ("İ") change length when lower-cased
        words = starts([WORD_START_ANY_CASE], text, lo, hi)
    else:
        words = [s + lo for s in starts([WORD_START], low)]
    return sorted(digits + words)


def run_spans(text: str, lo: int, hi: int, reach: int = 0) -> list[tuple[int, int]]:
    """Spans of the number runs that start in text[lo:hi], unread (money.py looks for the
    amount before a currency with this); runs that cannot end at or after `reach` may be
    left out."""
    spans: list[tuple[int, int]] = []
    pos = lo
    for candidate in _run_starts(text, _past_last_stop(text, lo, reach), hi):
        if candidate < pos:
            continue
        start = _prefix_start(text, candidate)[0]
        m = RUN_AT.match(text, start, timeout=scan_timeout())
        if m is not None:
            spans.append(m.span("run"))
            pos = m.end("run")
    return spans


def _past_last_stop(text: str, lo: int, reach: int) -> int:
    """Where the last word in text[lo:reach] that no run can hold ends ("record" in "a record
    $240bn"), else lo. A run that starts before it ends before it, short of `reach`. No run
    covers it, and the scan for starts from there finds the same offsets as from lo: the stop
    ends in a letter, no digit or number word crosses it, and text[lo:stop] is ASCII, so the
    same scan runs (see _run_starts)."""
    for m in reversed(list(LETTERS.finditer(text, lo, reach))):
        start, end = m.span()
        if start > lo and end < reach and m[0].isascii() and m[0].lower() not in RUN_WORDS:
            return end if text[lo:end].isascii() else lo
    return lo


def _prefix_start(text: str, start: int) -> tuple[int, int, int]:
    """Where the run starts ("a hundred", ".25"), and where its sign and "percent of" start
    (-1 when absent). Cheap character tests first: most numbers have none of these."""
    first = text[start]
    if first.isalpha():
        if start >= 2 and text[start - 1] == " " and text[start - 2] in "aAnN":
            word_end = start
            while word_end < len(text) and text[word_end].isalpha():
                word_end += 1
            if text[start:word_end].lower() in _A_WORDS:
                a = search(A_AT_END, text, max(0, start - 4), start)
                if a is not None:
                    start = a.start()
    elif start and text[start - 1] == "." and (start < 2 or not text[start - 2].isdigit()):
        start -= 1  # ".25"
    sign_start = -1
    prev = text[start - 1] if start else ""
    if (prev in "-\u2212" and prev and _opens_digits(text, start)) or (
        prev == " "
        and (
            text[start - 2 : start - 1] == "-"
            or text[max(0, start - 10) : start - 1].lower().endswith(_MINUS_WORDS)
        )
    ):
        sign = search(SIGN_AT_END, text, max(0, start - 10), start)
        if sign is not None:
            sign_start = sign.start()
    head = sign_start if sign_start >= 0 else start
    pct_of_start = -1
    if text[max(0, head - 3) : head].lower() == "of ":
        pct_of = search(PERCENT_OF_AT_END, text, max(0, head - 20), head)
        if pct_of is not None:
            pct_of_start = pct_of.start()
    return start, sign_start, pct_of_start


def _opens_digits(text: str, pos: int) -> bool:
    """A bare "-" is a sign only before digits: "-5", not "-five" (a dash)."""
    return pos < len(text) and (text[pos].isdigit() or text[pos] == ".")


def _scan(text: str) -> Iterator[NumberMatch]:
    """Every number, before restatements in brackets are merged."""
    pos = 0
    for candidate in _run_starts(text):
        if candidate < pos:
            continue  # inside the run just read
        start, sign_start, pct_of_start = _prefix_start(text, candidate)
        m = RUN_AT.match(text, start, timeout=scan_timeout())
        if m is None:
            continue
        yield from _numbers_of(text, m, sign_start, pct_of_start)
        pos = m.end()


def _numbers_of(
    text: str, m: regex.Match[str], sign_start: int, pct_of_start: int
) -> Iterator[NumberMatch]:
    """The numbers of one matched run, with its sign, percent words and context applied."""
    run_start, run_end = m.span("run")
    run = text[run_start:run_end]
    if run.isascii() and run.isdigit() and not m["pct"]:  # most numbers: "2024", "40"
        start = sign_start if sign_start >= 0 else run_start
        value = -float(run) if sign_start >= 0 else float(run)
        if pct_of_start < 0:
            yield NumberMatch(start, run_end, stated(value))
            return
    tokens = simple_tokens(text, run_start, run_end) or tokens_of(m)
    last_index = len(tokens) - 1
    for p in parse_tokens(tokens):
        if _is_not_a_number(text, tokens, p):
            continue
        start, end, value = tokens[p.first].start, tokens[p.last].end, p.value
        percent = False
        if p.first == 0:
            if sign_start >= 0:
                start, value = sign_start, -value
            if pct_of_start >= 0:
                start, percent = pct_of_start, True
        if p.last == last_index and m["pct"]:
            end, percent = m.end("pct"), True
        yield NumberMatch(start, end, stated(value), p.ordinal, percent, p.step)


def find_numbers(text: str) -> Iterator[NumberMatch]:
    """Every number in text, left to right, non-overlapping."""
    pending: NumberMatch | None = None
    for match in _scan(text):
        if pending is not None:
            merged = _merge_restated(text, pending, match)
            if merged is not None:
                yield merged
                pending = None
                continue
            yield pending
        pending = match
    if pending is not None:
        yield pending


def _merge_restated(text: str, a: NumberMatch, b: NumberMatch) -> NumberMatch | None:
    """ "forty-five (45)" and "45 (forty five)" are one number stated twice."""
    if a.value != b.value or a.ordinal != b.ordinal:
        return None
    opening = RESTATED.match(text, a.end, b.start)
    if opening is None or opening.end() != b.start:
        return None
    closing = RESTATED_END.match(text, b.end)
    if closing is None:
        return None
    return NumberMatch(a.start, closing.end(), a.value, a.ordinal, a.percent, a.decimals_scale)


def _whole(text: str) -> NumberMatch | None:
    """The one number that is all of text (surrounding spaces aside), else None."""
    stripped = text.strip()
    if not stripped:
        return None
    found = list(find_numbers(stripped))
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None


def parse_number(text: str) -> float | None:
    """The value of a string that is one number ("two hundred and forty", "240bn"), else None."""
    match = _whole(text)
    return match.value if match is not None else None


def parse_ordinal(text: str) -> int | None:
    """The rank in "80th", "eightieth", "first", "seventy-fifth", else None."""
    match = _whole(text)
    if match is None or not match.ordinal:
        return None
    return int(match.value)
