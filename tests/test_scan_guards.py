"""Scans skipped by a cheap test first, or reshaped to run faster, must find exactly what
the full scan, or the pattern they replaced, finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.normalise.anchors import occasions
from checker.normalise.dates_impossible import find_impossible_dates, scan_impossible_dates
from checker.patterns import (
    ANNIVERSARY_OCCASION,
    URL,
    URL_OPENINGS,
    _sentence_breaks,
    finditer,
    spans_of,
)

# Pieces that build the matches, their near misses and the case-folding oddities ("K" is
# the Kelvin sign, which IGNORECASE and str.lower both read as "k"; "İ" lowers to two).
PIECES = [
    "http", "HTTPS", "://", "www.", "WWW.", "ww.", "htp", "x.org/a", " ", "\n", "mark", "MARKED",
    "mar\u212a", "marks", "one", "two", "10", "year", "years", "since", "on", "February", "30",
    "31", "0", "00", "3", "april", "31st", "of", "June", "may", "İ", "ß", "9", "-", ".",
    "!", "?", "\n", '"', "”", "’", ")", "]", "“", "(", "A", "Z", "\t", "\u2029",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_guarded_spans_are_the_full_scans(text):
    assert spans_of(URL, text, URL_OPENINGS) == [m.span() for m in finditer(URL, text)]
    full = [m.span() for m in finditer(ANNIVERSARY_OCCASION, text)]
    assert [m.span() for m in occasions(text)] == full


@settings(max_examples=400, deadline=None)
@given(texts)
def test_impossible_dates_are_those_of_the_full_scan(text):
    assert list(find_impossible_dates(text)) == list(scan_impossible_dates(text))


def test_the_guards_do_not_hide_real_matches():
    text = "Marked two years on February 24; see https://x.org/2024, February 30 and 00 June."

    def quoted(spans):
        return [text[start:end] for start, end in spans]

    assert quoted(spans_of(URL, text, URL_OPENINGS)) == ["https://x.org/2024,"]
    marked = [m.span() for m in occasions(text)]
    assert quoted(marked) == ["Marked two years on February 24"]
    assert quoted(find_impossible_dates(text)) == ["February 30", "00 June"]


# The sentence-break pattern as it was, led by a group (which keeps `re` from skipping ahead).
GROUP_LED_SENTENCE_END = re.compile(r"(?P<stop>[.!?][\"'”’)\]]?)\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n")


@settings(max_examples=400, deadline=None)
@given(texts)
def test_sentence_breaks_are_those_of_the_group_led_pattern(text):
    found = [
        (m.start(), m.end("stop") if m["stop"] else m.start(), m.end())
        for m in GROUP_LED_SENTENCE_END.finditer(text)
    ]
    begins, ends, starts = _sentence_breaks(text)
    assert list(zip(begins, ends, starts, strict=True)) == found
