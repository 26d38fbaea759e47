"""Runs the rules over one article; a rule that fails becomes a Skipped record, never a crash."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.model import Article, Claim, Notice, Skipped
from checker.patterns import compile_pattern, search
from checker.rule import Rule
from checker.scan_watch import RULE_RUN, watched
from checker.suppress import apply_suppressions, read_suppressions

# No story states a figure this large (world output is about 1e14 USD a year): such a value is
# a misreading or made up, and is dropped with a warning rather than compared.
MAX_FIGURE = 1e18
# A figure whose exponent follows it ("$10^40", "$10**40", "$1 x 10^40", "$10 to the power of
# 40"): the normalisers read only the "$10", so the claim would be wrong.
EXPONENT_AFTER = compile_pattern(
    r"""\G (?: \s? (?: \^ | \*\* | [x\u00d7] \s? 10 \s? (?: \^ | \*\* ) ) \s? [-+]? \d
          | e [-+]? \d
          | \s+ to \s+ the \s+ (?: \w+ \s+ )? power )"""
)


@dataclass(slots=True)
class Extraction:
    """The claims one article gave, and the rules that failed on it."""

    claims: list[Claim] = field(default_factory=list)
    problems: list[Skipped] = field(default_factory=list)


def _valid(claim: Claim, article: Article) -> str | None:
    """Why a claim breaks the report contract, or None."""
    if article.text[claim.start : claim.end] != claim.quote or not claim.quote:
        return f"quote {claim.quote!r} does not match the text at {claim.start}:{claim.end}"
    amount = claim.amount
    if (
        amount
        and amount.lower is not None
        and amount.upper is not None
        and amount.lower > amount.upper
    ):
        return f"interval lower {amount.lower} > upper {amount.upper}"
    return None


def _implausible(claim: Claim, article: Article) -> str | None:
    """Why a claim's figure cannot be meant as read (not finite, absurd, exponent cut off)."""
    amount = claim.amount
    if amount is None:
        return None
    bounds = [x for x in (amount.lower, amount.upper) if x is not None]
    if not all(math.isfinite(x) for x in (*bounds, amount.tolerance)):
        return f"figure in {_shown(claim.quote)} is too large to represent: no claim"
    if any(abs(x) > MAX_FIGURE for x in bounds):
        figure = f"{max(map(abs, bounds)):g} {amount.unit}"
        return f"figure {figure} in {_shown(claim.quote)} is beyond any plausible value: no claim"
    if claim.quote[-1:].isdigit() and search(
        EXPONENT_AFTER, article.text, claim.end, claim.end + 40
    ):
        return (
            f"figure {_shown(claim.quote)} is followed by an exponent, which is not read: no claim"
        )
    return None


def _shown(quote: str, width: int = 60) -> str:
    """A quote for a message, its middle cut when long."""
    if len(quote) > width:
        quote = quote[: width // 2 - 2] + "..." + quote[-(width // 2 - 2) :]
    return repr(quote)


def _run(rule: Rule, article: Article) -> tuple[list[Claim | Notice], Skipped | None]:
    """One rule's findings on the article, or why it has none: a rule that fails or runs
    out of time is reported, and must not stop the run."""
    try:
        with RULE_RUN:
            return list(rule.extract(article)), None
    except TimeoutError:
        reason = "text too hard to scan in time (pattern timeout)"
    except Exception as exc:
        reason = f"rule failed: {type(exc).__name__}: {exc}"
    return [], Skipped(article.id, reason, rule=rule.id)


def extract_article(article: Article, rules: Iterable[Rule]) -> Extraction:
    """Every rule's claims on one article, deduplicated, in text order."""
    out = Extraction()
    with watched():
        found = [(rule, *_run(rule, article)) for rule in rules]
    seen: set[tuple[str, int, int, str]] = set()
    for rule, claims, problem in found:
        if problem is not None:
            out.problems.append(problem)
            continue
        for claim in claims:
            if isinstance(claim, Notice):
                quote = " ".join(article.text[claim.start : claim.end].split())
                out.problems.append(
                    Skipped(
                        article.id,
                        f"{claim.message}: {quote!r}",
                        article.line_of(claim.start),
                        rule.id,
                        fatal=False,
                    )
                )
                continue
            problem = _valid(claim, article)
            if problem:
                out.problems.append(
                    Skipped(article.id, f"rule gave a bad claim: {problem}", claim.line, rule.id)
                )
                continue
            absurd = _implausible(claim, article)
            if absurd:
                out.problems.append(Skipped(article.id, absurd, claim.line, rule.id, fatal=False))
                continue
            ident = (str(claim.key), claim.start, claim.end, claim.rule)
            if ident not in seen:
                seen.add(ident)
                out.claims.append(claim)
    out.claims, unused = apply_suppressions(out.claims, read_suppressions(article.text))
    out.problems.extend(
        Skipped(article.id, "suppression comment suppressed nothing", s.directive_line, fatal=False)
        for s in unused
    )
    out.claims.sort(key=lambda c: (c.start, c.end, c.rule))
    return out
