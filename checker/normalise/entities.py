"""Who and what a claim is about: countries, leaders and events, from gazetteers shipped as data.

The gazetteers live in `checker/data/*.txt` so that a newsroom can extend them without
touching code. Keys are built from the ids found here: "Moscow", "Kremlin" and "Russian"
all give "russia"; "the two countries" resolves to the pair the article is mostly about.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from importlib.resources import files

import regex

from checker.model import DateSpan
from checker.normalise.prefilter import WordListScan, lower_keeping_offsets, trie_source


@dataclass(frozen=True, slots=True)
class Mention:
    """One gazetteer hit: where it is and the id it stands for."""

    start: int
    end: int
    id: str


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """A table of aliases to ids, with the patterns that find them."""

    aliases: dict[str, str]  # lower-cased alias -> id
    # Every other alias, lower-cased, and its curly-quoted variants -> id: the very strings
    # `folded` matches, so a match needs no folding to find its id.
    variants: dict[str, str]
    # The variants as whole words, run over lower-cased text: what a folded mention is.
    folded: re.Pattern[str]
    # What finds them: `folded.finditer(low)` is `scan.spans(low)[scan_index]`. The scan may
    # serve other gazetteers too (`scanned_together`), so that a text is scanned once for all.
    scan: WordListScan
    scan_index: int
    # Short all-capital aliases ("US" is not "us"), run as written; None when there are none.
    sensitive: re.Pattern[str] | None
    extra: dict[str, str]  # id -> the bracketed attribute (a leader's country, "annual")
    # id -> when the event happened, from "id [2022-02-24]:"; a year or month spans its days.
    dates: dict[str, DateSpan] = field(default_factory=dict)
    # The last text scanned and its mentions: several rules ask about one article in turn.
    _last: list[tuple[str, list[Mention]]] = field(default_factory=list, compare=False)

    def find(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Mention]:
        """Every mention lying wholly between start and end."""
        mentions = self.mentions(text)
        stop = len(text) if end is None else end
        for m in mentions[bisect_left(mentions, start, key=_start_of) :]:
            if m.start >= stop:
                break
            if m.end <= stop:
                yield m

    def mentions(self, text: str) -> list[Mention]:
        """Every mention in `text`, in order, found once per text."""
        for scanned, known in self._last[:1]:  # a copy: another thread may replace it
            if scanned is text:
                return known
        low = lower_keeping_offsets(text)
        spans = self.scan.spans(low)[self.scan_index]
        mentions = [Mention(start, end, self.variants[low[start:end]]) for start, end in spans]
        if self.sensitive is not None:  # folded mentions are in order and apart already
            found = mentions + list(self._found(_word_starts(self.sensitive, text)))
            found.sort(key=_start_of)
            mentions = []
            for m in found:  # as one alternation would: leftmost first, never overlapping
                if not mentions or m.start >= mentions[-1].end:
                    mentions.append(m)
        self._last[:] = [(text, mentions)]
        return mentions

    def _found(self, matches: Iterator[re.Match[str]]) -> Iterator[Mention]:
        for m in matches:
            ident = self.aliases.get(_fold(m["alias"]))
            if ident is not None:
                yield Mention(m.start("alias"), m.end("alias"), ident)


def _start_of(m: Mention) -> int:
    return m.start


def _word_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), keeping only matches that no word character precedes.

    The same as a leading lookbehind for a word character, which would keep `re` from
    skipping ahead to the letters an alias can start with: five times slower on this trie.
    """
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1  # as the lookbehind would fail here and try the next offset
            continue
        yield m
        pos = max(m.end(), start + 1)


def _fold(text: str) -> str:
    return " ".join(
        text.lower().replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split()
    )


def _curly_quotes(text: str) -> str:
    """Straight double quotes as typeset pairs: '"no limits"' -> '“no limits”'."""
    parts = text.split('"')
    quotes = ("\u201c" if n % 2 == 0 else "\u201d" for n in range(len(parts) - 1))
    return "".join(part + quote for part, quote in zip(parts, quotes, strict=False)) + parts[-1]


# Punctuation dropped from slugs.
NON_SLUG = regex.compile(r"[^\w\s-]")

# "[2022-02-24]", "[1945-09]" or "[1945]" after an id: the date the event happened.
EVENT_DATE = regex.compile(r"\[(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?\]")


