"""Shared fixtures: the registry is loaded once per session."""

from __future__ import annotations

import pytest

from checker.registry import Registry, load_registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(plugins=False)
