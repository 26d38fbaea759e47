"""Runs the rules over one article; a rule that fails becomes a Skipped record, never a crash."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.model import Article, Claim, Skipped
from checker.rule import Rule
from checker.suppress import apply_suppressions, read_suppressions


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
    if amount and amount.lower is not None and amount.upper is not None and amount.lower > amount.upper:
        return f"interval lower {amount.lower} > upper {amount.upper}"
    return None


def extract_article(article: Article, rules: Iterable[Rule]) -> Extraction:
    """Every rule's claims on one article, deduplicated, in text order."""
    out = Extraction()
    seen: set[tuple[str, int, int, str]] = set()
    for rule in rules:
        try:
            claims = list(rule.extract(article))
        except TimeoutError:
            out.problems.append(Skipped(article.id, "text too hard to scan in time (pattern timeout)", rule=rule.id))
            continue
        except Exception as exc:  # a broken rule must not stop the run; it is reported
            out.problems.append(
                Skipped(article.id, f"rule failed: {type(exc).__name__}: {exc}", rule=rule.id)
            )
            continue
        for claim in claims:
            problem = _valid(claim, article)
            if problem:
                out.problems.append(Skipped(article.id, f"rule gave a bad claim: {problem}", claim.line, rule.id))
                continue
            ident = (str(claim.key), claim.start, claim.end, claim.rule)
            if ident not in seen:
                seen.add(ident)
                out.claims.append(claim)
    out.claims, unused = apply_suppressions(out.claims, read_suppressions(article.text))
    out.problems.extend(
        Skipped(article.id, "suppression comment suppressed nothing", s.directive_line, fatal=False) for s in unused
    )
    out.claims.sort(key=lambda c: (c.start, c.end, c.rule))
    return out
