"""Anchors: where a rule pattern may match, so that it is not tried at every offset.

A rule pattern that must hold a literal word ("met", "anniversary") is tried only next to
where a stdlib `re` scan of the lower-cased text finds that word: `regex` tries a pattern at
every offset, at about 15 ns a character, while `re` finds a literal many times faster.
`matches_at` then gives exactly what a `finditer` over the whole text would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from checker.normalise.prefilter import lower_keeping_offsets
from checker.patterns import ANNIVERSARY_OCCASION, scan_timeout

# Separators that `str.isspace` counts as white space and `regex`'s \s does not.
NOT_REGEX_SPACE = frozenset("\x1c\x1d\x1e\x1f")


@dataclass(frozen=True, slots=True)
class FoldedWords:
    """Finds, in `lower_keeping_offsets` text, every spelling of some words that a
    case-insensitive `regex` pattern matches: that text holds each letter as the very ASCII
    letter the pattern folds it to ("mar\u212a" with a Kelvin sign is "mark" there;
    tests/test_rule_prefilters.py checks this over every code point)."""

    # One scan per word: `re` finds a lone literal several times faster than an alternation.
    scans: tuple[re.Pattern[str], ...]

    def starts(self, low: str, pos: int = 0, endpos: int | None = None) -> list[int]:
        """Sorted offsets in low[pos:endpos] where one of the words begins."""
        end = len(low) if endpos is None else endpos
        return sorted(m.start() for scan in self.scans for m in scan.finditer(low, pos, end))


def folded_words(*words: str) -> FoldedWords:
    """A FoldedWords for `words`: lower-case, none overlapping itself ("anna" in "annanna"),
    so that a scan for it finds every occurrence. A word that another begins is left out:
    it begins where that one does ("meetings", "meeting")."""
    words = tuple(w for w in words if not any(w != v and w.startswith(v) for v in words))
    for word in words:
        if any(word.startswith(word[i:]) for i in range(1, len(word))):
            raise ValueError(f"{word!r} overlaps itself")
    return FoldedWords(tuple(re.compile(re.escape(word)) for word in words))


def space_start(text: str, pos: int) -> int:
    """Where the run of \\s (as `regex` has it) that ends at `pos` begins."""
    while pos and text[pos - 1].isspace() and text[pos - 1] not in NOT_REGEX_SPACE:
        pos -= 1
    return pos


def words_start(text: str, pos: int, words: int) -> int:
    """An offset at or before the start of the `words` whitespace-separated words before
    `pos` (0 when there are fewer)."""
    for _ in range(words):
        while pos and text[pos - 1].isspace():
            pos -= 1
        while pos and not text[pos - 1].isspace():
            pos -= 1
    return pos


def word_starts_before(text: str, end: int) -> Iterator[int]:
    """Where a word of non-space characters led by `\\b` and ending at `end` may begin: at
    the start of the run of non-space characters there, or inside it after a character that
    ends a word ("fifth" in "seventy-fifth")."""
    start = end
    while start and not text[start - 1].isspace():
        start -= 1
    yield start
    # \b holds inside the run only after a character that \w does not match, and \w
    # matches every ASCII letter, digit and "_".
    yield from (i + 1 for i in range(start, end) if not _ascii_word_char(text[i]))


def _ascii_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def matches_at(
    pattern: regex.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[regex.Match[str]]:
    """The matches `patterns.finditer(pattern, text)` gives, trying the pattern only at
    `starts`, which must hold every offset where a match of it can begin (others do no harm).

    finditer gives the leftmost match that begins at or after the end of the one before;
    trying the possible starts in order from there finds that same match. The pattern must
    not match the empty string (after one, finditer would retry the same offset).
    """
    end = 0
    for start in sorted(set(starts)):
        if start < end:
            continue
        m = pattern.match(text, start, timeout=scan_timeout())
        if m is not None:
            yield m
            end = m.end()


# Every ANNIVERSARY_OCCASION match begins with "mark" ("marked two years on ...").
OCCASION_WORD = folded_words("mark")


@lru_cache(maxsize=4)
def occasions(text: str) -> tuple[regex.Match[str], ...]:
    """ANNIVERSARY_OCCASION's matches, found once per text: the anniversary rule reads them,
    and the event-date rule leaves the days they state alone."""
    low = lower_keeping_offsets(text)
    return tuple(matches_at(ANNIVERSARY_OCCASION, text, OCCASION_WORD.starts(low)))
