"""Shared pieces of the date grammar: fragments, word lists, and how they enter a pattern.

Fragments are written once, in a DEFINE-style block, and referred to as `(?&name)`
(Recognizers-Text style); `splice` pastes them in before compiling, because the regex
module runs subroutine calls some twenty times slower than inline groups. For the same
reason `expand_lists` turns each `\\L<name>` list into a trie-shaped alternation
("t(?:en|h(?:ree|irty))"): the regex module matches a named list by trying each length
with case folding, which is slow when it is the first thing tried at a position. A trie
matches the same words, longest first, as the list does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import regex

from checker.normalise.dates_words import (
    CARDINAL_WORDS,
    DAY_PARTS,
    DECADE_WORDS,
    FULL_WEEKDAYS,
    HOLIDAYS,
    MONTH_LEADS,
    MONTH_PARTS,
    MONTHS,
    ORDINAL_WORDS,
    PLAIN_MONTHS,
    RELATIVE_WORDS,
    TEEN_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    UNITS,
    WEEKDAYS,
    YEAR_LEADS,
    YEAR_PARTS,
)

FRAGMENTS = r"""
(?(DEFINE)
  # A month name next to digits: any case, any abbreviation ("Dec31", "14april").
  (?P<month> \L<months> (?![a-z]) \.? )
  # A month name standing alone: "May" and "March" only capitalised, abbreviations only
  # capitalised, so that "may" the modal and "march" the verb stay words.
  (?P<month_alone>
      \L<plain_months> (?![a-z])
    | (?-i: May | March | MAY | MARCH ) (?![a-z])
    | (?: may | march ) (?= \s* (?: [.,;:!?)] | $ ) )
    | (?-i: Jan | Feb | Mar | Apr | Jun | Jul | Aug | Sep | Sept | Oct | Nov | Dec ) \b \.?
  )
  (?P<weekday> \L<weekdays> (?![a-z]) \.? )
  (?P<weekday_alone> \L<full_weekdays> (?![a-z]) | (?: tues? | thu(?:rs?)? | fri ) (?![a-z]) \.? )
  (?P<daypart> \s+ (?: \L<day_parts> ) \b )
  # A day of the month: 1-31 with an optional ordinal suffix, or an ordinal word.
  (?P<dayord>
      (?<! [\d.,$£€] | [$£€] \s ) (?: [12]\d | 3[01] | 0?[1-9] ) (?: st | nd | rd | th )?
      (?! \d | [.,:]\d | \s* (?: % | percent\b | per\s+cent\b ) )
    | \b \L<ordinal_words> \b
    | (?<= \L<months> \.? \s+ ) \b (?: twenty | thirty ) [\s\-]
        (?: one | two | three | four | five | six | seven | eight | nine ) \b
  )
  (?P<year4> (?<! [\d$£€#.,:] ) (?: 1\d | 20 | 21 ) \d\d (?! \d | [.,:]\d | \s* % ) )
  (?P<count> (?<! \w ) (?: \d{1,3} (?! [\d,.]\d ) | \L<cardinal_words> ) \b )
  (?P<to> \s* (?: - | – | — | \bto\b | \bthrough\b | \bthru\b | \buntil\b | \btill\b ) \s* )
  (?P<ordn> (?: \L<ordinal_words> | [1-9] (?: st | nd | rd | th ) | last ) \b )
  # A month-sized part: "late August", "early September 2025", "April".
  (?P<mpart> (?: \L<month_parts> \s* -? \s* )?
      (?: (?&month_alone) | (?&month) (?= ,? \s* (?&year4) ) ) (?: ,? \s+ (?&year4) )? )
  (?P<rel> \L<relative_words> \b )
  (?P<holiday> (?: the \s+ )? \L<holidays> (?![a-z]) )
  # A year said aloud: "two thousand and fifteen", "nineteen ninety six",
  # "seventeen hundred thirty three".
  (?P<small_words>
      (?: \L<tens_words> (?: [\s\-] \L<unit_words> )? | \L<teen_words> | \L<unit_words> ) \b )
  (?P<year_words>
      \b two \s+ thousand (?: (?: \s+ and )? \s+ (?&small_words) )?
    | \b (?: \L<teen_words> ) \s+ hundred (?: \s+ and )? \s+ (?&small_words)
    | \b (?: seventeen | eighteen | nineteen | twenty ) \s+ \L<tens_words>
        (?: [\s\-] \L<unit_words> )? \b
  )
)
"""

LISTS = dict(
    months=MONTHS,
    plain_months=PLAIN_MONTHS,
    weekdays=WEEKDAYS,
    full_weekdays=FULL_WEEKDAYS,
    day_parts=DAY_PARTS,
    ordinal_words=ORDINAL_WORDS,
    cardinal_words=CARDINAL_WORDS,
    units=UNITS,
    relative_words=RELATIVE_WORDS,
    month_parts=MONTH_PARTS,
    year_parts=YEAR_PARTS,
    decade_words=DECADE_WORDS,
    holidays=HOLIDAYS,
    unit_words=UNIT_WORDS,
    teen_words=TEEN_WORDS,
    tens_words=TENS_WORDS,
    month_leads=MONTH_LEADS,
    year_leads=YEAR_LEADS,
)


def splice(source: str, fragments: str = FRAGMENTS) -> str:
    """`source` with every `(?&name)` replaced by the fragment's body, recursively."""
    bodies = dict(_fragment_bodies(fragments))
    for _ in range(6):  # fragments nest at most a few levels deep
        source = FRAGMENT_CALL.sub(lambda m: "(?:" + bodies[m[1]] + ")", source)
    return source


def _fragment_bodies(fragments: str) -> Iterator[tuple[str, str]]:
    """(name, body) for each top-level `(?P<name> body )` inside the DEFINE block."""
    depth, start, name = 0, 0, ""
    for token in FRAGMENT_TOKEN.finditer(fragments):
        text = token.group()
        if text.startswith("(?P<") and depth == 1:
            name, start = token["name"], token.end()
        if text.startswith("("):
            depth += 1
        elif text == ")":
            depth -= 1
            if depth == 1 and name:
                yield name, fragments[start : token.start()]
                name = ""


FRAGMENT_CALL = regex.compile(r"\(\?&(\w+)\)")
# Escapes and classes are skipped whole so that their brackets do not count.
FRAGMENT_TOKEN = regex.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|\(\?P<(?P<name>\w+)>|\(|\)|\#[^\n]*")


def expand_lists(source: str, lists: dict[str, Iterable[str]]) -> str:
    """`source` with every `\\L<name>` replaced by its words as a trie-shaped alternation."""
    return LIST_CALL.sub(lambda m: "(?:" + trie_source(lists[m[1]]) + ")", source)


def trie_source(words: Iterable[str], escape: Callable[[str], str] = regex.escape) -> str:
    """An alternation matching exactly `words` (lower-cased, escaped), shaped as a trie."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word.lower():
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_node(root, escape) or "(?!)"


def _trie_node(node: dict[str, dict], escape: Callable[[str], str]) -> str:
    ends_here = "" in node
    branches = [escape(ch) + _trie_node(sub, escape) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 or ends_here else branches[0]
    # Greedy: the longer word is tried first, and the shorter one on backtracking.
    return body + "?" if ends_here else body


LIST_CALL = regex.compile(r"\\L<(\w+)>")
