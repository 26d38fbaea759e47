"""`claimcheck serve`: the guards on its POST endpoint, and a decision made in a browser."""

from __future__ import annotations

import json
import re
import select
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from chromium import chromium_driver
from corpora import HOSTILE_SCRIPT, write_corpus

from checker.ledger import Decision, read_ledger, record_decision
from checker.model import ReviewStatus
from checker.serve import host_names, is_loopback

REPO = Path(__file__).resolve().parent.parent
SERVING = re.compile(r"Serving (http://127\.0\.0\.1:\d+/)")


class Server:
    """A `claimcheck serve` process on a free loopback port."""

    def __init__(self, corpus: Path, ledger: Path) -> None:
        self.ledger = ledger
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "checker",
                "serve",
                str(corpus),
                "--ledger",
                str(ledger),
                "--port",
                "0",
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        ready, _, _ = select.select([self.proc.stdout], [], [], 90)
        line = self.proc.stdout.readline() if ready else ""  # type: ignore[union-attr]
        match = SERVING.search(line)
        if not match:
            self.stop()
            raise AssertionError(f"server did not start: {line!r} {self.proc.stderr.read()!r}")  # type: ignore[union-attr]
        self.url = match[1]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    corpus = write_corpus(tmp_path)
    (corpus / "c.txt").write_text(
        " date 2024-03-01\nPutin and Xi have met 30 times since 2013.\n", encoding="utf-8"
    )
    srv = Server(corpus, tmp_path / "reviews.jsonl")
    try:
        yield srv
    finally:
        srv.stop()


def fetch(
    url: str, form: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> tuple[int, str]:
    """Status and body of a GET, or of a form POST; redirects are not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    data = urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def form_of(page: str) -> tuple[str, list[str]]:
    """The page's form token and the findings it offers to decide."""
    tokens = set(re.findall(r'name="token" value="([^"]+)"', page))
    findings = re.findall(r'name="finding" value="(f-[0-9a-f]{12})"', page)
    assert len(tokens) == 1
    return tokens.pop(), findings


def test_loopback_rules() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert (
        not is_loopback("0.0.0.0")
        and not is_loopback("192.168.1.5")
        and not is_loopback("example.org")
    )
    assert "localhost:8123" in host_names("127.0.0.1", 8123)
    assert "localhost:8123" not in host_names("192.168.1.5", 8123)


def test_post_guards(server: Server) -> None:
    status, page = fetch(server.url)
    assert status == 200
    token, findings = form_of(page)
    assert len(findings) == 2  # the two contradictions
    good = {"token": token, "finding": findings[0], "decision": "dismissed", "note": ""}
    decide = server.url + "decide"
    assert fetch(decide, {**good, "token": "nope"})[0] == 403
    assert fetch(decide, {k: v for k, v in good.items() if k != "token"})[0] == 403
    assert fetch(decide, good, {"Origin": "http://evil.example"})[0] == 403
    assert fetch(decide, good, {"Host": "evil.example"})[0] == 403  # DNS rebinding
    assert fetch(server.url, headers={"Host": "evil.example"})[0] == 403
    assert fetch(decide, {**good, "decision": "unreviewed"})[0] == 400
    assert fetch(decide, {**good, "finding": "f-000000000000"})[0] == 400
    assert fetch(server.url + "decide")[0] == 405  # GET never writes
    assert not server.ledger.exists()
    status, _ = fetch(decide, good)
    assert status == 303
    assert read_ledger(server.ledger)[findings[0]].decision is ReviewStatus.DISMISSED


@pytest.fixture
def browser(tmp_path: Path):
    driver = chromium_driver(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()


def test_decide_in_a_browser(server: Server, browser) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    browser.get(server.url)
    forms = browser.find_elements(By.CSS_SELECTOR, "form.decide")
    assert len(forms) == 2
    first = forms[0].find_element(By.CSS_SELECTOR, 'input[name="finding"]').get_attribute("value")
    note = f"typo in the wire copy {HOSTILE_SCRIPT}"
    forms[0].find_element(By.CSS_SELECTOR, 'input[name="note"]').send_keys(note)
    forms[0].find_element(By.CSS_SELECTOR, 'button[value="dismissed"]').click()

    # The page the POST redirected to shows the decision, and the ledger on disk has it.
    def status_shown(driver) -> bool:
        return driver.find_element(By.ID, first).get_attribute("data-status") == "dismissed"

    WebDriverWait(browser, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
        status_shown
    )
    decision = read_ledger(server.ledger)[first]
    assert (decision.decision, decision.note) == (ReviewStatus.DISMISSED, note)
    assert decision.key and decision.when
    article = browser.find_element(By.ID, first)
    assert article.get_attribute("data-status") == "dismissed"
    shown = article.find_element(By.CSS_SELECTOR, "p.decision")
    assert shown.get_attribute("data-decision") == "dismissed"
    assert HOSTILE_SCRIPT in shown.text  # the note is text, not markup

    # A decision written elsewhere (the terminal review, another editor) shows on reload.
    second = next(
        f.get_attribute("id")
        for f in browser.find_elements(By.CSS_SELECTOR, "article.finding")
        if f.get_attribute("id") != first and f.get_attribute("data-verdict") != "agree"
    )
    record_decision(server.ledger, Decision(second, ReviewStatus.ACCEPTED, note="known"))
    browser.get(server.url)
    statuses = {
        f.get_attribute("id"): f.get_attribute("data-status")
        for f in browser.find_elements(By.CSS_SELECTOR, "article.finding")
    }
    assert statuses[first] == "dismissed" and statuses[second] == "accepted"
    counts = {
        td.get_attribute("data-count"): td.text
        for td in browser.find_elements(By.CSS_SELECTOR, "td[data-count]")
    }
    assert (counts["dismissed"], counts["accepted"], counts["unreviewed"]) == ("1", "1", "0")
    # Reloading does not post again.
    assert len(read_ledger(server.ledger)) == 2
    ledger_lines = server.ledger.read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["finding"] for line in ledger_lines) == sorted([first, second])
