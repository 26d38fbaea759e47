"""Finds the rules: every module in `rules/` and every entry point in "claimcheck.rules".

There is no list to edit. A module that fails to load or to validate is named and
skipped (as flake8 does with plugins), never fatal to the run.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points

import regex

from checker.model import Skipped
from checker.rule import Rule

RULE_ID = regex.compile(r"^[a-z]+(-[a-z]+)*$")
ENTRY_POINT_GROUP = "claimcheck.rules"
MIN_EXAMPLES_WITH_CLAIMS = 3
MIN_EXAMPLES_WITHOUT = 1


@dataclass(slots=True)
class Registry:
    """The rules that loaded, and the ones that did not, with why."""

    rules: list[Rule] = field(default_factory=list)
    problems: list[Skipped] = field(default_factory=list)

    def select(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
        """Rules chosen by id or family name ("trade" means every trade rule), like ruff."""
        chosen = set(select)
        dropped = set(ignore)

        def named(rule: Rule, names: set[str]) -> bool:
            return rule.id in names or rule.family.value in names

        return [r for r in self.rules if (not chosen or named(r, chosen)) and not named(r, dropped)]

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id, if loaded."""
        return next((r for r in self.rules if r.id == rule_id), None)


def validate(rule: object, module_name: str | None) -> list[str]:
    """Why a module's RULE is not a usable rule (empty when it is)."""
    if not isinstance(rule, Rule):
        return ["RULE is not a checker.rule.Rule"]
    problems = []
    if not RULE_ID.match(rule.id):
        problems.append(f"id {rule.id!r} is not kebab-case")
    if module_name is not None and module_name != rule.id.replace("-", "_"):
        problems.append(f"id {rule.id!r} does not match module name {module_name!r}")
    if not rule.summary or "\n" in rule.summary:
        problems.append("summary must be one line")
    with_claims = sum(1 for e in rule.examples if e.expects)
    without = sum(1 for e in rule.examples if not e.expects)
    if with_claims < MIN_EXAMPLES_WITH_CLAIMS or without < MIN_EXAMPLES_WITHOUT:
        problems.append(
            f"needs at least {MIN_EXAMPLES_WITH_CLAIMS} examples with claims and "
            f"{MIN_EXAMPLES_WITHOUT} without (has {with_claims} and {without})"
        )
    return problems


def _add(registry: Registry, rule: object, origin: str, module_name: str | None) -> None:
    problems = validate(rule, module_name)
    if not problems and any(r.id == rule.id for r in registry.rules):  # type: ignore[union-attr]
        problems = [f"duplicate rule id {rule.id!r}"]  # type: ignore[union-attr]
    if problems:
        registry.problems.append(Skipped(origin, "rule not loaded: " + "; ".join(problems)))
        return
    registry.rules.append(rule)  # type: ignore[arg-type]


def load_registry(package: str = "rules", plugins: bool = True) -> Registry:
    """Load the built-in rules package and, unless disabled, the entry-point plugins."""
    registry = Registry()
    pkg = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        origin = f"{package}/{info.name}.py"
        try:
            module = importlib.import_module(f"{package}.{info.name}")
        except Exception as exc:  # a broken rule is reported, the run goes on
            registry.problems.append(
                Skipped(origin, f"rule not loaded: {type(exc).__name__}: {exc}")
            )
            continue
        rule = getattr(module, "RULE", None)
        if rule is None:
            continue  # a helper module beside the rules, not a rule
        if isinstance(rule, Rule) and not rule.doc and module.__doc__:
            object.__setattr__(rule, "doc", module.__doc__.strip())
        _add(registry, rule, origin, info.name)
    if plugins:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            origin = f"entry point {ep.name} ({ep.value})"
            try:
                rule = ep.load()
            except Exception as exc:  # a broken plugin is reported, the run goes on
                registry.problems.append(
                    Skipped(origin, f"rule not loaded: {type(exc).__name__}: {exc}")
                )
                continue
            rule = getattr(rule, "RULE", rule)
            _add(registry, rule, origin, None)
    registry.rules.sort(key=lambda r: r.id)
    return registry
