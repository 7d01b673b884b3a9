"""A bad rating from the receipt, in headless Chromium: a completed case's receipt, its QR code read as a phone
would, the public tracking page it leads to, a rating of 1 with a reason given there without a login; the
rectification case it opens appears on the work list of the office that decided the case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.support import assert_no_csp_violations, log_in, wait_for


def click(driver, css: str) -> None:
    from selenium.webdriver.common.by import By

    element = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_bad_rating_from_the_receipt_reaches_the_office(browser, live_server, demo, test_services):
    from accounts.models import User
    from tests.browser.test_ecard_journey import qr_of
    from tests.factories import PersonFactory, region
    from tests.support.twofactor import device_for
    from workflow.models import Rating
    from workflow.services import case_accept, case_approve, case_claim

    clerk, reviewer = User.objects.get(username="clerk"), User.objects.get(username="reviewer")
    device_for(reviewer)
    person = PersonFactory(name="钱评价", hukou_region=region("370503001"), phone="13900003333")
    case = case_accept(service_code="test.timed", actor=clerk, channel="counter", person=person)
    case_claim(case=case, actor=reviewer)
    case_approve(case=case, actor=reviewer, note="已办结")
    base = live_server.url

    # The receipt (printed by the office that handled it): its QR code reads as the tracking address.
    log_in(browser, base, "reviewer")
    browser.get(base + reverse("receipts:receipt", args=[case.number]))
    tracking = qr_of(wait_for(browser, "#receipt-qr svg"))
    assert tracking.endswith(reverse("tracking:track-detail", kwargs={"code": case.tracking_code}))

    # Whoever holds the receipt follows the link, with no login, and rates the ended case.
    browser.delete_all_cookies()
    browser.get(base + reverse("tracking:track-detail", kwargs={"code": case.tracking_code}))
    click(browser, "#track-rate")
    wait_for(browser, "#rating-form")
    assert person.name not in browser.page_source and person.id_number not in browser.page_source
    click(browser, "input[name='score'][value='1']")
    click(browser, "input[name='reasons'][value='attitude']")
    browser.find_element("id", "id_comment").send_keys("窗口人员态度生硬")
    click(browser, "#rating-form button[type=submit]")
    wait_for(browser, "#track-rate")  # back on the tracking page, with the thanks
    assert "感谢" in browser.find_element("tag name", "main").text
    rating = Rating.objects.get(case=case)
    assert (rating.score, rating.channel, rating.reasons) == (1, "receipt", ["attitude"])
    rectification = rating.rectification
    assert rectification.jurisdiction_office == case.jurisdiction_office
    assert_no_csp_violations(browser)

    # The office that decided the case finds the rectification on its work list, and opens it.
    log_in(browser, base, "reviewer")
    browser.get(base + reverse("workflow:workbench"))
    wait_for(browser, "main", rectification.number)
    browser.get(base + reverse("workflow:case-detail", args=[rectification.number]))
    wait_for(browser, "#rectification-reply")
    assert "窗口人员态度生硬" in browser.find_element("id", "rectification-rating").text
    assert_no_csp_violations(browser)
