"""The receipt in headless Chromium: no Content-Security-Policy violation, a barcode that scans from a screen at
device scale 1 and on a phone, the millimetre size on paper, and one A4 page."""

from __future__ import annotations

import io
import itertools

import pytest
import zxingcpp
from django.conf import settings
from django.urls import reverse
from PIL import Image

from accounts.models import User
from tests.browser.support import csp_violations, start_chromium
from tests.conftest import ensure_demo
from tests.factories import PersonFactory, region
from workflow.barcodes import QUIET_ZONE, code128_modules
from workflow.services import case_accept

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True}


@pytest.fixture
def browser():
    """An ordinary screen: one device pixel per CSS pixel, as most office monitors and a screenshot at 1×."""
    driver = start_chromium(width=1000, height=1400, scale=1)
    yield driver
    driver.quit()


def open_receipt(browser, live_server, client, *, role: str, query: str = ""):
    """Accept a time-limited case (for the demo resident when `role` is "resident"), log in as `role` and
    open the case's receipt; return the case."""
    ensure_demo()  # a live server needs a transactional database, whose flush the demo data does not survive
    clerk = User.objects.get(username="clerk")
    if role == "resident":
        user = User.objects.filter(kind=User.Kind.RESIDENT).order_by("pk").first()
        person = user.person
    else:
        user, person = User.objects.get(username=role), PersonFactory(hukou_region=region("370503001"))
    case = case_accept(service_code="test.timed", actor=clerk, channel="counter", person=person,
                       materials=["id_card"])
    client.force_login(user)
    browser.get(live_server.url + reverse("healthz"))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser.add_cookie({"name": settings.SESSION_COOKIE_NAME, "value": session, "path": "/"})
    browser.get(live_server.url + reverse("receipts:receipt", kwargs={"number": case.number}) + query)
    assert case.formatted_tracking_code in browser.page_source
    return case


def shown_barcode(browser):
    """The one barcode the page shows (a page may carry a second one for print only, hidden on screen)."""
    from selenium.webdriver.common.by import By

    shown = [svg for svg in browser.find_elements(By.CSS_SELECTOR, "svg.barcode") if svg.is_displayed()]
    assert len(shown) == 1
    return shown[0]


def decode(image: Image.Image) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.Code128)]


def modules_seen(image: Image.Image) -> tuple[str, int]:
    """The middle row of a screenshot of a barcode read back as modules, and the pixels per module.

    Bars and spaces are each a whole number of modules, so on a screen that draws a module as whole pixels
    every run of dark or light pixels is a multiple of the narrowest one; bars drawn between pixels are not.
    """
    grey = image.convert("L")
    row = [grey.getpixel((x, grey.height // 2)) < 128 for x in range(grey.width)]
    runs = [(dark, len(list(group))) for dark, group in itertools.groupby(row)]
    runs = runs[next(i for i, (dark, _) in enumerate(runs) if dark):]  # the quiet zone and the page around it
    while not runs[-1][0]:
        runs.pop()
    unit = min(length for _, length in runs)
    if any(length % unit for _, length in runs):
        return "", 0  # bars drawn between pixels: no whole number of pixels a module
    return "".join(("1" if dark else "0") * (length // unit) for dark, length in runs), unit


# role, query, phone, device pixels per module: the counter's 80 mm preview and a phone have room for one pixel
# a module, an A4 page on a desktop for two.
SCREENS = [("clerk", "", False, 1), ("clerk", "?format=a4", False, 2), ("resident", "", False, 2),
           ("resident", "", True, 1), ("clerk", "?format=80mm", True, 1)]


@pytest.mark.parametrize("role, query, phone, pixels", SCREENS)
def test_the_barcode_on_screen_scans_from_a_screenshot_at_device_scale_1(
        transactional_db, live_server, browser, client, test_services, role, query, phone, pixels):
    if phone:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    code = open_receipt(browser, live_server, client, role=role, query=query).tracking_code
    svg = shown_barcode(browser)
    shot = Image.open(io.BytesIO(svg.screenshot_as_png))
    assert decode(shot) == [code]
    # Not luck of the decoder: every module is the same whole number of pixels, the bars exactly the symbol's.
    assert modules_seen(shot) == (code128_modules(code), pixels)
    if phone:  # the barcode fits the phone's width, nothing cut and no sideways scrolling
        rect = svg.rect
        assert rect["x"] >= 0 and rect["x"] + rect["width"] <= PHONE["width"]
        assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("paper, module_mm", [("80mm", 0.25), ("a4", 0.33)])
def test_on_paper_the_barcode_keeps_its_size_in_millimetres(
        transactional_db, live_server, browser, client, test_services, paper, module_mm):
    code = open_receipt(browser, live_server, client, role="clerk", query=f"?format={paper}").tracking_code
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    width_mm = shown_barcode(browser).rect["width"] * 25.4 / 96
    assert width_mm == pytest.approx((len(code128_modules(code)) + 2 * QUIET_ZONE) * module_mm, abs=0.2)


@pytest.mark.parametrize("paper", ["80mm", "a4"])
def test_the_receipt_renders_without_csp_violations(
        transactional_db, live_server, browser, client, test_services, paper):
    from selenium.webdriver.common.by import By

    open_receipt(browser, live_server, client, role="clerk", query=f"?format={paper}")
    assert csp_violations(browser) == []
    assert browser.find_element(By.CSS_SELECTOR, "[data-print]").is_displayed()  # the script ran
    # The check can fail: a style attribute, as python-barcode's own SVG writer puts on every bar, is refused.
    browser.execute_script("document.body.insertAdjacentHTML('beforeend', '<svg><rect style=\"fill:red\"/></svg>')")
    assert csp_violations(browser)


def test_the_a4_receipt_prints_on_one_a4_page(transactional_db, live_server, browser, client, test_services):
    import base64

    from pypdf import PdfReader

    case = open_receipt(browser, live_server, client, role="clerk", query="?format=a4")
    # preferCSSPageSize: the paper comes from the receipt's @page rule, as in the browser's print dialog.
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["data"])))
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 1
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)  # A4, in mm
    text = reader.pages[0].extract_text()
    assert case.number in text and case.formatted_tracking_code in text
    assert "Print the receipt" not in text and "打印回执" not in text  # the screen's tools are not printed
