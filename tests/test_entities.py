"""Gazetteer lookups: one scan per text must find what one case-aware alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.normalise.entities import Gazetteer, _fold, countries, events, leaders
from checker.normalise.prefilter import WordListScan, lower_keeping_offsets, trie_source


def reference_find(gazetteer: Gazetteer, text: str) -> list[tuple[int, int, str]]:
    """The lookup as a single pattern, folded aliases ignoring case, short capitals as written."""
    sensitive = (
        [a for a in _aliases_of(gazetteer.sensitive)] if gazetteer.sensitive is not None else []
    )
    pattern = re.compile(
        r"(?<!\w)(?P<alias>(?i:"
        + gazetteer.folded.pattern.split("(?P<alias>", 1)[1].rsplit(")(?!", 1)[0]
        + ")|"
        + trie_source(sensitive)
        + r")(?!\w)"
    )
    out = []
    for m in pattern.finditer(text):
        alias = " ".join(m["alias"].lower().replace("\u2019", "'").split())
        ident = gazetteer.aliases.get(alias)
        if ident is not None:
            out.append((m.start(), m.end(), ident))
    return out


def _aliases_of(pattern: re.Pattern[str]) -> list[str]:
    """The capitals-only aliases a gazetteer's sensitive trie was built from."""
    return [
        a for a in ("US", "U.S.", "USA", "UK", "U.K.", "EU", "E.U.", "PRC") if pattern.fullmatch(a)
    ]


ALIASES = ["China", "US", "U.S.", "the Kremlin", "Moscow", "Putin", "Xi Jinping", "Victory Day"]
FILLERS = ["", " ", "x", "_", "-", "'s", ", ", "anti", "said", "\n", "Bus", "usa", "eu", "."]
FILLERS += ["\u201c", "é", "9"]  # a mention glued to a quote, a non-ASCII letter, a digit


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALIASES + FILLERS), max_size=12))
def test_one_scan_finds_what_one_alternation_finds(parts: list[str]) -> None:
    text = "".join(parts)
    for gazetteer in (countries(), leaders(), events()):
        found = [(m.start, m.end, m.id) for m in gazetteer.find(text)]
        assert found == reference_find(gazetteer, text)


def test_windows_come_from_the_same_scan() -> None:
    text = "Putin met Xi in Moscow. The US and the EU watched."
    gazetteer = countries()
    whole = list(gazetteer.find(text))
    assert [m.id for m in whole] == ["russia", "united-states", "european-union"]
    window = list(gazetteer.find(text, 24, len(text)))
    assert [m.id for m in window] == ["united-states", "european-union"]
    # A mention cut by the window's end is not in it.
    assert list(gazetteer.find(text, 0, text.index("Moscow") + 3)) == []


def test_capitals_only_aliases_keep_their_case() -> None:
    gazetteer = countries()
    assert [m.id for m in gazetteer.find("US officials")] == ["united-states"]
    assert list(gazetteer.find("let us talk")) == []
    assert list(gazetteer.find("BUS stop")) == []


def scanned_one_by_one(gazetteer: Gazetteer, text: str) -> list[tuple[int, int, str]]:
    """The lookup as it ran before the gazetteers shared a scan: `folded` over the lower-cased
    text and `sensitive` as written, each by its own finditer, then merged leftmost first."""
    low = lower_keeping_offsets(text)
    found = [
        (m.start(), m.end(), gazetteer.aliases[_fold(m["alias"])])
        for m in gazetteer.folded.finditer(low)
    ]
    if gazetteer.sensitive is not None:
        sensitive = re.compile(r"(?<!\w)" + gazetteer.sensitive.pattern)
        for m in sensitive.finditer(text):
            ident = gazetteer.aliases.get(_fold(m["alias"]))
            if ident is not None:
                found.append((m.start(), m.end(), ident))
    found.sort(key=lambda hit: hit[0])
    merged: list[tuple[int, int, str]] = []
    for hit in found:
        if not merged or hit[0] >= merged[-1][1]:
            merged.append(hit)
    return merged


# Pieces of aliases from all three gazetteers, so that one's alias starts inside or at another's
# ("Moscow" in "Moscow's Victory Day"), in other cases, beside what lower-casing and `\w` treat
# oddly: curly quotes, non-ASCII letters (dotted I lower-cases to two characters, the Kelvin
# sign to "k"), digits and underscores.
ALIAS_PIECES = ["Moscow", "Moscow's", "Moscow\u2019s", " Victory Day", " parade", " in ", "Kyiv"]
ALIAS_PIECES += ["Xi", "Xi Jinping", "Putin", "war in Ukraine", "Ukraine", "\u201cno limits\u201d"]
ALIAS_PIECES += [" partnership", "no limit partnership", "U.S.", "USA", "US", "us", "EU", "E.U."]
ALIAS_PIECES += ["G20 summit", "SCO summit", "in Samarkand", "Beijing's", "China", "Sino"]
OTHER_PIECES = [
    " ",
    "  ",
    "\n",
    ".",
    ",",
    "-",
    "_",
    "'",
    '"',
    "\u2019",
    "\u201c",
    "\u201d",
    "\u2014",
]
OTHER_PIECES += ["é", "\u0130", "\u212a", "ß", "9", "2022", "x", "anti", "\u00a0"]
CASED = st.sampled_from(ALIAS_PIECES).flatmap(
    lambda piece: st.sampled_from([piece, piece.upper(), piece.lower(), piece.title()])
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(CASED, st.sampled_from(OTHER_PIECES)), max_size=16))
def test_shared_scan_finds_what_each_gazetteer_found_alone(parts: list[str]) -> None:
    text = "".join(parts)
    for gazetteer in (countries(), leaders(), events()):
        found = [(m.start, m.end, m.id) for m in gazetteer.mentions(text)]
        assert found == scanned_one_by_one(gazetteer, text)


# Short words over a small alphabet, so that words of different lists start at, inside and
# right after one another; the alphabet holds word and non-word characters, ASCII and not.
LETTERS = "ab '\u2019é_1"
WORDS = st.lists(st.text(LETTERS, min_size=1, max_size=4), max_size=6)


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=3), st.text(LETTERS, max_size=30))
def test_word_list_scan_finds_what_each_list_finds_alone(lists: list[list[str]], text: str) -> None:
    spans = WordListScan(lists).spans(text)
    for words, found in zip(lists, spans, strict=True):
        alone = re.compile(r"(?<!\w)(?:" + trie_source(words) + r")(?!\w)")
        assert found == [m.span() for m in alone.finditer(text)]
