"""The page check every browser test runs (tests/browser/accessibility.py) finds what it is there to find: a
serious axe-core violation and chart text drawn too small, each named with its rule, page and element; and it
reports them as a failure a person can read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser import accessibility
from tests.browser.support import wait_for

pytestmark = pytest.mark.browser

# Added with the CSSOM, which the pages' Content-Security-Policy allows (a style attribute in markup it refuses).
FAINT_TEXT = """
var p = document.createElement('p'); p.id = 'faint'; p.textContent = '几乎看不见的字';
p.style.color = '#c8c8c8'; document.querySelector('main').appendChild(p);
"""
TINY_CHART = """
var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg');
var text = document.createElementNS(ns, 'text');
svg.setAttribute('viewBox', '0 0 720 200'); svg.setAttribute('width', '300'); svg.id = 'tiny';
text.setAttribute('x', '10'); text.setAttribute('y', '100'); text.setAttribute('font-size', '10');
text.textContent = '08';
svg.appendChild(text); document.querySelector('main').appendChild(svg);
"""


def _checks_of(driver) -> accessibility.PageChecks:
    return next(checks for wrapped, checks in accessibility.LIVE if wrapped is driver)


def test_a_faint_text_and_a_shrunken_chart_label_are_reported_with_rule_page_and_element(browser, live_server,
                                                                                       transactional_db):
    browser.get(live_server.url + reverse("tracking:track"))
    wait_for(browser, "main")
    checks = _checks_of(browser)
    assert checks.violations == {}  # the tracking page itself is clean
    browser.execute_script(FAINT_TEXT + TINY_CHART)
    wait_for(browser, "#tiny")  # the page changed: checked again
    found = {rule: violation for (rule, _page), violation in checks.violations.items()}
    assert set(found) == {"color-contrast", "svg-text-too-small"}
    contrast = found["color-contrast"]
    assert (contrast.impact, contrast.page) == ("serious", "/track/")
    assert any(target.startswith("#faint") for target in contrast.targets)
    assert "“08” at 4.2 px" in found["svg-text-too-small"].targets[0]  # 10 units at 300/720 of their size
    with pytest.raises(AssertionError) as failure:
        accessibility.fail_on_violations()
    report = str(failure.value)
    assert "critical or serious accessibility violation" in report
    assert "- color-contrast (serious) on /track/:" in report and "#faint" in report
    checks.violations.clear()  # what this test put on the page is not the portal's
