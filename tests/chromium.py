"""Headless Chromium for the browser tests: Debian's chromium and chromium-driver, no downloads.

Tests call `chromium_driver(profile_dir)`; it skips the test only when Chromium or its driver
is not installed (.ci/run installs both, so CI runs these tests).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium_driver(profile: Path):
    """A Chrome WebDriver on a fresh profile, or a skip when Chromium is not installed."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not binary or not driver:
        pytest.skip("chromium and chromium-driver are not installed")
    # Selenium is a dev dependency: a missing one is an error, not a skip.
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager fetch a driver
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(options=options, service=Service(executable_path=driver))
