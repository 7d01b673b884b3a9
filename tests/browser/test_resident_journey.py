"""A resident on a phone, in headless Chromium: signs up with the SMS code (read from the outbox), applies for a
social-security card online and finds it in "my cases"; no page breaks the Content-Security-Policy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.support import WAIT, assert_no_csp_violations, wait_for
from tests.conftest import sent_code

PASSWORD = "Yellow-River-2026"


def click(driver, css: str) -> None:
    from selenium.webdriver.common.by import By

    element = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_up_apply_for_a_card_and_follow_it(phone, live_server, demo):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from accounts.models import User
    from insurance.models import Card
    from tests.factories import PersonFactory, region
    from workflow.models import Case

    person = PersonFactory(name="赵晓燕", phone="13700001111", hukou_region=region("370503001"),
                           residence_region=region("370503001"))
    base = live_server.url

    # From the login page to sign-up.
    phone.get(base + reverse("accounts:login"))
    click(phone, f"a[href='{reverse('resident:signup')}']")
    wait_for(phone, "#identify")
    phone.find_element(By.ID, "id_id_number").send_keys(person.id_number)
    phone.find_element(By.ID, "id_name").send_keys("赵晓燕")
    click(phone, "#send-code")

    # The code goes to the registered phone, shown masked; the resident types it from the SMS.
    assert wait_for(phone, "#masked-phone").text == "137****1111"
    assert person.phone not in phone.page_source
    phone.find_element(By.ID, "id_code").send_keys(sent_code(person))
    click(phone, "#verify")

    # A password, and the resident is logged in at home.
    wait_for(phone, "#password-step")
    phone.find_element(By.ID, "id_new_password1").send_keys(PASSWORD)
    phone.find_element(By.ID, "id_new_password2").send_keys(PASSWORD)
    click(phone, "#set-password")
    WebDriverWait(phone, WAIT).until(lambda d: d.current_url.endswith(reverse("portal:resident-home")))
    assert User.objects.get(person=person).username == person.id_number
    assert person.masked_id_number in phone.page_source and person.id_number not in phone.page_source
    assert_no_csp_violations(phone)

    # Apply online: the card, from the menu and the catalogue.
    wait_for(phone, ".site-nav")
    click(phone, f".site-nav a[href='{reverse('resident:apply')}']")
    wait_for(phone, "a[data-code='insurance.card_apply']")
    click(phone, "a[data-code='insurance.card_apply']")
    wait_for(phone, "#application")
    assert "身份证" in phone.find_element(By.TAG_NAME, "main").text  # the materials are listed
    assert "alert-error" not in phone.find_element(By.ID, "checks").get_attribute("innerHTML")
    Select(phone.find_element(By.ID, "id_f-hall")).select_by_value("HALL-370503")
    click(phone, "#submit-application")

    # The confirmation: tracking code, receipt, my cases.
    tracking = wait_for(phone, "#tracking-code").text
    case = Case.objects.get(person=person)
    assert tracking == case.formatted_tracking_code and case.channel == "online"
    assert Card.objects.get(person=person).hall.code == "HALL-370503"
    assert phone.find_element(By.ID, "receipt-link").get_attribute("href").endswith(
        reverse("receipts:receipt", args=[case.number]))
    assert_no_csp_violations(phone)

    # My cases lists it; its page shows the stage and the timeline.
    click(phone, "#my-cases")
    wait_for(phone, "#case-list", case.number)
    assert case.service.name_zh in phone.find_element(By.ID, "case-list").text
    click(phone, f"#case-list a[href='{reverse('resident:case-detail', args=[case.number])}']")
    wait_for(phone, "#timeline")
    assert wait_for(phone, "#case-number").text == case.number
    # Nothing overflows the phone's width.
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1;")
    assert_no_csp_violations(phone)
