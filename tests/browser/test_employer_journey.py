"""The employer online in headless Chromium: the administrator registers a new hire in one form (employment and
insurance together), then declares the month from an uploaded wage list: a file with a bad row is reported row by
row and nothing is saved; the corrected file becomes a draft, confirmed into a payment order. On a phone-sized
screen the pages fit, and the strict CSP refuses nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.support import (
    WAIT,
    assert_no_csp_violations,
    log_in,
    wait_for,
)


def _set(driver, element, value: str) -> None:
    """Date and month inputs: typing depends on the browser's locale, so set the value as the form sends it."""
    driver.execute_script("arguments[0].value = arguments[1];", element, value)


def _fits_the_screen(driver) -> bool:
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1;")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_new_hire_then_a_month_declared_from_an_uploaded_file(browser, live_server, demo, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from employment.models import StatusPeriod
    from insurance.models import Declaration, Enrolment, PaymentOrder
    from tests.employer_online.helpers import employer_with_logins, this_month, today
    from tests.factories import PersonFactory

    employer, admin, _staff = employer_with_logins()
    person = PersonFactory()
    base = live_server.url
    month = f"{this_month():%Y-%m}"

    # A phone: the administrator logs in and lands on the employer's home page.
    browser.set_window_size(390, 844)
    log_in(browser, base, admin.username)
    assert browser.current_url.endswith(reverse("portal:employer-home"))
    assert employer.name in wait_for(browser, "h1").text
    assert _fits_the_screen(browser)

    # The new hire: one form for employment and insurance.
    browser.find_element(By.ID, "go-new-hire").click()
    wait_for(browser, "#new-hire-form")
    browser.find_element(By.ID, "id_id_number").send_keys(person.id_number)
    browser.find_element(By.ID, "id_name").send_keys(person.name)
    _set(browser, browser.find_element(By.ID, "id_start"), today().isoformat())
    Select(browser.find_element(By.ID, "id_contract")).select_by_value("open_ended")
    browser.find_element(By.ID, "id_position").send_keys("焊工")
    browser.find_element(By.ID, "id_wage").send_keys("6800")
    assert len(browser.find_elements(By.CSS_SELECTOR, "input[name=types]:checked")) == 4
    assert _fits_the_screen(browser)
    browser.find_element(By.ID, "register-hire").click()
    wait_for(browser, ".messages .success")
    assert person.masked_id_number in browser.page_source and person.id_number not in browser.page_source
    assert StatusPeriod.objects.filter(person=person, employer=employer, ended_on__isnull=True).exists()
    assert Enrolment.objects.filter(person=person, employer=employer, status="active").count() == 4
    assert_no_csp_violations(browser)

    # The month from a file with a bad row: every row is reported, nothing is saved.
    browser.set_window_size(1280, 900)
    bad = tmp_path / "wages-bad.csv"
    bad.write_text(f"身份证号码,姓名,缴费工资\n{person.id_number},{person.name},6800\n370503199001011234,某人,6000\n",
                   encoding="utf-8")
    browser.get(base + reverse("employer:declaration-upload"))
    _set(browser, browser.find_element(By.ID, "id_month"), month)
    browser.find_element(By.ID, "id_file").send_keys(str(bad))
    browser.find_element(By.ID, "check-file").click()
    errors = wait_for(browser, "#row-errors")
    assert "3" in errors.find_element(By.CSS_SELECTOR, "tbody td").text
    assert not Declaration.objects.filter(employer=employer).exists()

    # The corrected file: a draft with its totals, then the declaration and its payment order.
    good = tmp_path / "wages.csv"
    good.write_text(f"身份证号码,姓名,缴费工资\n{person.id_number},{person.name},6800\n", encoding="utf-8")
    _set(browser, browser.find_element(By.ID, "id_month"), month)
    browser.find_element(By.ID, "id_file").send_keys(str(good))
    browser.find_element(By.ID, "check-file").click()
    confirm = wait_for(browser, "#confirm-declaration")
    confirm.click()
    WebDriverWait(browser, WAIT).until(ec.staleness_of(confirm))  # the draft page had a success message too
    wait_for(browser, ".messages .success")
    declaration = Declaration.objects.get(employer=employer, month=this_month())
    order = PaymentOrder.objects.get(declaration=declaration)
    assert (declaration.status, declaration.channel, declaration.employees) == ("declared", "online", 1)
    assert order.number in browser.find_element(By.ID, "decl-order").find_element(By.XPATH, "..").text
    assert str(declaration.total) in browser.find_element(By.ID, "declaration-total").text
    assert_no_csp_violations(browser)
