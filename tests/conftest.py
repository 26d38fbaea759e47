"""Shared fixtures: the registry is loaded once per session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

# Compiled patterns go to a store of the test session's own, not the user's (~/.cache):
# set before checker is imported, and inherited by the CLI runs tests start.
_PATTERNS = os.environ["CLAIMCHECK_PATTERN_CACHE"] = tempfile.mkdtemp(prefix="claimcheck-patterns-")
atexit.register(shutil.rmtree, _PATTERNS, ignore_errors=True)  # after the store's own save

from checker.registry import Registry, load_registry  # noqa: E402


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(plugins=False)
