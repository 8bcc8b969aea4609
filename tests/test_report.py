"""`--format html`: the report, made by the installed brief, read as a file and then opened in
a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

DOCUMENTS = {
    "a.txt": "date 2024-03-16\nShinzo Abe met Angela Merkel in Berlin last week. Siemens paid "
    "€3m for a plant in Osaka in Q3 2023, and between $5m and $7m for another in 2022.\n",
    "b.txt": "date 2024-05-02\nThe page said <script>alert('x')</script> and </div></pre> to "
    "Toyota, which paid $18 billion in May 2024. Abe visited Tokyo on 27 March 2024.\n",
    "c.md": "---\ndate: 2023-11-20\n---\n# Notes\n\nGoldman Sachs met **Emmanuel Macron** in "
    "Paris in the 1990s and again in spring 2023.\n",
}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("report")
    docs = root / "docs"
    docs.mkdir()
    for name, text in DOCUMENTS.items():
        (docs / name).write_text(text, encoding="utf-8")
    (docs / "broken.txt").write_bytes(b"\x00\x01\x02")
    page = root / "report.html"
    made = subprocess.run(["brief", "extract", str(docs), "-o", str(page), "--no-cache", "-q"],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert made.returncode == 1, made.stderr  # broken.txt failed; the rest is reported
    data = subprocess.run(
        ["brief", "extract", str(docs), "-f", "json", "--include-text", "--no-cache", "-q"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return page, json.loads(data.stdout)


class _Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str]] = []
        self.tags: list[tuple[str, dict]] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "mark" and "data-start" in attributes:
            self._open = {**attributes, "text": ""}

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "mark" and self._open is not None:
            self.marks.append(self._open)
            self._open = None


def mention_count(result: dict) -> int:
    return sum(e["count"] for d in result["documents"] for e in d["entities"])


def dated_values(result: dict) -> set[str]:
    return {
        json.dumps(e["value"], sort_keys=True)
        for d in result["documents"]
        for e in d["entities"]
        if e["type"] == "date" and e["value"] and e["value"]["grain"] != "reference"
    }


def test_the_report_file_is_self_contained_and_escaped(report):
    page, result = report
    html = page.read_text(encoding="utf-8")
    parser = _Marks()
    parser.feed(html)
    assert len(parser.marks) == mention_count(result)
    texts = {d["path"]: d["text"] for d in result["documents"]}
    by_text = "".join(texts.values())
    for mark in parser.marks:
        assert mark["text"] in by_text
        assert int(mark["data-end"]) - int(mark["data-start"]) == len(mark["text"])
    # Nothing from elsewhere: no external script, style, image or font.
    for tag, attributes in parser.tags:
        for name in ("src", "href"):
            value = attributes.get(name) or ""
            assert not value or value.startswith("#"), (tag, attributes)
    # Document text is text: the page's own <script> is the report's only one besides data.
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert [t for t, _ in parser.tags].count("script") == 2
    assert "broken.txt" in html and "binary file" in html


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    found = _chromium()
    if found is None:
        pytest.skip("chromium and chromium-driver are not installed (.ci/run installs them)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    yield driver
    driver.quit()


def test_the_report_in_a_real_browser(report, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page, result = report
    browser.get(page.as_uri())
    marks = browser.find_elements(By.CSS_SELECTOR, "mark[data-start]")
    assert len(marks) == mention_count(result)

    # Hovering a money mention shows its entity and value.
    money = next(m for m in marks if m.get_attribute("data-type") == "money" and m.is_displayed())
    ActionChains(browser).move_to_element(money).perform()
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed()
    assert tip.text == "money: €3m · 3,000,000 EUR"

    # The type filter keeps only that type in the indexes.
    rows = browser.find_elements(By.CSS_SELECTOR, "#index-table tbody tr")
    assert {r.get_attribute("data-type") for r in rows} >= {"person", "place", "date", "money"}
    Select(browser.find_element(By.ID, "type-filter")).select_by_value("person")
    rows = browser.find_elements(By.CSS_SELECTOR, "#index-table tbody tr")
    assert rows and {r.get_attribute("data-type") for r in rows} == {"person"}
    shown = [r for r in browser.find_elements(By.CSS_SELECTOR, ".doc .entities tbody tr")
             if r.is_displayed()]  # fmt: skip
    assert shown and {r.get_attribute("data-type") for r in shown} == {"person"}

    # A click in the index goes to the entity's first mention, in its document.
    link = browser.find_element(By.CSS_SELECTOR, "#index-table tbody tr a")
    target = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    mark = browser.find_element(By.ID, target)
    assert mark.tag_name == "mark" and mark.is_displayed()
    assert mark.get_attribute("data-type") == "person"

    # A mark on the timeline for each dated value.
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline g.tm")) == len(
        dated_values(result)
    )

    # A document link shows that document.
    links = browser.find_elements(By.CSS_SELECTOR, "#list a")
    links[-1].click()
    visible = [s for s in browser.find_elements(By.CSS_SELECTOR, "section.doc") if s.is_displayed()]
    assert (
        len(visible) == 1
        and visible[0].get_attribute("id") == links[-1].get_attribute("href").rsplit("#", 1)[1]
    )

    # Nothing was fetched but the page itself.
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    requested = [
        json.loads(entry["message"])["message"]["params"]["request"]["url"]
        for entry in browser.get_log("performance")
        if '"Network.requestWillBeSent"' in entry["message"]
    ]
    # (The browser's own new-tab page loads chrome:// resources at start; the report none.)
    assert page.as_uri() in requested
    assert not [u for u in requested if u.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp")]

    artefacts = Path(os.environ.get("BRIEF_TEST_ARTIFACTS", tmp_path))
    artefacts.mkdir(parents=True, exist_ok=True)
    browser.get(page.as_uri())
    assert browser.save_screenshot(str(artefacts / "report.png"))
