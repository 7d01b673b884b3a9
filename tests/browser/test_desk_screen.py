"""What the clerk sees at the desk, on a counter PC's screen: after identifying, the person's facts stay in view
(nothing scrolls them under the sticky window bar); a business form opens without checks or errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.support import assert_no_csp_violations, log_in, start_chromium, wait_for

# Where an element's centre is, and whether it is inside the viewport below the window bar and not covered.
IN_VIEW = """
const el = arguments[0], bar = document.querySelector('.window-bar').getBoundingClientRect();
const r = el.getBoundingClientRect(), x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
const hit = document.elementFromPoint(x, y);
return {top: r.top, bottom: r.bottom, barBottom: bar.bottom, height: window.innerHeight,
        uncovered: hit !== null && (hit === el || el.contains(hit))};
"""


@pytest.fixture
def counter_screen(request):
    """A counter PC's screen (1366 x 768), where the window bar and the business column take most room."""
    from tests.browser.conftest import _keep_evidence

    driver = start_chromium(width=1366, height=768)
    yield driver
    _keep_evidence(request, driver)
    driver.quit()


def _facts(driver, person):
    from selenium.webdriver.common.by import By

    subject = driver.find_element(By.ID, "subject")
    facts = {"name": subject.find_element(By.TAG_NAME, "h1")}
    for dd in subject.find_elements(By.CSS_SELECTOR, "dd"):
        if dd.text == person.masked_id_number:
            facts["number"] = dd
        elif dd.text == person.masked_phone:
            facts["phone"] = dd
    assert set(facts) == {"name", "number", "phone"}, facts
    return facts


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_after_identifying_the_persons_facts_stay_in_view(counter_screen, live_server, demo):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    from accounts.models import Office
    from counter.services import ticket_issue, windows_ensure
    from tests.factories import PersonFactory, region

    browser = counter_screen
    hall = Office.objects.get(code="HALL-370523")  # 广饶县
    windows_ensure(hall=hall, count=5)
    ticket_issue(hall=hall)
    person = PersonFactory(hukou_region=region("370523001"), residence_region=region("370523001"),
                           phone="13812345678")

    log_in(browser, live_server.url, "clerk")
    Select(browser.find_element(By.ID, "id_window")).select_by_value(str(hall.windows.get(number=2).pk))
    browser.find_element(By.ID, "open-window").click()
    wait_for(browser, "#call-next").click()
    wait_for(browser, "#current-ticket")  # the window bar at its tallest: a ticket and its buttons
    browser.find_element(By.ID, "id_number").send_keys(person.id_number + Keys.ENTER)
    wait_for(browser, "#subject", person.name)

    for what, element in _facts(browser, person).items():
        seen = browser.execute_script(IN_VIEW, element)
        assert seen["uncovered"] and seen["barBottom"] <= seen["top"] and seen["bottom"] <= seen["height"], (
            what, seen)
    # The first useful control has the focus: the clerk types the business straight away.
    assert browser.execute_script("return document.activeElement.id") == "catalogue-q"
    # A scanner that reads the next applicant's identity card there still identifies them.
    following = PersonFactory(hukou_region=region("370523001"), residence_region=region("370523001"))
    browser.switch_to.active_element.send_keys(following.id_number + Keys.ENTER)
    wait_for(browser, "#subject", following.name)
    assert_no_csp_violations(browser)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_business_form_opens_without_errors_and_checks_on_request(browser, live_server, demo):
    from selenium.webdriver.common.by import By

    from tests.factories import PersonFactory, region

    person = PersonFactory(hukou_region=region("370523001"), residence_region=region("370523001"))
    log_in(browser, live_server.url, "clerk")
    browser.get(live_server.url + reverse("counter:desk-service",
                                          args=["person", person.pk, "insurance.reimbursement"]))
    form = wait_for(browser, "#application")
    assert not browser.find_elements(By.CSS_SELECTOR, ".has-error, .errorlist, .alert-error, #checks")
    assert "必填" not in form.text and "不符合" not in form.text
    first_field = "return document.activeElement.closest('#application .field') !== null && window.scrollY === 0"
    assert browser.execute_script(first_field)  # the clerk types straight into the form
    browser.find_element(By.ID, "run-checks").click()  # the clerk asks
    wait_for(browser, "#checks")
    assert browser.find_elements(By.CSS_SELECTOR, ".field.has-error .errorlist")
    assert browser.execute_script("return document.activeElement.closest('.field.has-error') !== null")
    assert "申请信息完整有效" not in browser.find_element(By.ID, "checks").text
    assert_no_csp_violations(browser)
