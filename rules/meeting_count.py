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
from checker.normalise.bounds import BOUND_WORDS, bound_interval, bound_of
from checker.normalise.entities import article_leader_pair, leaders, pair_id
from checker.normalise.numbers import parse_number, parse_ordinal
from checker.patterns import compile_pattern, finditer, sentence_span
from checker.rule import Example, Expect, Rule

COUNT_WORD = r"(?:\d{1,4}|[a-z]+(?:[\s-][a-z]+)?)"
ORDINAL_WORD = r"(?:\d{1,4}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)"

# Kinds of encounter; "in person" narrows a count, so it gets its own metric.
ENCOUNTERS = {
    "meeting": "met", "meetings": "met", "summit": "met", "summits": "met",
    "talks": "met", "encounter": "met", "conversation": "spoke", "call": "spoke",
    "phone call": "spoke", "video call": "spoke", "conversations": "spoke",
}  # fmt: skip

MET_N_TIMES = compile_pattern(
    rf"""
    \b(?:have|has|had)? \s* met (?:\s+(?:each\s+other|one\s+another))?
    (?P<where>\s+(?:in\s+person|face[\s-]to[\s-]face))?
    (?:\s+\w+){{0,2}}?                          # "met Xi in person", "met each other"
    (?P<where2>\s+(?:in\s+person|face[\s-]to[\s-]face))?
    \s+ (?P<bound>\L<bound_words>\s+)? (?P<count>{COUNT_WORD}) \s+ times
    (?: \s+ since \s+ (?P<since>(?:19|20)\d{{2}}) )?
    """,
    bound_words=BOUND_WORDS,
)

NTH_ENCOUNTER = compile_pattern(
    rf"""
    \b (?:their|the) \s+ (?P<ordinal>{ORDINAL_WORD}) \s+
    (?:(?P<where>in-person|face-to-face)\s+)?
    (?P<kind>\L<encounters>)
    """,
    encounters=ENCOUNTERS,
)


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


def extract(article: Article) -> Iterator[Claim]:
    """Counts of meetings between two leaders."""
    for m in finditer(MET_N_TIMES, article.text):
        count = parse_number(m["count"])
        pair = leader_pair(article, m.start())
        if count is None or count != int(count) or pair is None:
            continue
        metric = "met-in-person" if (m["where"] or m["where2"]) else "met"
        since = f"since-{m['since']}" if m["since"] else None
        amount = bound_interval(count, bound_of(m["bound"]), "count")
        yield Claim.at(article, m.span(), rule=RULE.id, key=Key(Family.MEETINGS, pair, metric, since), amount=amount)
    for m in finditer(NTH_ENCOUNTER, article.text):
        nth = parse_ordinal(m["ordinal"])
        pair = leader_pair(article, m.start())
        if nth is None or pair is None:
            continue
        metric = ENCOUNTERS[m["kind"].lower()]
        if m["where"]:
            metric += "-in-person"
        # "the second conversation in a month" counts within a window, not since they met.
        amount = bound_interval(float(nth), Bound.EXACT, "count")
        yield Claim.at(article, m.span(), rule=RULE.id, key=Key(Family.MEETINGS, pair, metric, "nth"), amount=amount)


EXAMPLES = (
    Example(
        "Putin has met Xi in person more than 40 times since 2012.",
        Expect("has met Xi in person more than 40 times since 2012", lower=40, upper=None,
               bound=Bound.MORE_THAN, key="meetings:putin-xi:met-in-person:since-2012"),
    ),
    Example(
        "Xi Jinping and Vladimir Putin have met 42 times since 2013.",
        Expect("have met 42 times since 2013", lower=42, upper=42, key="meetings:putin-xi:met:since-2013"),
    ),
    Example(
        "Biden and Xi held their third meeting in San Francisco.",
        Expect("their third meeting", lower=3, upper=3, key="meetings:biden-xi:met:nth"),
    ),
    Example(
        "Putin and Xi will talk again; it would be the second conversation between them this month.",
        Expect("the second conversation", lower=2, key="meetings:putin-xi:spoke:nth"),
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
