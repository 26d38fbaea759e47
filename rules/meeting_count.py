"""Meeting counts: how often two leaders have met or spoken.

Finds   "have met more than 40 times since 2012", "met in person 40 times", "their 42nd
        meeting", "the second conversation between them in just over a month".
Gives   an Interval in unit "count": "more than 40" -> lower 40, upper None, MORE_THAN; keyed
        by the leader pair, the kind of encounter and the period ("since-2012").
Not     durations ("three-hour talks"), counts of other things ("40 agreements"), meetings of
        people the leader gazetteer does not know.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Article, Bound, Claim, Family, Key
from checker.normalise.anchors import folded_words, matches_at, space_start, words_start
from checker.normalise.bounds import BOUND_WORDS, bound_interval, bound_of
from checker.normalise.entities import article_leader_pair, leaders, pair_id
from checker.normalise.numbers import parse_number, parse_ordinal
from checker.normalise.prefilter import lower_keeping_offsets
from checker.patterns import compile_pattern, sentence_span
from checker.rule import Example, Expect, Rule

COUNT_WORD = r"(?:\d{1,4}|[a-z]+(?:[\s-][a-z]+)?)"
ORDINAL_WORD = r"(?:\d{1,4}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)"

# Kinds of encounter; "in person" narrows a count, so it gets its own metric.
ENCOUNTERS = {
    "meeting": "met", "meetings": "met", "summit": "met", "summits": "met",
    "talks": "met", "encounter": "met", "conversation": "spoke", "call": "spoke",
    "phone call": "spoke", "video call": "spoke", "conversations": "spoke",
}  # fmt: skip

# "met twice since 2021" is a count without the word "times".
ADVERB_COUNTS = {"once": 1.0, "twice": 2.0, "thrice": 3.0}

MET_N_TIMES = compile_pattern(
    rf"""
    \b(?:have|has|had)? \s* met (?:\s+(?:each\s+other|one\s+another))?
    (?P<where>\s+(?:in\s+person|face[\s-]to[\s-]face))?
    (?:\s+\w+){{0,2}}?                          # "met Xi in person", "met each other"
    (?P<where2>\s+(?:in\s+person|face[\s-]to[\s-]face))?
    \s+ (?P<bound>\L<bound_words>\s+)?
    (?: (?P<count>{COUNT_WORD}) \s+ times | (?P<adverb>once(?!\s+(?:more|again))|twice|thrice) )
    (?: \s+ since \s+ (?P<since>(?:19|20)\d{{2}}) )?
    """,
    bound_words=BOUND_WORDS,
)

HELD_N_ENCOUNTERS = compile_pattern(
    rf"""
    \b (?:held|had|hold) \s+ (?P<bound>\L<bound_words>\s+)? (?P<count>{COUNT_WORD}) \s+
    (?P<where>(?:in-person|face-to-face)\s+)? (?P<kind>\L<encounters>)
    (?: \s+ since \s+ (?P<since>(?:19|20)\d{{2}}) )?
    """,
    bound_words=BOUND_WORDS,
    encounters=ENCOUNTERS,
)

MET_FOR_NTH_TIME = compile_pattern(
    rf"""
    \b met (?:\s+\w+){{0,3}}? \s+ for \s+ the \s+ (?P<ordinal>{ORDINAL_WORD}) \s+ time
    """
)

NTH_ENCOUNTER = compile_pattern(
    rf"""
    \b (?:their|the) \s+ (?P<ordinal>{ORDINAL_WORD}) \s+
    (?:(?P<where>in-person|face-to-face)\s+)?
    (?P<kind>\L<encounters>)
    """,
    encounters=ENCOUNTERS,
)

# Words each pattern must hold, found by a quick scan of the lower-cased text; the patterns
# are tried only at the offsets these allow (see `matches_at`).
MET_WORD = folded_words("met")
HELD_WORD = folded_words("held", "had", "hold")
# The last word of every kind, which stands at most this many words after "the": the
# ordinal, "in-person" and the kind's other words ("the third in-person phone call").
ENCOUNTER_WORD = folded_words(*{kind.split()[-1] for kind in ENCOUNTERS})
WORDS_BEFORE_KIND = 2 + max(len(kind.split()) for kind in ENCOUNTERS)
THE_WORD = folded_words("the")  # "their" too


def met_n_times_starts(text: str, low: str, mets: list[int]) -> Iterator[int]:
    """Where MET_N_TIMES may begin: at "met", or before the white space in front of it, at a
    word boundary or at "have", "has" or "had"."""
    for met in mets:
        space = space_start(text, met)
        if space >= 4 and low[space - 4 : space] == "have":
            yield space - 4
        # "ha\u017f": the long s, which the pattern's "has" matches (see FOLD_VARIANTS).
        if space >= 3 and low[space - 3 : space] in ("has", "had", "ha\u017f"):
            yield space - 3
        yield from (space, met)


def nth_encounter_starts(text: str, low: str) -> Iterator[int]:
    """Where NTH_ENCOUNTER may begin: at a "the" a few words before the last word of a kind
    of encounter."""
    for kind in ENCOUNTER_WORD.starts(low):
        yield from THE_WORD.starts(low, words_start(text, kind, WORDS_BEFORE_KIND), kind)


def count_of(words: str) -> float | None:
    """parse_number(words), reading plain digits directly: they are most counts, and
    parse_number costs twenty times more to read them the same."""
    return float(words) if words.isascii() and words.isdigit() else parse_number(words)


def leader_pair(article: Article, pos: int) -> str | None:
    """The two leaders a count is about: those named in its sentence, else the article's pair."""
    start, end = sentence_span(article.text, pos)
    named = {m.id for m in leaders().find(article.text, start, end)}
    pair = article_leader_pair(article.text)
    if len(named) >= 2:
        a, b = sorted(named)[:2]
        return pair_id(a, b)
    if pair and named <= set(pair):
        return pair_id(*pair)
    return None


