"""Trade totals: the value of trade between two countries over a period.

Finds   "trade between Russia and China reached more than $240 billion in 2024",
        "bilateral trade hit a record $190 billion in 2022", "energy trade of $100bn last year",
        targets and forecasts ("aim to reach $300 billion by 2030", "expected to reach").
Gives   an Interval in the claim's own currency (ISO 4217), keyed by the country pair, the
        part of trade (total, goods, energy, agriculture) and the period: a calendar year, or
        a part of one ("first 11 months of 2024" -> "2024-to-m11"), which never meets the year.
        A trade figure in a currency we do not know becomes a notice (a report warning).
Not     figures with no trade word in their sentence (GDP, budgets, investment), trade figures
        with no period (they cannot be compared).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Article, Bound, Claim, Family, Key, Modality, Notice
from checker.normalise.entities import article_country_pair, countries, pair_id
from checker.normalise.modality import modality_before
from checker.normalise.money import find_money
from checker.normalise.periods import period_of
from checker.normalise.unread import unknown_currencies
from checker.patterns import compile_pattern, finditer, sentence_span
from checker.rule import Example, Expect, Rule

# The part of trade a figure covers; anything else is the total.
METRICS = {
    "energy": "energy", "oil and gas": "energy", "oil": "energy", "gas": "energy",
    "agricultural": "agriculture", "agriculture": "agriculture", "farm": "agriculture",
    "food": "agriculture", "goods": "goods", "services": "services",
}  # fmt: skip

TRADE_WORD = compile_pattern(
    r"""
    (?: (?P<part>\L<metrics>) \s+ (?:trade|exports\s+and\s+imports) )
    | \btrade \s+ in \s+ (?P<part2>\L<metrics>)
    | \b(?:bilateral\s+)?(?:trade|turnover|commerce)\b
    """,
    metrics=METRICS,
)

# Any trade word, to find the sentences where a figure may have gone unread.
TRADE_SENTENCE_WORD = compile_pattern(r"\btrade\b")


def pair_of(article: Article, start: int, end: int, trade_at: int) -> str | None:
    """The two countries a trade sentence is about.

    The article's own pair wins when the sentence names it or only says "the two countries";
    otherwise the two countries named nearest the trade word ("to Mexico, Vietnam and India"
    later in the sentence are where orders went, not the pair that trades).
    """
    mentions = list(countries().find(article.text, start, end))
    named = {m.id for m in mentions}
    pair = article_country_pair(article.text)
    if pair and (set(pair) <= named or named <= set(pair)):
        return pair_id(*pair)
    if len(named) < 2:
        return None
    by_distance = sorted(mentions, key=lambda m: abs(m.start - trade_at))
    first = by_distance[0].id
    second = next(m.id for m in by_distance if m.id != first)
    return pair_id(first, second)


def extract(article: Article) -> Iterator[Claim | Notice]:
    """Trade figures with their pair, part and year; unreadable currencies as notices."""
    moneys = list(find_money(article.text))
    read = [m.start for m in moneys]
    looked: set[int] = set()
    for trade in finditer(TRADE_SENTENCE_WORD, article.text):
        sent_start, sent_end = sentence_span(article.text, trade.start())
        if sent_start not in looked and not any(sent_start <= s < sent_end for s in read):
            looked.add(sent_start)
            yield from unknown_currencies(article.text, sent_start, sent_end)
    for i, money in enumerate(moneys):
        sent_start, sent_end = sentence_span(article.text, money.start)
        trade = None
        for m in finditer(TRADE_WORD, article.text, sent_start, money.start):
            trade = m
        if trade is None:
            continue
        subject = pair_of(article, sent_start, sent_end, trade.start())
        # A figure's period lies between its neighbours: in "in 2024 was $245 billion, up from
        # $240 billion in 2023", "in 2023" belongs to the second figure only.
        lo = max(sent_start, moneys[i - 1].end) if i else sent_start
        hi = min(sent_end, moneys[i + 1].start) if i + 1 < len(moneys) else sent_end
        period = period_of(article, (money.start, money.end), (lo, hi))
        if subject is None or period is None:
            continue
        share = trade["part"] or trade["part2"]
        metric = METRICS[share.lower()] if share else "total"
        clause_start = max(
            sent_start, moneys[i - 1].end if i and moneys[i - 1].end > sent_start else sent_start
        )
        modality = (
            Modality.TARGET
            if period.deadline
            else modality_before(article.text, clause_start, money.start)
        )
        # Quote from the trade word when it belongs to this figure's clause.
        start = trade.start() if trade.start() >= clause_start else money.start
        yield Claim.at(
            article,
            (start, money.end),
            rule=RULE.id,
            key=Key(Family.TRADE, subject, metric, period.label),
            amount=money.amount,
            modality=modality,
        )


EXAMPLES = (
    Example(
        "Trade between Russia and China reached more than $240 billion in 2024.",
        Expect(
            "Trade between Russia and China reached more than $240 billion",
            lower=2.4e11,
            upper=None,
            bound=Bound.MORE_THAN,
            unit="USD",
            key="trade:china-russia:total:2024",
        ),
    ),
    Example(
        "Officials in Moscow and Beijing expect trade between the two nations "
        "to reach $200 billion in 2023 after it hit a record $190 billion in 2022.",
        Expect(
            "trade between the two nations to reach $200 billion",
            modality=Modality.FORECAST,
            key="trade:china-russia:total:2023",
        ),
        Expect(
            "$190 billion",
            lower=1.9e11,
            upper=1.9e11,
            modality=Modality.ACTUAL,
            key="trade:china-russia:total:2022",
        ),
    ),
    Example(
        "US-China energy trade was worth 120 billion yuan last year, Beijing said.",
        Expect(
            "energy trade was worth 120 billion yuan",
            unit="CNY",
            lower=1.2e11,
            key="trade:china-united-states:energy:2024",
        ),
    ),
    Example(
        "Washington and Beijing aim to lift bilateral trade to $700 billion by 2030.",
        Expect(
            "bilateral trade to $700 billion",
            modality=Modality.TARGET,
            key="trade:china-united-states:total:2030",
        ),
    ),
    Example("China's economy grew 5 percent to 134.9 trillion yuan in 2024."),
    Example("Trade between the neighbours has grown fast, reaching $50 billion."),
)

RULE = Rule(
    id="trade-total",
    family=Family.TRADE,
    summary="The value of trade between two countries in a period, or a target or forecast for it.",
    extract=extract,
    examples=EXAMPLES,
)
