"""Prefilter scans: where in a long text a number or a currency mention may start.

The patterns that read numbers and money are too slow to try at every offset of a text
(the regex module manages about 0.3 MB/s for them), so each is tried only where a prefilter
says something may start. A prefilter is a character class or a word list shaped as a trie
("t(?:en|h(?:ree|irty))"), run over lower-cased text.

Prefilters use the standard library's `re`, not `regex`: on these shapes it scans two to
three times faster (measured here: 52 against 36 MB/s for the number words, 48 against
19 MB/s for the currency words). That is the one exception to "every scan goes through
patterns.finditer": a prefilter is a literal trie or a class with no nested repetition, so it
runs in linear time and needs no timeout. `WordStarts` runs one such scan over bytes where it
can, `WordListScan` one for the words of several lists (the gazetteers), and `may_end_with`
spares a search with plain string checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain


def trie_source(words: Iterable[str]) -> str:
    """An alternation matching exactly `words` (escaped), shaped as a trie."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # marks the end of a word
    return _emit(root) or "(?!)"


def _emit(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [re.escape(ch) + _emit(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 or ends_here else branches[0]
    return body + "?" if ends_here else body


def compile_prefilter(source: str, ignore_case: bool = False) -> re.Pattern[str]:
    """A prefilter pattern; `source` must be a class or a trie (linear time, no timeout)."""
    return re.compile(source, re.IGNORECASE if ignore_case else 0)


def starts(
    patterns: Iterable[re.Pattern[str]], text: str, lo: int = 0, hi: int | None = None
) -> list[int]:
    """Sorted offsets in text[lo:hi] where any of the patterns matches."""
    end = len(text) if hi is None else hi
    found: list[int] = []
    for pattern in patterns:
        found += [m.start() for m in pattern.finditer(text, lo, end)]
    found.sort()
    return found


class WordStarts:
    """Where words made of letters start in lower-cased text: at its start or after a
    non-word character (where `\\b` would allow them), or straight after a digit ("115usd");
    each word ends before any letter a-z.

    One scan finds both kinds, led by the character before the word: a pattern that opens
    with a class lets `re` skip to the offsets the class admits, where one that opens with
    `\\b` tries the whole trie at every offset. Matches cannot overlap (the words are all
    letters), so the one scan finds every word the two did. Most text is scanned as bytes,
    every other character replaced by "?", where the class costs less again. Measured on
    1.7 KB articles with the currency words: 45 us for the two scans this replaced, 32 for
    the one scan over text, 24 over bytes.
    """

    def __init__(self, words: Iterable[str]) -> None:
        words = sorted(words)
        if not all(word.isalpha() for word in words):
            raise ValueError("WordStarts takes words made of letters only")
        trie = trie_source(words)
        self._at_start = re.compile(r"(?:" + trie + r")(?![a-z])")
        self._anchored = re.compile(r"[\W0-9](?:" + trie + r")(?![a-z])")
        ascii_trie = trie_source(word for word in words if word.isascii())
        self._anchored_ascii = re.compile(rb"[\W0-9](?:" + ascii_trie.encode() + rb")(?![a-z])")
        # Letters the byte scan cannot see ("ł" in "zł"): text with any of them takes the other.
        self._non_ascii = "".join(sorted({ch for word in words for ch in word if not ch.isascii()}))

    def find(self, low: str) -> tuple[list[int], list[int]]:
        """The offsets of the words that follow a non-word character or open the text, and
        of the digits that words are glued to, each in order."""
        words = [0] if self._at_start.match(low) else []
        glued: list[int] = []
        matches: Iterator[re.Match[str]] | Iterator[re.Match[bytes]]
        if not low.isascii() and any(ch in low for ch in self._non_ascii):
            matches = self._anchored.finditer(low)
        else:
            # "replace" turns each other character into one "?", a non-word byte: offsets
            # hold, and a word after a letter such as "é" is dropped below, as \b drops it.
            matches = self._anchored_ascii.finditer(low.encode("ascii", "replace"))
        for m in matches:
            at = m.start()
            before = low[at]
            if "0" <= before <= "9":
                glued.append(at)
            elif before.isascii() or not before.isalnum():  # `re`'s \W there, as \b asks
                words.append(at + 1)
        return words, glued


class WordListScan:
    """Where the words of several lists stand as whole words in lower-cased text, each list
    read as its own `(?<!\\w)(?:TRIE)(?!\\w)` would read it: leftmost first, never overlapping,
    one list's matches apart from another's.

    One scan serves every list. It stops only where a word of some list starts (a lookahead
    over all the words) and there reads each list's word in a lookahead group of its own. One
    alternation of all the words would not do: its match hides a shorter word of another list
    at the same offset ("Moscow" under "Moscow's Victory Day") and every word inside it.
    Measured on 1.7 KB articles with the three gazetteers: 73 us for their own scans, 20 for
    this one.
    """

    def __init__(self, lists: Iterable[Iterable[str]]) -> None:
        lists = [list(words) for words in lists]
        tries = [trie_source(words) for words in lists]
        any_word = r"(?=(?:" + trie_source(w for words in lists for w in words) + r")(?!\w))"
        each_word = "".join(r"(?:(?=(" + trie + r")(?!\w))|)" for trie in tries)
        self._first = re.compile(any_word + each_word)
        # Led by the character before the word, as in `WordStarts`. The class leaves out the
        # ASCII word characters, not `\w`: `re` tests it from a bitmap at every character,
        # where `\w` asks the Unicode tables (7 against 16 us per article for the class
        # alone). The lookbehind, tried only where a word starts, then turns away a letter
        # such as "é" before it.
        self._led = re.compile(r"[^0-9A-Z_a-z]" + any_word + r"(?<!\w)" + each_word)
        # The last text scanned and its spans: each gazetteer asks about one article in turn.
        self._last: list[tuple[str, tuple[list[tuple[int, int]], ...]]] = []

    def spans(self, low: str) -> tuple[list[tuple[int, int]], ...]:
        """Each list's (start, end) matches in `low`, in order, as its own finditer finds them."""
        for scanned, known in self._last[:1]:  # a copy: another thread may replace it
            if scanned is low:
                return known
        found: tuple[list[tuple[int, int]], ...] = tuple([] for _ in range(self._first.groups))
        ends = [0] * len(found)
        first = self._first.match(low)
        for m in chain([first] if first else [], self._led.finditer(low)):
            for i, spans in enumerate(found):
                start, end = m.span(i + 1)  # (-1, -1) when the list has no word here
                if start >= ends[i]:  # leftmost first: skip words inside the last one found
                    spans.append((start, end))
                    ends[i] = end
        self._last[:] = [(low, found)]
        return found


def may_end_with(window: str, endings: tuple[str, ...], spaces: str = "") -> bool:
    """False only when `window` cannot end with one of `endings` (lower-case) in any case,
    followed by `spaces`: "" none, "?" at most one whitespace character, "+" one or more.

    A check before a search for a pattern such as `\\b an? \\s+ \\Z` over a few characters,
    which costs a few microseconds even when it fails at once. Only ASCII windows are judged:
    there `str.isspace` holds for every `\\s` and case is upper or lower; any other window
    may end with anything.
    """
    if not window.isascii():
        return True
    if spaces == "+":
        if not window[-1:].isspace():
            return False
        window = window.rstrip()
    elif spaces == "?" and window[-1:].isspace():
        return window[:-1].lower().endswith(endings) or window.lower().endswith(endings)
    return window.lower().endswith(endings)


@lru_cache(maxsize=8)
def lowered(text: str) -> str | None:
    """text.lower() when it keeps every offset (it does, but for a few letters like "İ");
    found once per text, as the money and number readers and lower_keeping_offsets ask."""
    low = text.lower()
    return low if len(low) == len(text) else None


def fold_lower(text: str) -> str:
    """`text` lower-cased as a case-insensitive `regex` pattern reads it, offset for offset.

    Its case folding makes a long s (U+017F) an "s" and a dotted capital I (U+0130) an "i";
    lower() keeps the first and makes the second two characters. Both become the ASCII
    letter here (the Kelvin sign, the third letter folded onto ASCII, lower() makes a "k").
    """
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    low = text.lower()
    if len(low) != len(text):  # no other letter lower-cases to two, but should one: ASCII only
        return text.translate(ASCII_LOWER)
    return low.replace("\u017f", "s") if "\u017f" in low else low


@lru_cache(maxsize=4)
def lower_keeping_offsets(text: str) -> str:
    """fold_lower(text), for the scans that skip IGNORECASE, found once per text as several
    rules scan the same article: a scan then sees "spring 2023" spelt with a long s where the
    date grammar does."""
    return fold_lower(text)


ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
