"""Synthetic corpora for the scale benchmark: news-like articles with planted figures.

Every article is built from our own templates (written for this benchmark, not taken from
any real or seed text): a dated header, one to three claim sentences (trade totals, meeting
counts, anniversaries, event dates) with figures drawn from a small set per key, so that
most keys gather agreeing claims and a few contradict, and filler paragraphs that carry
numbers and dates no rule should take as claims. The same seed gives the same corpus.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

COUNTRY_PAIRS = (
    ("Russia", "China"),
    ("India", "Japan"),
    ("Germany", "France"),
    ("Brazil", "Mexico"),
    ("Canada", "Australia"),
    ("Turkey", "Iran"),
    ("Vietnam", "South Korea"),
    ("Kazakhstan", "Belarus"),
)
LEADER_PAIRS = (
    ("Vladimir Putin", "Xi Jinping"),
    ("Narendra Modi", "Xi Jinping"),
    ("Recep Tayyip Erdogan", "Vladimir Putin"),
    ("Alexander Lukashenko", "Vladimir Putin"),
    ("Joe Biden", "Xi Jinping"),
)
OUTLETS = ("Northern Courier", "Harbour Ledger", "Plains Gazette", "Coastal Wire", "Valley Post")
CITIES = ("LISBON", "OSLO", "NAIROBI", "LIMA", "HANOI", "ACCRA", "QUITO", "RIGA")

TRADE = (
    "Trade between {a} and {b} reached ${amount} billion in {year}, according to customs data.",
    "Bilateral trade between {a} and {b} hit a record ${amount} billion in {year}.",
    "{a} and {b} saw their trade climb to ${amount} billion in {year}, officials said.",
)
MEETINGS = (
    "{p} and {q} have met {n} times since {since}.",
    "{q} and {p} have met more than {n} times since {since}, aides noted.",
)
ANNIVERSARY = (
    "The leaders will mark the {nth} anniversary of Japan's surrender this week.",
    "Events across the region marked the {nth} anniversary of the end of the Second World War.",
)
EVENT_DATE = (
    "Soldiers rehearsed for the Victory Day parade on Red Square, held every year on May {day}.",
    "Veterans recalled the defeat of Nazi Germany on May {day}, 1945.",
)
FILLER = (
    "Port operators in {city_title} said container volumes rose {pct} percent over the quarter, "
    "helped by new rail links and a shorter customs check at the border.",
    "A survey of {n3} firms found that most planned to keep their suppliers, while about one in "
    "{small} expected to move part of their production within two years.",
    "Analysts cautioned that the figures are provisional and may be revised when the statistics "
    "office publishes its annual review, usually in the second half of the year.",
    "The ministry published a {n2}-page report on logistics, energy prices and payment systems, "
    "which it said would guide policy over the coming decade.",
    "Farmers in the north reported a harvest of {n3} thousand tonnes of grain, slightly above the "
    "average of the past five seasons, despite a dry spring.",
    "Shares of shipping companies were little changed in afternoon trading as investors waited "
    "for the central bank's decision on interest rates.",
    "Officials declined to say when the next round of talks would take place, but both sides "
    "described the atmosphere as constructive and businesslike.",
    "Local newspapers devoted several pages to the visit, with photographs of the delegations and "
    "interviews with students, engineers and small business owners.",
)
TRADE_VALUES = ("240", "240.1", "240", "245", "190", "237")  # mostly agreeing, some not
MEETING_VALUES = ("40", "42", "40", "40")
ORDINALS = ("80th", "80th", "79th")


def article_text(rng: random.Random, n: int) -> str:
    """One article: header, claim sentences, filler; about 2 to 4 KB."""
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(600))
    a, b = COUNTRY_PAIRS[n % len(COUNTRY_PAIRS)]
    p, q = LEADER_PAIRS[n % len(LEADER_PAIRS)]
    city = rng.choice(CITIES)
    claims = [
        rng.choice(TRADE).format(a=a, b=b, amount=rng.choice(TRADE_VALUES), year=2023),
        rng.choice(MEETINGS).format(p=p, q=q, n=rng.choice(MEETING_VALUES), since=2013),
    ]
    if rng.random() < 0.5:
        claims.append(rng.choice(ANNIVERSARY).format(nth=rng.choice(ORDINALS)))
    if rng.random() < 0.3:
        claims.append(rng.choice(EVENT_DATE).format(day=rng.choice((9, 9, 9, 8))))
    fill = [
        rng.choice(FILLER).format(
            city_title=city.title(),
            pct=rng.randrange(2, 30),
            n3=rng.randrange(100, 999),
            n2=rng.randrange(20, 99),
            small=rng.randrange(3, 9),
        )
        for _ in range(rng.randrange(6, 14))
    ]
    paragraphs = [f"{city} -- {claims[0]} {fill[0]}", *fill[1:3], *claims[1:], *fill[3:]]
    rng.shuffle(paragraphs[1:])  # claims land anywhere after the lead
    return f" date {published.isoformat()}\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(root: Path, count: int, seed: int = 7, files_per_folder: int = 1000) -> int:
    """Write `count` articles under root (folders of files_per_folder); returns bytes written."""
    rng = random.Random(seed)
    total = 0
    for n in range(count):
        folder = root / f"part-{n // files_per_folder:04d}"
        if n % files_per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
        text = article_text(rng, n)
        data = text.encode("utf-8")
        (folder / f"article-{n:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def change_some(root: Path, share: float, seed: int = 11) -> int:
    """Edit a share of the corpus's articles in place (a sentence appended); returns how many."""
    files = sorted(root.rglob("*.txt"))
    rng = random.Random(seed)
    chosen = rng.sample(files, max(1, int(len(files) * share)))
    for path in chosen:
        with path.open("a", encoding="utf-8") as f:
            f.write("\nThis article was updated with a correction to a caption.\n")
    return len(chosen)
