"""How long an HTML report takes to open in headless Chromium.

    python bench/report_load.py report.html [--screenshot report.png] [--repeat 3]

Make the report first (`brief extract ../shared/bench/bbc -o report.html`). Needs Debian's
chromium and chromium-driver and the `selenium` package (in brief's test extra). Prints, per
load, the wall time of the browser's `get` and the page's DOMContentLoaded and load times, and
the number of highlighted mentions and index rows it holds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("--screenshot", help="save a screenshot of the opened report here")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    browser, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not browser or not driver_path:
        sys.exit("needs chromium and chromedriver (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='brief-chromium-')}"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    page = Path(args.report).resolve()
    print(f"{page} ({page.stat().st_size / 1e6:.1f} MB)")
    try:
        for _ in range(args.repeat):
            started = time.perf_counter()
            driver.get(page.as_uri())
            wall = time.perf_counter() - started
            ready, loaded = driver.execute_script(
                "var n = performance.getEntriesByType('navigation')[0];"
                "return [n.domContentLoadedEventEnd, n.loadEventEnd]"
            )
            marks = driver.execute_script(
                "return document.querySelectorAll('mark[data-start]').length"
            )
            rows = driver.execute_script(
                "return document.querySelectorAll('#index-table tbody tr').length"
            )
            print(f"open {wall:.2f} s (DOMContentLoaded {ready / 1000:.2f} s, load "
                  f"{loaded / 1000:.2f} s); {marks:,} highlighted mentions, {rows:,} index rows")  # fmt: skip
        if args.screenshot:
            driver.save_screenshot(args.screenshot)
            print(f"screenshot: {args.screenshot}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
