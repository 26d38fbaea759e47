"""The unit of extraction work: one article's claims, problems and sentence contexts.

The same functions run in this process (--jobs 1), in a pool's worker processes and on
Dask workers. Work crosses a process boundary as rule ids, never as functions: a worker
loads the registry itself (rules are module functions) and picks the rules by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.extract import extract_article
from checker.model import Article, Claim, Skipped
from checker.report.build import ClaimContext
from checker.rule import Rule


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What is kept of one article once its text is dropped: claims, problems, contexts."""

    claims: tuple[Claim, ...]
    problems: tuple[Skipped, ...]
    contexts: tuple[ClaimContext, ...]  # one per claim, in the same order


def check_article(article: Article, rules: Sequence[Rule]) -> ArticleResult:
    """Run the rules on one article and cut each claim's sentence out while the text is here."""
    found = extract_article(article, rules)
    contexts = tuple(ClaimContext.of(article, c) for c in found.claims)
    return ArticleResult(tuple(found.claims), tuple(found.problems), contexts)


# The rules a worker process loaded, by the tuple of ids it was given. A worker process
# has no caller to be handed its rules by, so it keeps them here; the main process never
# reads this (it passes its rules in), so a run's rules are never taken from a stale global.
_WORKER_RULES: dict[tuple[str, ...], list[Rule]] = {}


def load_worker_rules(rule_ids: tuple[str, ...]) -> list[Rule]:
    """Load the registry in this process and pick the rules by id, in the order given."""
    rules = _WORKER_RULES.get(rule_ids)
    if rules is None:
        from checker.registry import load_registry  # the registry only where work runs

        registry = load_registry()
        missing = [i for i in rule_ids if registry.get(i) is None]
        if missing:
            raise RuntimeError(f"rule(s) {', '.join(missing)} did not load in a worker process")
        rules = [registry.get(i) for i in rule_ids]  # type: ignore[misc]
        _WORKER_RULES[rule_ids] = rules
    return rules


def check_batch(articles: Sequence[Article], rule_ids: tuple[str, ...]) -> list[ArticleResult]:
    """Check a batch of articles in a worker process, with the rules named by id."""
    rules = load_worker_rules(rule_ids)
    return [check_article(a, rules) for a in articles]
