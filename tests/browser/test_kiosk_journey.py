"""The kiosk in headless Chromium: a person identifies with the SMS code typed on the on-screen keypad, prints a
rights statement, walks away; the kiosk times out by itself, and afterwards no page shows anything of them, not
even through the browser's back button or a request for the statement they printed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.support import assert_no_csp_violations, wait_for
from tests.conftest import require_chromium, sent_code

# Short, yet above what a loaded machine spends between two touches: drawing a page and the accessibility check
# (axe-core) that runs on each new page before the test touches it (at 6 s, a slow check ended the session while
# the identity number was being typed).
IDLE_SECONDS = 15


def shows_nothing_of(driver, person) -> bool:
    page = driver.page_source
    return all(secret not in page for secret in (person.name, person.masked_name, person.id_number,
                                                  person.masked_id_number, "statement-frame"))


def fetch(driver, url: str) -> dict:
    """Request a URL from the kiosk's page, with its cookies, as the kiosk's own scripts would."""
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {"
        "  done({status: r.status, type: r.headers.get('content-type') || '', url: r.url}); });", url)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_kiosk_session_prints_a_statement_and_times_out_leaving_nothing_behind(browser, live_server,
                                                                                   demo, settings):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    from accounts.models import Office
    from counter.services import hall_screen_ensure
    from insurance.models import RightsStatement
    from tests.factories import PersonFactory

    require_chromium()
    settings.KIOSK_IDLE_SECONDS = IDLE_SECONDS
    hall = Office.objects.get(code="HALL-370523")
    key = hall_screen_ensure(hall=hall).token
    person = PersonFactory(name="王小红", phone="13912345678")
    home = live_server.url + reverse("kiosk:home", args=[key])
    browser.set_script_timeout(10)

    # The start page, then the identity number typed on the on-screen keypad.
    browser.get(home)
    browser.find_element(By.ID, "go-identify").click()
    wait_for(browser, ".keypad")
    for char in person.id_number:
        browser.find_element(By.CSS_SELECTOR, f'.keypad [data-key="{char}"]').click()
    assert browser.find_element(By.ID, "id_id_number").get_attribute("value") == person.id_number
    browser.find_element(By.ID, "send-code").click()

    # The code from the SMS (the outbox), on the keypad too.
    wait_for(browser, "#id_code")
    assert "139****5678" in browser.page_source
    for digit in sent_code(person):
        browser.find_element(By.CSS_SELECTOR, f'.keypad [data-key="{digit}"]').click()
    browser.find_element(By.ID, "verify-code").click()
    assert person.masked_name in wait_for(browser, "#kiosk-who").text
    assert person.id_number not in browser.page_source

    # The rights statement: issued as a kiosk case and opened for printing.
    browser.find_element(By.ID, "go-statement").click()
    wait_for(browser, ".kiosk-choices button.kiosk-btn-primary").click()
    frame = wait_for(browser, "#statement-frame")
    statement = RightsStatement.objects.get(person=person)
    pdf_url = live_server.url + reverse("kiosk:statement-pdf", args=[key, statement.code])
    assert frame.get_attribute("src") == pdf_url
    answer = fetch(browser, pdf_url)
    assert (answer["status"], answer["type"]) == (200, "application/pdf")
    assert statement.channel == "kiosk"
    assert_no_csp_violations(browser)

    # Nobody touches the screen: the kiosk returns to the start by itself, with nothing of the person on it.
    WebDriverWait(browser, IDLE_SECONDS + 10, poll_frequency=0.2).until(
        lambda d: d.current_url == home and d.find_elements(By.ID, "kiosk-notice"))
    assert shows_nothing_of(browser, person)
    assert not browser.find_elements(By.ID, "kiosk-exit")

    # The back button brings back no page of theirs: each is asked of the server again, which refuses.
    for _step in range(4):
        old_page = browser.find_element(By.TAG_NAME, "html")
        browser.execute_script("history.back();")
        WebDriverWait(browser, 5, poll_frequency=0.1).until(ec.staleness_of(old_page))  # another page now
        WebDriverWait(browser, 5, poll_frequency=0.1).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
        assert shows_nothing_of(browser, person), browser.current_url
    # Nor does the statement they printed come back.
    browser.get(home)
    answer = fetch(browser, pdf_url)
    assert answer["type"] != "application/pdf" and answer["url"] == home
    assert_no_csp_violations(browser)
