"""The hall in headless Chromium: a ticket at 广饶县's hall, window 2 calls it, the board shows it without a reload,
the clerk identifies a person registered in 河口区, accepts a time-limited business, prints the receipt, and the
case is in 河口区's back-office workbench."""

from __future__ import annotations

import time

import pytest
from django.urls import NoReverseMatch, reverse

from tests.browser.support import assert_no_csp_violations, log_in, wait_for

NOW_CALL = """var call = document.querySelector('.now-call');
return {code: call.querySelector('.code').textContent.trim(), window: call.querySelector('.win').textContent,
        announce: call.getAttribute('data-announce')};"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_ticket_to_back_office_workbench(browser, live_server, demo, test_services):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from accounts.models import Office
    from counter.services import hall_screen_ensure, windows_ensure
    from tests.factories import PersonFactory, region
    from workflow.models import Case

    hall = Office.objects.get(code="HALL-370523")  # 广饶县
    windows_ensure(hall=hall, count=5)
    token = hall_screen_ensure(hall=hall).token
    person = PersonFactory(hukou_region=region("370503001"), residence_region=region("370523001"))  # 河口区
    base = live_server.url

    # The display board is on before anything happens; it must update itself, never reload.
    browser.get(base + reverse("counter:board", args=[token]))
    wait_for(browser, "#board")
    browser.execute_script("window.boardNeverReloaded = true;")
    board = browser.current_window_handle

    # At the entrance: an ordinary number.
    browser.switch_to.new_window("window")
    browser.get(base + reverse("counter:dispenser", args=[token]))
    browser.find_element(By.ID, "take-ordinary").click()
    code = wait_for(browser, "#ticket-code").text
    assert code == "A001"

    # Window 2: the clerk signs in at it and calls the next number.
    log_in(browser, base, "clerk")
    assert browser.current_url.endswith(reverse("counter:desk"))
    window2 = hall.windows.get(number=2)
    # The address changes as the desk starts to load: wait for its form, not only for the address.
    Select(wait_for(browser, "#id_window")).select_by_value(str(window2.pk))
    browser.find_element(By.ID, "open-window").click()
    wait_for(browser, "#call-next").click()
    assert wait_for(browser, "#current-ticket").text == code

    # The board shows it within two seconds, without a reload, with the text to announce.
    browser.switch_to.window(board)
    wait_for(browser, ".now-call .code", code, timeout=2)
    # Read in one script: the board swaps its content every few seconds, so an element found a moment ago may
    # be gone by the next WebDriver call.
    now_call = browser.execute_script(NOW_CALL)
    assert "2" in now_call["window"]
    assert now_call["announce"] == "请 A 0 0 1 号到 2 号窗口办理"
    assert browser.execute_script("return window.boardNeverReloaded === true;")
    assert_no_csp_violations(browser)

    # The clerk identifies the person (registered in 河口区) and finds the business by typing.
    browser.switch_to.window(browser.window_handles[-1])
    browser.find_element(By.ID, "id_number").send_keys(person.id_number + Keys.ENTER)
    assert person.masked_id_number in wait_for(browser, "#subject").text
    assert person.id_number not in browser.page_source
    # The board, refreshed since (every second), never shows who is being served.
    desk = browser.current_window_handle
    browser.switch_to.window(board)
    time.sleep(1.5)
    wait_for(browser, ".now-call .code")
    assert browser.execute_script(NOW_CALL)["code"] == code
    assert person.name not in browser.page_source and person.masked_name not in browser.page_source
    browser.switch_to.window(desk)
    search = browser.find_element(By.ID, "catalogue-q")
    search.send_keys("test.timed")
    search.send_keys(Keys.ENTER)

    # The business's own form, its materials, its checks before accepting; then accept.
    wait_for(browser, "#application")
    browser.find_element(By.ID, "id_f-amount").send_keys("120")
    for box in browser.find_elements(By.CSS_SELECTOR, "input[name='d-materials']"):
        box.click()
    browser.find_element(By.ID, "run-checks").click()
    wait_for(browser, "#checks")
    assert "alert-error" not in browser.find_element(By.ID, "checks").get_attribute("innerHTML")
    browser.find_element(By.ID, "accept").click()
    number = wait_for(browser, "#case-number").text
    assert_no_csp_violations(browser)
    assert "河口区" in browser.find_element(By.ID, "deciding-office").text
    case = Case.objects.get(number=number)
    assert (case.status, case.accepted_office.code, case.jurisdiction_office.code) == (
        "routed", "HALL-370523", "BACK-370503")

    # The receipt prints from the desk.
    try:
        reverse("receipts:receipt", kwargs={"number": number})
    except NoReverseMatch:
        pytest.fail("receipts:receipt (the workflow's receipt page) is not installed yet")
    browser.find_element(By.ID, "print-receipt").click()
    # The receipt page itself (the desk shows the code too): its title and the code under the barcode.
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith(reverse("receipts:receipt", args=[number])))
    assert case.formatted_tracking_code in wait_for(browser, ".receipt-code").text
    assert browser.find_elements(By.CSS_SELECTOR, ".receipt-tracking svg")

    # 河口区's back office finds it in its workbench.
    try:
        workbench = reverse("workflow:workbench")
    except NoReverseMatch:
        pytest.fail("workflow:workbench (the back office's workbench) is not installed yet")
    log_in(browser, base, "reviewer")
    browser.get(base + workbench)
    wait_for(browser, "body", number)
