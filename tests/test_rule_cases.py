"""Named regression cases per rule, one YAML file each: tests/rules/<rule-id>.yml (as sqlfluff)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from checker.model import Bound, Modality
from checker.registry import load_registry
from checker.rule import Example, Expect, check_example

HERE = Path(__file__).parent / "rules"
REGISTRY = load_registry(plugins=False)
ENUMS = {"bound": Bound, "modality": Modality}


def expect_of(raw: dict) -> Expect:
    fields = {k: (ENUMS[k](v) if k in ENUMS else v) for k, v in raw.items()}
    return Expect(**fields)


def cases():
    for path in sorted(HERE.glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule_id = spec.pop("rule")
        published = spec.pop("published", None)
        for name, case in spec.items():
            pub = case.get("published", published)
            example = Example(
                case["text"],
                *(expect_of(e) for e in case.get("expect", [])),
                published=pub if isinstance(pub, date) else date.fromisoformat(str(pub)),
            )
            yield pytest.param(rule_id, example, id=f"{rule_id}:{name}")


@pytest.mark.parametrize(("rule_id", "example"), list(cases()))
def test_rule_case(rule_id, example):
    rule = REGISTRY.get(rule_id)
    assert rule is not None, f"no rule {rule_id}"
    assert check_example(rule, example) == []