def _count(
    article: Article,
    span: tuple[int, int],
    count: float | None,
    bound: Bound,
    metric: str,
    period: str | None,
) -> Claim | None:
    """A count claim, when the count is a whole number and the leader pair is known."""
    if count is None or count != int(count) or count < 1:
        return None  # before looking for the leaders, which costs more
    pair = leader_pair(article, span[0])
    if pair is None:
        return None
    return Claim.at(
        article,
        span,
        rule=RULE.id,
        key=Key(Family.MEETINGS, pair, metric, period),
        amount=bound_interval(count, bound, "count"),
    )


def extract(article: Article) -> Iterator[Claim]:
    """Counts of meetings between two leaders."""
    text = article.text
    low = lower_keeping_offsets(text)
    found: list[Claim | None] = []
    mets = MET_WORD.starts(low)
    for m in matches_at(MET_N_TIMES, text, met_n_times_starts(text, low, mets)):
        metric = "met-in-person" if (m["where"] or m["where2"]) else "met"
        since = f"since-{m['since']}" if m["since"] else None
        count = ADVERB_COUNTS[m["adverb"].lower()] if m["adverb"] else count_of(m["count"])
        found.append(_count(article, m.span(), count, bound_of(m["bound"]), metric, since))
    for m in matches_at(HELD_N_ENCOUNTERS, text, HELD_WORD.starts(low)):
        metric = ENCOUNTERS[m["kind"].lower()] + ("-in-person" if m["where"] else "")
        since = f"since-{m['since']}" if m["since"] else None
        found.append(
            _count(article, m.span(), count_of(m["count"]), bound_of(m["bound"]), metric, since)
        )
    for m in matches_at(MET_FOR_NTH_TIME, text, mets):
        nth = parse_ordinal(m["ordinal"])
        found.append(
            _count(article, m.span(), float(nth) if nth else None, Bound.EXACT, "met", "nth")
        )
    for m in matches_at(NTH_ENCOUNTER, text, nth_encounter_starts(text, low)):
        nth = parse_ordinal(m["ordinal"])
        metric = ENCOUNTERS[m["kind"].lower()] + ("-in-person" if m["where"] else "")
        # "the second conversation in a month" counts within a window, not since they met.
        found.append(
            _count(article, m.span(), float(nth) if nth else None, Bound.EXACT, metric, "nth")
        )
    yield from (c for c in found if c is not None)


EXAMPLES = (
    Example(
        "Putin has met Xi in person more than 40 times since 2012.",
        Expect(
            "has met Xi in person more than 40 times since 2012",
            lower=40,
            upper=None,
            bound=Bound.MORE_THAN,
            key="meetings:putin-xi:met-in-person:since-2012",
        ),
    ),
    Example(
        "Xi Jinping and Vladimir Putin have met 42 times since 2013.",
        Expect(
            "have met 42 times since 2013",
            lower=42,
            upper=42,
            key="meetings:putin-xi:met:since-2013",
        ),
    ),
    Example(
        "Biden and Xi held their third meeting in San Francisco.",
        Expect("their third meeting", lower=3, upper=3, key="meetings:biden-xi:met:nth"),
    ),
    Example(
        "Putin and Xi will talk again; "
        "it would be the second conversation between them this month.",
        Expect("the second conversation", lower=2, key="meetings:putin-xi:spoke:nth"),
    ),
    Example(
        "Modi and Xi have held more than 20 meetings since 2014.",
        Expect(
            "held more than 20 meetings since 2014",
            lower=20,
            upper=None,
            key="meetings:modi-xi:met:since-2014",
        ),
    ),
    Example(
        "Putin met Xi for the 40th time on Tuesday.",
        Expect("met Xi for the 40th time", lower=40, upper=40, key="meetings:putin-xi:met:nth"),
    ),
    Example("Putin and Xi held three-hour talks and signed 40 agreements."),
    Example("The ministers have met many times."),
)

RULE = Rule(
    id="meeting-count",
    family=Family.MEETINGS,
    summary="How many times two leaders have met or spoken.",
    extract=extract,
    examples=EXAMPLES,
)
