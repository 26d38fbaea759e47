"""Trade totals: the value of trade between two countries over a period.

Finds   "trade between Russia and China reached more than $240 billion in 2024",
        "bilateral trade hit a record $190 billion in 2022", "energy trade of $100bn last year",
        targets and forecasts ("aim to reach $300 billion by 2030", "expected to reach").
Gives   an Interval in the claim's own currency (ISO 4217), keyed by the country pair, the
        part of trade (total, energy, agriculture) and the calendar year.
Not     figures with no trade word in their sentence (GDP, budgets, investment), trade figures
        with no period (they cannot be compared), amounts inside quotes of other claims.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from checker.model import Article, Bound, Claim, Family, Key, Modality, Notice
from checker.normalise.currencies import CODE_ALIASES, ISO_CODES, currency_of
from checker.normalise.dates_words import MONTHS
from checker.normalise.entities import article_country_pair, countries, pair_id
from checker.normalise.modality import modality_before
from checker.normalise.money import MoneyMatch, find_money
from checker.normalise.numbers import parse_number
from checker.patterns import compile_pattern, finditer, search, sentence_span
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

# The period a figure covers, after the amount ("in 2024", "last year") or before it.
PERIOD = compile_pattern(
    r"""
    \b (?: (?P<by>by) | in | for | during | of ) \s+ (?:the\s+(?:calendar|fiscal)\s+year\s+)?
    (?P<year>(?:19|20)\d{2}) \b
    | \b (?P<rel>last|this|next) \s+ year \b
    """
)
PERIOD_WINDOW = 40  # characters after the amount where its period may stand

# Part of a year: a January-November figure is not the year's total, and two year-to-date
# figures from different months differ without contradicting each other.
PART_OF_YEAR = compile_pattern(
    r"""
    \b (?: first \s+ (?P<n>\w+) \s+ months
         | first \s+ (?P<half>half) | first \s+ (?P<quarter>quarter) | (?P<h1>H1) | (?P<q>Q[1-4])
         | (?:january|jan\.?) \s* (?:-|–|to|through|until) \s* (?P<to>\L<months>)
           (?: \s+ (?P<year>(?:19|20)\d{2}) )?
         | (?P<ytd> year[\s-]to[\s-]date | so \s+ far \s+ this \s+ year
                | this \s+ year \s+ so \s+ far )
       ) \b
    """,
    months=MONTHS,
)
PART_WINDOW = 60  # characters either side of the amount where a part of the year may stand


def part_of_year(
    article: Article, money: MoneyMatch, sent: tuple[int, int]
) -> tuple[str, str | None] | None:
    """The part of the year a figure covers, as a period suffix, and a year it names."""
    lo, hi = max(sent[0], money.start - PART_WINDOW), min(sent[1], money.end + PART_WINDOW)
    m = search(PART_OF_YEAR, article.text, lo, hi)
    if m is None:
        return None
    if m["ytd"]:
        month = article.published.month if article.published else None
        return (f"to-m{month}" if month else "year-to-date"), None
    if m["q"]:
        return m["q"].lower(), None
    months = 6 if (m["half"] or m["h1"]) else 3 if m["quarter"] else None
    if m["n"]:
        n = parse_number(m["n"])
        months = int(n) if n and n == int(n) and 0 < n < 12 else None
    if m["to"]:
        months = MONTHS[m["to"].lower().rstrip(".")]
    return (f"to-m{months}", m["year"]) if months else None


# A trade figure in a currency we do not know: "hit 50 zorkmids", "reached XYZ 5 million".
# Case matters (a code is three capitals), so no IGNORECASE here.
UNKNOWN_CURRENCY = compile_pattern(
    r"""
    \b (?: reached | hit | totall?ed | stood\s+at | (?:was|were)\s+worth | amounted\s+to
        | (?:rose|fell|climbed|grew)\s+to ) \s+
    (?: (?P<code>[A-Z]{3}) \s* \d[\d,.]* (?:\s+(?:trillion|billion|million))?
      | \d[\d,.]* (?:\s+(?:trillion|billion|million))? \s+ (?P<word>[a-z]{3,}) )
    """,
    flags=regex.VERBOSE | regex.UNICODE,
)
# Words that follow a figure in a trade sentence without being a currency.
NOT_CURRENCIES = frozenset(
    "percent per times tonnes tons barrels cubic metres meters people countries companies firms "
    "deals agreements documents years months days points items units vehicles cars ships".split()
)


def unknown_currencies(article: Article, start: int, end: int) -> Iterator[Notice]:
    """Figures in a trade sentence whose currency we cannot read, as notices."""
    for m in finditer(UNKNOWN_CURRENCY, article.text, start, end):
        code, word = m["code"], m["word"]
        if code and code not in ISO_CODES and code not in CODE_ALIASES:
            yield Notice(m.start("code"), m.end(), f"unknown currency code {code!r}: no claim")
        elif word and word not in NOT_CURRENCIES and currency_of(word) is None:
            yield Notice(m.start(), m.end(), f"unknown currency {word!r}: no claim")


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


def period_of(
    article: Article, money_end: int, sent_start: int, sent_end: int
) -> tuple[str | None, bool]:
    """The year a figure covers, and whether it is a deadline ("by 2030")."""
    after = search(PERIOD, article.text, money_end, min(sent_end, money_end + PERIOD_WINDOW))
    found = after or next(
        iter(reversed(list(finditer(PERIOD, article.text, sent_start, money_end)))), None
    )
    if found is None:
        return None, False
    if found["year"]:
        return found["year"], bool(found["by"])
    if article.year is None:
        return None, False
    offset = {"last": -1, "this": 0, "next": 1}[found["rel"].lower()]
    return str(article.year + offset), False


def extract(article: Article) -> Iterator[Claim | Notice]:
    """Trade figures with their pair, part and year; unreadable currencies as notices."""
    moneys = list(find_money(article.text))
    read = [m.start for m in moneys]
    looked: set[int] = set()
    for trade in finditer(TRADE_SENTENCE_WORD, article.text):
        sent_start, sent_end = sentence_span(article.text, trade.start())
        if sent_start not in looked and not any(sent_start <= s < sent_end for s in read):
            looked.add(sent_start)
            yield from unknown_currencies(article, sent_start, sent_end)
    for i, money in enumerate(moneys):
        sent_start, sent_end = sentence_span(article.text, money.start)
        trade = None
        for m in finditer(TRADE_WORD, article.text, sent_start, money.start):
            trade = m
        if trade is None:
            continue
        subject = pair_of(article, sent_start, sent_end, trade.start())
        year, deadline = period_of(article, money.end, sent_start, sent_end)
        part = part_of_year(article, money, (sent_start, sent_end))
        if part is not None:
            year = part[1] or year
        if subject is None or year is None:
            continue
        period = f"{year}-{part[0]}" if part is not None else year
        share = trade["part"] or trade["part2"]
        metric = METRICS[share.lower()] if share else "total"
        clause_start = max(
            sent_start, moneys[i - 1].end if i and moneys[i - 1].end > sent_start else sent_start
        )
        modality = (
            Modality.TARGET
            if deadline
            else modality_before(article.text, clause_start, money.start)
        )
        # Quote from the trade word when it belongs to this figure's clause.
        start = trade.start() if trade.start() >= clause_start else money.start
        yield Claim.at(
            article,
            (start, money.end),
            rule=RULE.id,
            key=Key(Family.TRADE, subject, metric, period),
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
