"""The word scans that let the meeting-count and anniversary patterns run only where they may
match: on any text, the patterns find exactly what a scan of every offset finds."""

from __future__ import annotations

import string
from itertools import product

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rules.anniversary as anniversary
import rules.meeting_count as meeting_count
from checker.normalise.anchors import NOT_REGEX_SPACE, matches_at, space_start
from checker.normalise.numbers import parse_number, parse_ordinal
from checker.normalise.prefilter import lower_keeping_offsets
from checker.patterns import ANNIVERSARY_OCCASION, finditer

# Every code point but the surrogates, for the checks against the `regex` module's tables.
ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_every_case_insensitive_spelling_of_a_letter_is_that_letter_lowered() -> None:
    """What `regex` matches case-insensitively for an ASCII letter stands in
    lower_keeping_offsets(text) as that letter, alone or inside a text ("İ" among them,
    which lower() would make two characters)."""
    for letter in string.ascii_lowercase:
        for ch in regex.findall(letter, ALL_CHARS, regex.IGNORECASE | regex.V0):
            assert lower_keeping_offsets(ch) == letter, (letter, ch)
            assert lower_keeping_offsets(f"A{ch}\u00c9") == f"a{letter}\u00e9", (letter, ch)


def test_space_start_agrees_with_regex_space() -> None:
    spaces = set(regex.findall(r"\s", ALL_CHARS, regex.V0))
    assert spaces == {ch for ch in ALL_CHARS if ch.isspace()} - NOT_REGEX_SPACE
    assert space_start("a \t\x1c \n b", 7) == 4


# Words and characters the patterns and the scans turn on, with the spellings a
# case-insensitive pattern matches that lower-casing does not give (long s, Kelvin sign,
# dotted capital I).
PIECES = st.sampled_from(
    [
        *"met Met MET has had hAd have held hold HOLD the The their THEİR first Second".split(),
        *"40th 1st 1ST 42 twice once more again times time for since 2012 meeting".split(),
        *"meetings summit summits talks TALKS talKs call conversation conversations".split(),
        *"Xi Putin anniversary Anniversary ANNIVERSARY anniverſary annİversary of on".split(),
        *"mark marks mar\u212a celebrating commemorate Commemorat years year".split(),
        *"seventy-fifth x-sixty-fifth 80th 300th February 24 24th in-person".split(),
        "in person", "face-to-face", "phone call", "video call", "each other", "more than",
        "-", " ", "  ", "\n", "\t", "\x1c", "\xa0", ".", ",", "(", "é", "_", "½", "ſ", "İ",
        # whole phrases, so that most texts hold a match to get right
        "Putin has met Xi 40 times", "they had met more than 20 times since 2012",
        "have met in person twice", "met each other face-to-face once", "hadmet 5 times",
        "held three meetings since 2014", "their third meeting", "the 40th in-person summit",
        "met Xi for the 40th time", "the second phone call", "the 80th anniversary of the war",
        "x-sixty-fifth anniversary of victory.", "(80th anniversary of it,",
        "marks 75 years of relations", "mark one year on February 24",
        "celebrating 20 years since the treaty", "the first anniversary of Russia's invasion",
    ]
)  # fmt: skip
TEXT = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=40).map("".join),
    st.lists(PIECES, max_size=40).map(" ".join),
    st.text(max_size=200),
)


def _starts(scan):  # type: ignore[no-untyped-def]
    return lambda text, low: scan.starts(low)


CASES = [
    (
        meeting_count.MET_N_TIMES,
        lambda text, low: meeting_count.met_n_times_starts(
            text, low, meeting_count.MET_WORD.starts(low)
        ),
    ),
    (meeting_count.HELD_N_ENCOUNTERS, _starts(meeting_count.HELD_WORD)),
    (meeting_count.MET_FOR_NTH_TIME, _starts(meeting_count.MET_WORD)),
    (meeting_count.NTH_ENCOUNTER, meeting_count.nth_encounter_starts),
    (anniversary.NTH_ANNIVERSARY, anniversary.nth_anniversary_starts),
    (anniversary.YEARS_OF, _starts(anniversary.YEARS_OF_WORD)),
    (
        ANNIVERSARY_OCCASION,
        lambda text, low: [s for s in anniversary.YEARS_OF_WORD.starts(low) if low[s] == "m"],
    ),
]


@pytest.mark.parametrize(("pattern", "starts"), CASES, ids=lambda x: getattr(x, "__name__", ""))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_pattern_finds_the_same_at_the_scanned_starts(pattern, starts, text: str) -> None:  # type: ignore[no-untyped-def]
    everywhere = [(m.span(), m.groupdict()) for m in finditer(pattern, text)]
    low = lower_keeping_offsets(text)
    scanned = [(m.span(), m.groupdict()) for m in matches_at(pattern, text, starts(text, low))]
    assert scanned == everywhere


@given(text=TEXT)
def test_anniversary_word_test_lets_through_every_text_the_pattern_reads(text: str) -> None:
    """The rule runs its ordinal pattern only where "anniversar" is in the lowered text: so
    it must be wherever the case-insensitive pattern finds the word (a long s or a dotted
    capital I in it too), and nowhere else."""
    folded = regex.search("anniversar", text, regex.IGNORECASE) is not None
    assert ("anniversar" in lower_keeping_offsets(text)) == folded


def test_count_of_reads_digits_as_parse_number() -> None:
    """Every count of up to four digits, leading zeros too (COUNT_WORD allows no more)."""
    for width in range(1, 5):
        for n in range(10**width):
            digits = f"{n:0{width}d}"
            assert meeting_count.count_of(digits) == parse_number(digits), digits


def test_rank_of_reads_digit_ordinals_as_parse_ordinal() -> None:
    """Every ordinal of up to three digits in NTH_ANNIVERSARY, in every case of its suffix."""
    suffixes = {
        a + b
        for s in ("st", "nd", "rd", "th")
        for a, b in product((s[0], s[0].upper()), (s[1], s[1].upper()))
    }
    for width in range(1, 4):
        for n in range(10**width):
            for suffix in suffixes:
                word = f"{n:0{width}d}{suffix}"
                assert anniversary.rank_of(word) == parse_ordinal(word), word


@given(word=st.from_regex(r"\A(?:\d{1,3}(?:st|nd|rd|th)|[a-zA-Z]+(?:-[a-zA-Z]+)?)\Z") | st.text())
def test_rank_of_is_parse_ordinal(word: str) -> None:
    assert anniversary.rank_of(word) == parse_ordinal(word)
