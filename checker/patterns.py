"""Shared pattern machinery: compile once, scan with a time limit.

Every scan of article text goes through `finditer`, which passes `timeout=` to the
`regex` module or runs under the scan watch (`checker/scan_watch.py`), so hostile text
cannot drive a pattern into catastrophic backtracking.
Word lists enter patterns as named lists (`\\L<name>`), never by string formatting.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, cast

import regex

from checker.pattern_store import compile_regex

# SCAN_TIMEOUT: seconds of CPU one pattern may spend on one text; scan_timeout(): the
# `timeout=` a scan passes (None while the scan watch keeps that limit instead).
from checker.scan_watch import SCAN_TIMEOUT as SCAN_TIMEOUT
from checker.scan_watch import scan_timeout

FLAGS = regex.VERBOSE | regex.IGNORECASE | regex.UNICODE | regex.V0


def compile_pattern(
    source: str, *, flags: int = FLAGS, **word_lists: Iterable[str]
) -> regex.Pattern[str]:
    """Compile a verbose pattern; keyword arguments become `\\L<name>` word lists.

    Longer words are tried first so that "more than" wins over "more". The pattern is
    compiled when it is first used (see LazyPattern).
    """
    lists = {name: sorted(set(words), key=len, reverse=True) for name, words in word_lists.items()}
    return cast("regex.Pattern[str]", LazyPattern(source, flags, lists))


class LazyPattern:
    """A `regex` pattern compiled on first use, then used as the compiled pattern itself.

    Compiling the patterns of every module (the `regex` parser is pure Python) took a fifth
    of a warm re-run that had nothing new to read, and a run that reads a few articles uses
    only some of them. A pattern with an error now fails where it is first used.
    """

    def __init__(self, source: str, flags: int, lists: dict[str, list[str]]) -> None:
        self._args = (source, flags, lists)

    def __getattr__(self, name: str) -> Any:
        # Reached only for names not yet in the instance dict: each attribute of the compiled
        # pattern (bound methods too) is copied there on first use, so that later uses are
        # ordinary attribute lookups, as quick as on the pattern itself.
        args = self.__dict__.get("_args")
        if args is None or name.startswith("__"):  # unpickling, copy's probes
            raise AttributeError(name)
        pattern = self.__dict__.get("_pattern")
        if pattern is None:
            source, flags, lists = args
            pattern = self.__dict__["_pattern"] = compile_regex(source, flags, lists)
        value = getattr(pattern, name)
        self.__dict__[name] = value
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, self._args)

    def __repr__(self) -> str:
        return f"LazyPattern({self._args[0]!r:.60})"


def finditer(
    pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[regex.Match[str]]:
    """Scan with the shared timeout; raises TimeoutError when the text is pathological."""
    if endpos is None:
        endpos = len(text)
    return pattern.finditer(text, pos, endpos, timeout=scan_timeout())


def search(
    pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> regex.Match[str] | None:
    """One search with the shared timeout."""
    if endpos is None:
        endpos = len(text)
    return pattern.search(text, pos, endpos, timeout=scan_timeout())


# A sentence ends at ., ! or ? (and a closing quote or bracket) followed by space and a
# capital, digit or opening quote, or at a line break; abbreviations like "U.S." rarely
# precede a capital here. Case matters, so this is compiled without IGNORECASE, with stdlib
# `re`: a pattern with no nested repetition runs in linear time, and `re` scans it several
# times faster than `regex`. It opens with a class so that `re` skips straight to the next
# stop or line break (twice as quick as opening with a group).
SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)|(?P<close>[\"'”’)\]])?\s+(?=[\"'“‘(\[]?[A-Z0-9]))")


@lru_cache(maxsize=8)
def _sentence_breaks(text: str) -> tuple[list[int], list[int], list[int]]:
    """Every sentence break, found once per text: where each break's match begins, where
    the sentence before it ends, and where the next one starts. Rules and the report ask
    for the sentence around many claims of the same article."""
    found = [(m.start(), _stop_end(m, text), m.end()) for m in SENTENCE_END.finditer(text)]
    return [f[0] for f in found], [f[1] for f in found], [f[2] for f in found]


def _stop_end(m: re.Match[str], text: str) -> int:
    """Where the sentence before a SENTENCE_END match ends: after its stop and closing mark,
    or where the line break is."""
    at = m.start()
    if text[at] == "\n":
        return at
    return m.end("close") if m["close"] else at + 1


def sentence_span(text: str, pos: int, window: int = 600) -> tuple[int, int]:
    """The start and end of the sentence around `pos`, looking at most `window` chars away."""
    begins, ends, starts = _sentence_breaks(text)
    i = bisect_right(starts, pos)  # the last break that ends at or before pos opens it
    start = max(starts[i - 1] if i else 0, pos - window, 0)
    j = bisect_left(begins, pos)  # the first break that begins at or after pos closes it
    end = min(ends[j] if j < len(ends) else len(text), pos + window, len(text))
    return start, max(end, pos)


# "mark one year on February 24": an occasion whose stated day is the base event's day
# shifted by whole years. Shared because the event-date rule must leave such days alone.
ANNIVERSARY_OCCASION = compile_pattern(
    r"""
    \b mark(?:s|ed|ing)? \s+ (?P<years>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})
    \s+ years? (?: \s+ since \s+ [^.;\n]{0,60}? )?
    \s+ on \s+ (?P<day> [a-z]{3,9}\.? \s+ \d{1,2}(?:st|nd|rd|th)?
                      | \d{1,2}(?:st|nd|rd|th)? \s+ [a-z]{3,9} )
    """
)


# A web address: dates inside one ("/2025/aug/30/") are metadata, not claims.
URL = compile_pattern(r"\b(?:https?://|www\.)[^\s<>\"')\]]+")
URL_OPENINGS = ("http", "www.")  # every match holds one of these, in any case


def spans_of(
    pattern: regex.Pattern[str], text: str, openings: tuple[str, ...]
) -> list[tuple[int, int]]:
    """The spans `pattern` finds in `text`, which is not scanned when it holds none of the
    `openings` (in any case) that every match holds.

    Most articles have no web address; a substring test over the lower-cased text is some
    twenty times quicker than the pattern's own scan. `str.lower` folds as IGNORECASE does
    for these letters.
    """
    lowered = _lowered(text)
    if not any(word in lowered for word in openings):
        return []
    return [m.span() for m in finditer(pattern, text)]


@lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    """text.lower(), once per text: several guards ask about the same article."""
    return text.lower()
