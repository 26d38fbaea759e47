"""Every rule's own examples run as tests: ids like `meeting-count[2]`."""

from __future__ import annotations

import pytest

from checker.registry import load_registry
from checker.rule import check_example

REGISTRY = load_registry(plugins=False)
CASES = [
    pytest.param(rule, example, id=f"{rule.id}[{i}]")
    for rule in REGISTRY.rules
    for i, example in enumerate(rule.examples)
]


def test_every_rule_loaded():
    assert not REGISTRY.problems, REGISTRY.problems
    assert {r.id for r in REGISTRY.rules} >= {
        "trade-total",
        "meeting-count",
        "anniversary",
        "event-date",
    }


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example):
    assert check_example(rule, example) == []
