"""The receipt in headless Chromium: no Content-Security-Policy violation, and the barcode on screen scans."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from django.conf import settings
from django.urls import reverse
from PIL import Image

from accounts.models import User
from tests.browser.support import csp_violations, start_chromium
from tests.conftest import ensure_demo
from tests.factories import PersonFactory, region
from workflow.services import case_accept

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def browser():
    """Three device pixels per CSS pixel, so that a screenshot of the barcode scans like print."""
    driver = start_chromium(width=1000, height=1400, scale=3)
    yield driver
    driver.quit()


@pytest.mark.parametrize("paper", ["80mm", "a4"])
def test_the_receipt_renders_without_csp_violations_and_its_barcode_scans(
        transactional_db, live_server, browser, client, test_services, paper):
    from selenium.webdriver.common.by import By

    ensure_demo()  # a live server needs a transactional database, whose flush the demo data does not survive
    clerk = User.objects.get(username="clerk")
    case = case_accept(service_code="test.timed", actor=clerk, channel="counter",
                       person=PersonFactory(hukou_region=region("370503001")), materials=["id_card"])
    client.force_login(clerk)
    browser.get(live_server.url + reverse("healthz"))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser.add_cookie({"name": settings.SESSION_COOKIE_NAME, "value": session, "path": "/"})
    browser.get(live_server.url + reverse("receipts:receipt", kwargs={"number": case.number}) + f"?format={paper}")
    assert case.formatted_tracking_code in browser.page_source
    assert csp_violations(browser) == []
    assert browser.find_element(By.CSS_SELECTOR, "[data-print]").is_displayed()  # the script ran
    shot = Image.open(io.BytesIO(browser.find_element(By.CSS_SELECTOR, "svg.barcode").screenshot_as_png))
    assert [r.text for r in zxingcpp.read_barcodes(shot, formats=zxingcpp.BarcodeFormat.Code128)] == [
        case.tracking_code]
    # The check can fail: a style attribute, as python-barcode's own SVG writer puts on every bar, is refused.
    browser.execute_script("document.body.insertAdjacentHTML('beforeend', '<svg><rect style=\"fill:red\"/></svg>')")
    assert csp_violations(browser)


def test_the_a4_receipt_prints_on_one_a4_page(transactional_db, live_server, browser, client, test_services):
    import base64

    from pypdf import PdfReader

    ensure_demo()
    clerk = User.objects.get(username="clerk")
    case = case_accept(service_code="test.timed", actor=clerk, channel="counter",
                       person=PersonFactory(hukou_region=region("370503001")), materials=["id_card", "form"])
    client.force_login(clerk)
    browser.get(live_server.url + reverse("healthz"))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser.add_cookie({"name": settings.SESSION_COOKIE_NAME, "value": session, "path": "/"})
    browser.get(live_server.url + reverse("receipts:receipt", kwargs={"number": case.number}) + "?format=a4")
    # preferCSSPageSize: the paper comes from the receipt's @page rule, as in the browser's print dialog.
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["data"])))
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 1
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)  # A4, in mm
    text = reader.pages[0].extract_text()
    assert case.number in text and case.formatted_tracking_code in text
    assert "Print the receipt" not in text and "打印回执" not in text  # the screen's tools are not printed
