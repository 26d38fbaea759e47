"""Small corpora for the review, HTML and serve tests: one contradiction, one agreement."""

from __future__ import annotations

from pathlib import Path

from checker.model import Claim, Family, Finding, Interval, Key, ReviewStatus, Verdict

TRADE_2022 = Key(Family.TRADE, "china-russia", "total", "2022")

# The names and the text carry markup an attacker could put in an article: it must reach every
# page as text. The file name is legal on Linux and ends up in links and headings.
HOSTILE_NAME = 'x" onmouseover="x.txt'
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_ATTR = '" onmouseover="x'

ARTICLES = {
    "a.txt": (
        " date 2024-01-12\n"
        "Trade between Russia and China hit a record $190 billion in 2022.\n"
        "Xi Jinping and Vladimir Putin have met 42 times since 2013.\n"
    ),
    "b.txt": (
        " date 2023-02-20\n"
        "Markets were calm. Russia-China trade climbed to $172 billion in 2022, officials said.\n"
        "Putin and Xi have met 42 times since 2013.\n"
    ),
}


def write_corpus(root: Path, hostile: bool = False) -> Path:
    """A corpus folder under `root`; `hostile` swaps b.txt for an article full of markup."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "a.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")
    if hostile:
        text = (
            " date 2023-02-20\n"
            f"Markets were calm. {HOSTILE_SCRIPT} Russia-China trade climbed to $172 billion "
            f"in 2022, officials said {HOSTILE_ATTR}.\n"
            "Putin and Xi have met 42 times since 2013.\n"
        )
        (corpus / HOSTILE_NAME).write_text(text, encoding="utf-8")
    else:
        (corpus / "b.txt").write_text(ARTICLES["b.txt"], encoding="utf-8")
    return corpus


def trade_claim(article: str, value: float, quote: str, *, start: int = 0, line: int = 2) -> Claim:
    """A 2022 Russia-China trade claim, as the trade-total rule would give it."""
    return Claim(
        article=article,
        rule="trade-total",
        key=TRADE_2022,
        quote=quote,
        start=start,
        end=start + len(quote),
        line=line,
        amount=Interval.exact(value, "USD"),
    )


def contradiction(
    a: Claim, b: Claim, explanation: str, status: ReviewStatus = ReviewStatus.UNREVIEWED
) -> Finding:
    """The finding that two trade claims contradict each other."""
    return Finding(
        "f-0123456789ab", TRADE_2022, Verdict.CONTRADICT, (a, b), ((a, b),), explanation, status
    )
