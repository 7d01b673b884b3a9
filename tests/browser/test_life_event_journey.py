"""A resident on a phone, in headless Chromium, applies for the retirement life event (一件事一次办) online in one
form, gets one receipt for its cases, and follows all of them on the public tracking page by the receipt's code."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.support import PASSWORD, WAIT, assert_no_csp_violations, log_in, wait_for
from tests.browser.test_resident_journey import click


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_resident_applies_for_retirement_in_one_form_and_follows_every_case(phone, live_server, demo):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from accounts.services import resident_user_create
    from tests.insurance.test_bundle_retirement import retiree
    from workflow.models import Bundle, Case

    person = retiree()  # a man born 1966-01-15: statutory retirement on 2026-05-15, 25 years insured
    resident_user_create(person=person, password=PASSWORD)
    base = live_server.url
    log_in(phone, base, person.id_number)

    # The catalogue lists the life events beside the services.
    phone.get(base + reverse("resident:apply"))
    click(phone, "a[data-code='insurance.retirement_event']")
    wait_for(phone, "#application")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "退休审批" in main and "退休人员医保待遇核定" in main and "不另设养老金业务" in main
    assert len(phone.find_elements(By.NAME, "f-retirement_date")) == 1  # asked once for both services
    phone.execute_script("document.getElementById('id_f-retirement_date').value = '2026-05-15';")
    click(phone, "#submit-application")

    # One receipt: the bundle's code, and every case with its deciding office and deadline.
    code = wait_for(phone, ".receipt-code").text
    bundle = Bundle.objects.get(person=person)
    assert code == bundle.formatted_tracking_code and bundle.channel == "online"
    cases = list(Case.objects.filter(bundle_link__bundle=bundle).select_related("jurisdiction_office"))
    assert len(cases) == 2
    receipt = phone.find_element(By.TAG_NAME, "main").text
    for case in cases:
        assert case.number in receipt and case.jurisdiction_office.name in receipt
    assert_no_csp_violations(phone)

    # The public tracking page, as anyone typing the code from the receipt.
    phone.delete_all_cookies()
    phone.get(base + reverse("tracking:track"))
    phone.find_element(By.ID, "track-code").send_keys(code)
    phone.find_element(By.ID, "track-code").submit()
    WebDriverWait(phone, WAIT).until(lambda d: "/track/bundle/" in d.current_url)
    sections = phone.find_elements(By.CSS_SELECTOR, ".bundle-case")
    assert [s.get_attribute("data-case") for s in sections] == [c.number for c in
                                                                 sorted(cases, key=lambda c: c.bundle_link.position)]
    page = phone.find_element(By.TAG_NAME, "main").text
    assert "退休审批" in page and person.name not in page and person.id_number not in page
    assert_no_csp_violations(phone)
