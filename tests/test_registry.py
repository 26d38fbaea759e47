"""The registry: rules found without a list, plugins by entry point, broken ones skipped."""

from __future__ import annotations

import sys
import types
from importlib.metadata import EntryPoint

import pytest

from checker import registry as registry_module
from checker.model import Family
from checker.registry import load_registry, validate
from checker.rule import Example, Expect, Rule


def _rule(rule_id: str, examples=None) -> Rule:
    examples = (
        examples
        if examples is not None
        else (
            Example("a", Expect("a")),
            Example("b", Expect("b")),
            Example("c", Expect("c")),
            Example("none"),
        )
    )
    return Rule(
        id=rule_id,
        family=Family.TRADE,
        summary="One line.",
        extract=lambda a: iter(()),
        examples=examples,
    )


def test_builtin_rules_are_found_without_a_list():
    reg = load_registry(plugins=False)
    assert [r.id for r in reg.rules] == sorted(
        ["anniversary", "event-date", "meeting-count", "trade-total"]
    )
    assert all(r.doc.startswith(r.doc.split("\n")[0]) and "Finds" in r.doc for r in reg.rules)


@pytest.mark.parametrize(
    ("rule", "module", "problem"),
    [
        pytest.param(_rule("Bad_Id"), None, "kebab-case", id="id-not-kebab"),
        pytest.param(
            _rule("trade-total"), "meeting_count", "does not match module", id="id-vs-module"
        ),
        pytest.param(
            _rule("few-examples", examples=(Example("x"),)),
            None,
            "at least 3",
            id="too-few-examples",
        ),
        pytest.param("not a rule", None, "not a checker.rule.Rule", id="not-a-rule"),
    ],
)
def test_validation_names_the_problem(rule, module, problem):
    assert any(problem in p for p in validate(rule, module))


def test_entry_point_plugins_load_and_broken_ones_are_reported(monkeypatch):
    plugin = types.ModuleType("cc_plugin_demo")
    plugin.RULE = _rule("demo-rule")
    monkeypatch.setitem(sys.modules, "cc_plugin_demo", plugin)
    points = [
        EntryPoint("demo", "cc_plugin_demo", "claimcheck.rules"),
        EntryPoint("broken", "cc_plugin_missing_module", "claimcheck.rules"),
    ]
    monkeypatch.setattr(registry_module, "entry_points", lambda group: points)
    reg = load_registry()
    assert reg.get("demo-rule") is not None
    assert [p.path for p in reg.problems] == ["entry point broken (cc_plugin_missing_module)"]
    assert "ModuleNotFoundError" in reg.problems[0].reason


def test_select_and_ignore_by_id_or_family():
    reg = load_registry(plugins=False)
    assert [r.id for r in reg.select(["trade"])] == ["trade-total"]
    assert "event-date" not in [r.id for r in reg.select(ignore=["date"])]
    assert [r.id for r in reg.select(["anniversary", "event-date"], ["event-date"])] == [
        "anniversary"
    ]
