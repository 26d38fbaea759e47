"""Gazetteer lookups: one scan per text must find what one case-aware alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.normalise.entities import Gazetteer, countries, events, leaders
from checker.normalise.prefilter import trie_source


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
