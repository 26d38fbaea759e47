"""The HTML report: structure, escaping of hostile text, and its filters in a real browser."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from chromium import chromium_driver
from corpora import (
    HOSTILE_ATTR,
    HOSTILE_NAME,
    HOSTILE_SCRIPT,
    contradiction,
    trade_claim,
    write_corpus,
)

from checker.model import ReviewStatus
from checker.report import html
from checker.report.build import ClaimContext, Report

REPO = Path(__file__).resolve().parent.parent


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside each tag name."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        for tag in set(self._open):
            self.text.setdefault(tag, []).append(data)

    def having(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        """Attributes of each `tag` whose attributes include `attrs`."""
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def hostile_report() -> Report:
    """A report whose article name, quote and sentence are all markup."""
    quote = f"{HOSTILE_SCRIPT} $190 billion {HOSTILE_ATTR}"
    a = trade_claim(HOSTILE_NAME, 1.9e11, quote, line=3)
    b = trade_claim("b.txt", 1.72e11, "$172 billion", start=5)
    finding = contradiction(a, b, f"{HOSTILE_SCRIPT} differ", ReviewStatus.DISMISSED)
    contexts = {
        a.id: ClaimContext(f"<b>{HOSTILE_ATTR}</b> ", quote, f" {HOSTILE_SCRIPT}"),
        b.id: ClaimContext("Trade hit ", "$172 billion", "."),
    }
    return Report(
        corpus="corpus",
        articles=(),
        claims=(a, b),
        findings=(finding,),
        stale_reviews=("f-ffffffffffff",),
        contexts=contexts,
    )


def test_hostile_text_is_escaped() -> None:
    text = html.render(hostile_report())
    page = Page(text)
    # The page's own script is the only one, and no article text became an attribute.
    assert len(page.having("script")) == 1
    assert not [a for _, a in page.tags if "onmouseover" in a]
    assert not page.having("b")
    assert HOSTILE_SCRIPT not in text and 'onmouseover="x' not in text
    marks = "".join(page.text["mark"])
    assert HOSTILE_SCRIPT in marks and HOSTILE_ATTR in marks  # shown as text, highlighted
    hrefs = {a["href"] for a in page.having("a", **{"class": "file"})}
    assert hrefs == {"corpus/x%22%20onmouseover%3D%22x.txt", "corpus/b.txt"}


def test_page_is_self_contained() -> None:
    page = Page(html.render(hostile_report()))
    [csp] = page.having("meta", **{"http-equiv": "Content-Security-Policy"})
    policy = dict(part.strip().split(" ", 1) for part in (csp["content"] or "").split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"].startswith("'sha256-") and policy["style-src"].startswith(
        "'sha256-"
    )
    assert policy["form-action"] == "'none'"
    assert not [a for t, a in page.tags if a.get("src") or (t == "link")]
    assert not page.having("form")  # the static page records nothing


def test_structure_of_findings() -> None:
    page = Page(html.render(hostile_report()))
    [finding] = page.having("article", **{"class": "finding"})
    assert finding["id"] == "f-0123456789ab"
    assert (finding["data-verdict"], finding["data-family"], finding["data-status"]) == (
        "contradict",
        "trade",
        "dismissed",
    )
    assert [a["data-count"] for a in page.having("td") if a.get("data-count") == "contradict"]
    assert page.having("ul", id="stale")
    assert "f-ffffffffffff" in page.text["li"]
    assert {a["data-value"] for a in page.having("button", **{"data-filter": "status"})} == {
        "",
        *(s.value for s in ReviewStatus),
    }


def test_article_links_are_relative_file_links() -> None:
    assert html.article_href("corpus", "2024/a.txt") == "corpus/2024/a.txt"
    assert html.article_href("corpus/wire.jsonl", "wire.jsonl#rec-1") == "corpus/wire.jsonl"
    assert (
        html.article_href("corpus", "javascript:alert(1).txt")
        == "corpus/javascript%3Aalert%281%29.txt"
    )


def check_html(corpus: Path, out: Path, ledger: Path) -> None:
    """Run `claimcheck check --format html` as a user would."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "check",
            str(corpus),
            "--format",
            "html",
            "-o",
            str(out),
            "--ledger",
            str(ledger),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_check_writes_html_for_a_hostile_corpus(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path, hostile=True)
    out = tmp_path / "report.html"
    check_html(corpus, out, tmp_path / "reviews.jsonl")
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    assert len(page.having("script")) == 1
    assert not [a for _, a in page.tags if "onmouseover" in a]
    verdicts = sorted(
        a["data-verdict"] or "" for a in page.having("article", **{"class": "finding"})
    )
    assert verdicts == ["agree", "contradict"]
    assert HOSTILE_SCRIPT in "".join(page.text["p"])
    assert any(
        a["href"] and a["href"].endswith("/x%22%20onmouseover%3D%22x.txt")
        for a in page.having("a", **{"class": "file"})
    )


@pytest.fixture
def browser(tmp_path: Path):
    driver = chromium_driver(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()


def test_filters_in_a_browser(tmp_path: Path, browser) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    corpus = write_corpus(tmp_path, hostile=True)
    out = tmp_path / "report.html"
    check_html(corpus, out, tmp_path / "reviews.jsonl")
    browser.get(out.as_uri())

    def shown() -> list[str]:
        return sorted(
            e.get_attribute("data-verdict")
            for e in browser.find_elements(By.CSS_SELECTOR, "article.finding")
            if e.is_displayed()
        )

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - the hostile script must not have run
    assert browser.find_element(By.ID, "filters").is_displayed()  # the page's own script ran
    assert shown() == ["agree", "contradict"]
    browser.find_element(
        By.CSS_SELECTOR, 'button[data-filter="verdict"][data-value="contradict"]'
    ).click()
    assert shown() == ["contradict"]
    marks = [
        m.text
        for m in browser.find_elements(By.CSS_SELECTOR, "article.finding mark")
        if m.is_displayed()
    ]
    assert any("$172 billion" in m for m in marks)
    contexts = " ".join(
        p.text for p in browser.find_elements(By.CSS_SELECTOR, "p.context") if p.is_displayed()
    )
    assert HOSTILE_SCRIPT in contexts  # shown as text
    browser.find_element(
        By.CSS_SELECTOR, 'button[data-filter="status"][data-value="dismissed"]'
    ).click()
    assert shown() == []
    groups = [
        g for g in browser.find_elements(By.CSS_SELECTOR, "section.key-group") if g.is_displayed()
    ]
    assert groups == []
    browser.find_element(By.CSS_SELECTOR, 'button[data-filter="verdict"][data-value=""]').click()
    browser.find_element(
        By.CSS_SELECTOR, 'button[data-filter="status"][data-value="unreviewed"]'
    ).click()
    assert shown() == ["agree", "contradict"]
    browser.find_element(
        By.CSS_SELECTOR, 'button[data-filter="family"][data-value="meetings"]'
    ).click()
    assert shown() == ["agree"]
    pressed = [
        b.get_attribute("data-value")
        for b in browser.find_elements(By.CSS_SELECTOR, "button[aria-pressed=true]")
    ]
    assert pressed == ["", "meetings", "unreviewed"]
