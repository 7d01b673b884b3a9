"""Browser fixtures: a desktop-sized Chromium and a phone-sized one. When a browser test fails, the page it was
on is kept (HTML, screenshot and the browser's console) under var/browser-failures/ for whoever reads the log."""

from pathlib import Path

import pytest

from tests.browser.support import start_chromium

FAILURES = Path(__file__).resolve().parents[2] / "var" / "browser-failures"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.browser_call_failed = report.failed


def _keep_evidence(request, driver) -> None:
    if not getattr(request.node, "browser_call_failed", False):
        return
    FAILURES.mkdir(parents=True, exist_ok=True)
    stem = FAILURES / request.node.name
    try:
        stem.with_suffix(".html").write_text(f"<!-- {driver.current_url} -->\n{driver.page_source}", encoding="utf-8")
        driver.save_screenshot(str(stem.with_suffix(".png")))
        logs = driver.get_log("browser")
        stem.with_suffix(".console.txt").write_text("\n".join(str(entry) for entry in logs), encoding="utf-8")
    except Exception as exc:  # the browser may be what broke; the test's own failure is what matters
        print(f"could not keep the failed page: {exc}")
    else:
        print(f"the failed page is kept in {stem}.html/.png/.console.txt")


@pytest.fixture
def browser(request):
    driver = start_chromium()
    yield driver
    _keep_evidence(request, driver)
    driver.quit()


@pytest.fixture
def phone(request):
    """Chromium the size of a phone screen."""
    driver = start_chromium(width=390, height=844)
    yield driver
    _keep_evidence(request, driver)
    driver.quit()