def parse_event_date(text: str) -> DateSpan | None:
    """The span a bracketed event date names: "[2022-02-24]" a day, "[1945]" a whole year."""
    m = EVENT_DATE.fullmatch(text.strip())
    if not m:
        return None
    year = int(m["year"])
    try:
        if m["day"]:
            return DateSpan.day(date(year, int(m["month"]), int(m["day"])))
        if m["month"]:
            month = int(m["month"])
            following = date(year + month // 12, month % 12 + 1, 1)
            return DateSpan(date(year, month, 1), date.fromordinal(following.toordinal() - 1))
    except ValueError:
        return None
    return DateSpan(date(year, 1, 1), date(year, 12, 31))


def load_gazetteer(name: str, separator: str = ",") -> Gazetteer:
    """Read `checker/data/<name>.txt`: lines of "id [date] [attribute]: alias, alias"."""
    aliases: dict[str, str] = {}
    extra: dict[str, str] = {}
    dates: dict[str, DateSpan] = {}
    case_sensitive: list[str] = []
    text = files("checker").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, _, tail = line.partition(":")
        ident, _, attribute = head.strip().partition(" ")
        # An event's date stands in square brackets and is not part of the attribute, so
        # `extra` still reads "annual" for "ww2-victory-europe [1945-05-09] annual".
        bracket = EVENT_DATE.search(attribute)
        if bracket:
            when = parse_event_date(bracket.group())
            if when is not None:
                dates[ident] = when
            attribute = attribute[: bracket.start()] + attribute[bracket.end() :]
        extra[ident] = attribute.strip().strip("()")
        for alias in (a.strip() for a in tail.split(separator)):
            if not alias:
                continue
            if alias.isupper() and len(alias.replace(".", "")) <= 3:
                case_sensitive.append(alias)
            aliases[_fold(alias)] = ident
    variants: set[str] = set()
    for alias in aliases:
        curly = (alias.replace("'", "\u2019"), alias.replace('"', "\u201c"), _curly_quotes(alias))
        variants |= {alias, *curly}
    sensitive = {_fold(a) for a in case_sensitive}
    folded = [v for v in variants if v not in sensitive]
    # An alias is a whole word; case matters only for short all-capital aliases ("US" is not "us").
    # Each alternation is a literal trie, which stdlib `re` scans in linear time (no timeout
    # needed) and several times faster than `regex`; the folded one runs without IGNORECASE
    # over lower-cased text, three times faster again. Gazetteers run over every article.
    folded_pattern = re.compile(r"(?<!\w)(?P<alias>" + trie_source(folded) + r")(?!\w)")
    sensitive_pattern = (
        re.compile(r"(?P<alias>" + trie_source(case_sensitive) + r")(?!\w)")
        if case_sensitive
        else None
    )
    by_variant = {variant: aliases[_fold(variant)] for variant in folded}
    return Gazetteer(
        aliases=aliases,
        variants=by_variant,
        folded=folded_pattern,
        scan=WordListScan([by_variant]),  # its own, until `scanned_together` shares one
        scan_index=0,
        sensitive=sensitive_pattern,
        extra=extra,
        dates=dates,
    )


def scanned_together(*gazetteers: Gazetteer) -> tuple[Gazetteer, ...]:
    """The gazetteers, sharing one scan: each text is then scanned once for all of them."""
    scan = WordListScan(g.variants for g in gazetteers)
    return tuple(replace(g, scan=scan, scan_index=i, _last=[]) for i, g in enumerate(gazetteers))


@cache
def _article_gazetteers() -> tuple[Gazetteer, ...]:
    """Countries, leaders and events: the rules ask about every article for all three."""
    return scanned_together(
        load_gazetteer("countries"), load_gazetteer("leaders"), load_gazetteer("events", "|")
    )


def countries() -> Gazetteer:
    """The country gazetteer."""
    return _article_gazetteers()[0]


def leaders() -> Gazetteer:
    """The leader gazetteer; `extra` holds each leader's country."""
    return _article_gazetteers()[1]


def events() -> Gazetteer:
    """The event gazetteer: `extra` says "annual" for yearly events, `dates` when each happened."""
    return _article_gazetteers()[2]


def pair_id(a: str, b: str) -> str:
    """The subject of a two-party claim, order-free: ("russia", "china") -> "china-russia"."""
    return "-".join(sorted((a, b)))


def top_pair(mentions: list[Mention]) -> tuple[str, str] | None:
    """The two ids mentioned most (ties broken by first mention)."""
    counts = Counter(m.id for m in mentions)
    first = {}
    for m in mentions:
        first.setdefault(m.id, m.start)
    ranked = sorted(counts, key=lambda i: (-counts[i], first[i]))
    return (ranked[0], ranked[1]) if len(ranked) >= 2 else None


@lru_cache(maxsize=256)
def article_country_pair(text: str) -> tuple[str, str] | None:
    """The two countries an article is mostly about."""
    return top_pair(list(countries().find(text)))


@lru_cache(maxsize=256)
def article_leader_pair(text: str) -> tuple[str, str] | None:
    """The two leaders an article is mostly about."""
    return top_pair(list(leaders().find(text)))


# An event names a date only when it stands close by, with no clause break between them:
# "held a call on Monday, the Kremlin said, as ... the war in Ukraine" is not the war's date.
EVENT_GAP = 60
CLAUSE_BREAK = regex.compile(r"[;—–]|\s-\s")


def article_events(text: str) -> list[Mention]:
    """Every event mention in a text, in order, found once per article."""
    return events().mentions(text)


def event_near(text: str, start: int, end: int, sent_start: int, sent_end: int) -> Mention | None:
    """The gazetteer event named closest to text[start:end] within its sentence and clause."""
    best: Mention | None = None
    best_gap = EVENT_GAP + 1
    mentions = article_events(text)
    first = bisect_left(mentions, sent_start, key=_start_of)
    for m in mentions[first:]:
        if m.end > sent_end:
            break
        lo, hi = (m.end, start) if m.end <= start else (end, m.start)
        gap = max(0, hi - lo)
        if gap < best_gap and not CLAUSE_BREAK.search(text, lo, hi):
            best, best_gap = m, gap
    return best


def slug(text: str, words: int = 6) -> str:
    """A key-safe slug of a phrase: "Japan's surrender" -> "japans-surrender"."""
    cleaned = NON_SLUG.sub("", _fold(text))
    return "-".join(cleaned.replace("_", " ").split()[:words]) or "unnamed"
