"""Every page a browser test opens is checked with axe-core (vendored in tests/browser/vendor/) and for chart text
drawn too small to read; a test whose pages have a critical or serious violation fails with the list of them.

How: `start_chromium` wraps the driver in Selenium's EventFiringWebDriver with `PageChecks` as its listener. After
each navigation and each element found (where a journey waits for the page it expects) the page in the window is
checked, once per document (again if its content grew or shrank, as after an htmx swap). axe is injected through
WebDriver, which the pages' Content-Security-Policy does not govern. After the test body, the page each browser
is left on is checked too, and `fail_on_violations` (called by tests/conftest.py's pytest_runtest_call) fails the
test with a readable list: rule, impact, page, elements.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.abstract_event_listener import AbstractEventListener
from selenium.webdriver.support.event_firing_webdriver import EventFiringWebDriver
from selenium.webdriver.support.ui import WebDriverWait

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = ("critical", "serious")
MIN_CHART_TEXT_PX = 12
RECHECKS_PER_PAGE = 5  # the same document, changed by a script: checked again at most this often

# Where the page stands: None while it loads; else its signature (address and how many elements it holds), and
# whether it was already checked as it is (a document that is not HTML counts as checked).
STATE = """
if (document.readyState !== 'complete' || !document.body) { return null; }
if (document.contentType !== 'text/html') { return {signature: '', checked: true, count: 0}; }  // JSON, PDF...
var signature = location.href + '|' + document.getElementsByTagName('*').length;
var done = window.__pageChecks || {signature: null, count: 0};
return {signature: signature, checked: done.signature === signature, count: done.count};
"""
MARK = "window.__pageChecks = {signature: arguments[0], count: arguments[1]};"
RUN_AXE = """
var finish = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(function (results) {
  finish(results.violations.filter(function (v) { return v.impact === 'critical' || v.impact === 'serious'; })
    .map(function (v) {
      return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 10).map(function (n) {
        return {target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 240)};
      })};
    }));
}, function (error) { finish({error: String(error)}); });
"""
# Chart text must be readable where it is drawn: its font size times the SVG's scale (a viewBox shrinks it).
SMALL_SVG_TEXT = """
var least = arguments[0], small = [];
document.querySelectorAll('svg text').forEach(function (t) {
  var box = t.getBoundingClientRect();
  if (!box.width || !box.height || getComputedStyle(t).visibility === 'hidden') { return; }
  var matrix = t.getScreenCTM();
  var scale = matrix ? Math.sqrt(matrix.a * matrix.a + matrix.b * matrix.b) : 1;
  var px = parseFloat(getComputedStyle(t).fontSize) * scale;
  if (px < least) { small.push({text: t.textContent.trim().slice(0, 20), px: Math.round(px * 10) / 10}); }
});
return small.slice(0, 10);
"""


@cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    page: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        elements = "\n      ".join(self.targets)
        return f"- {self.rule} ({self.impact}) on {self.page}: {self.help}\n      {elements}"


class PageChecks(AbstractEventListener):
    """The listener: checks each page once, keeps what it found."""

    def __init__(self) -> None:
        self.violations: dict[tuple[str, str], Violation] = {}
        self.pages: set[str] = set()

    def after_navigate_to(self, url, driver) -> None:
        self.check(driver)

    def after_find(self, by, value, driver) -> None:
        self.check(driver)

    def check(self, driver, *, wait: bool = False) -> None:
        """Check the page in the window unless it is still loading or was checked as it is."""
        try:
            if wait:
                WebDriverWait(driver, 10, poll_frequency=0.1).until(lambda d: d.execute_script(STATE) is not None)
            state = driver.execute_script(STATE)
            if state is None or state["checked"] or state["count"] >= RECHECKS_PER_PAGE:
                return
            self._record(driver, self._run(driver))
            driver.execute_script(MARK, state["signature"], state["count"] + 1)
        except WebDriverException:
            return  # an alert open, a window closed, the page going away: checked at the next stop

    def _run(self, driver) -> list[dict]:
        if not driver.execute_script("return typeof window.axe === 'object';"):
            driver.execute_script(axe_source())
        found = driver.execute_async_script(RUN_AXE)
        if isinstance(found, dict):
            raise AssertionError(f"axe-core failed on {driver.current_url}: {found['error']}")
        small = driver.execute_script(SMALL_SVG_TEXT, MIN_CHART_TEXT_PX)
        if small:
            found.append({"id": "svg-text-too-small", "impact": "serious",
                          "help": f"Chart text must be drawn at {MIN_CHART_TEXT_PX} px or more",
                          "nodes": [{"target": f"“{s['text']}” at {s['px']} px", "summary": ""} for s in small]})
        return found

    def _record(self, driver, found: list[dict]) -> None:
        address = urlsplit(driver.current_url)
        page = address.path + (f"?{address.query}" if address.query else "")
        self.pages.add(page)
        for item in found:
            targets = tuple(f"{n['target']}  [{n['summary']}]" if n["summary"] else n["target"]
                            for n in item["nodes"])
            self.violations.setdefault((item["id"], page), Violation(item["id"], item["impact"], page, item["help"],
                                                                     targets))


LIVE: list[tuple[EventFiringWebDriver, PageChecks]] = []  # the browsers started by the test running now


def watched(driver):
    """The driver with its pages checked."""
    checks = PageChecks()
    wrapped = EventFiringWebDriver(driver, checks)
    LIVE.append((wrapped, checks))
    return wrapped



def forget_browsers() -> None:
    LIVE.clear()


def fail_on_violations() -> None:
    """After a test body: check the page each of its browsers is on, then fail on what was found."""
    found: list[Violation] = []
    for driver, checks in LIVE:
        try:
            checks.check(driver.wrapped_driver, wait=True)
        except AssertionError:
            raise
        except Exception:  # noqa: S110 - a browser the test has already quit: its pages were checked
            pass
        found.extend(checks.violations.values())
    if found:
        listing = "\n".join(str(v) for v in found)
        raise AssertionError(f"axe-core: {len(found)} critical or serious accessibility violation(s):\n{listing}")

