"""A resident near retirement, in headless Chromium: the bureau's daily run opened their retirement approval 3
months ahead; at home they read what was found and why, confirm in one step, and the case is with the back office
with its deadline; no page breaks the Content-Security-Policy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.browser.support import WAIT, assert_no_csp_violations, log_in, wait_for

PASSWORD = "Yellow-River-2026"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_resident_confirms_the_retirement_case_the_bureau_opened(browser, live_server, demo):
    from django.utils import timezone
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from accounts.services import resident_user_create
    from insurance.models import CarriedOverRecord
    from insurance.rules.months import add_months
    from insurance.rules.retirement import births_retiring_between
    from insurance.selectors.reference import age_schedule
    from tests.factories import PersonFactory, region
    from workflow.models import ProactiveOffer
    from workflow.rules.states import Status
    from workflow.services.proactive import proactive_run

    today = timezone.localdate()
    births = births_retiring_between(add_months(today, 2), add_months(today, 3), age_schedule("male"))
    person = PersonFactory(name="王建国", birth=births[0], sex_code="M", phone="13700002222",
                           hukou_region=region("370503001"), residence_region=region("370503001"))
    CarriedOverRecord.objects.create(person=person, through_month=date(2023, 12, 1), pension_months=400,
                                     average_index=Decimal("1.0000"), account_balance=Decimal("120000"))
    user = resident_user_create(person=person, password=PASSWORD)
    assert proactive_run().offered >= 1
    offer = ProactiveOffer.objects.get(person=person)

    log_in(browser, live_server.url, user.username, PASSWORD)
    browser.get(live_server.url + reverse("portal:resident-home"))
    card = wait_for(browser, f"#offer-{offer.pk}")
    assert "退休审批" in card.text and "法定退休年龄" in card.text and "400" in card.text  # what and why, in words
    assert_no_csp_violations(browser)
    button = browser.find_element(By.ID, f"offer-{offer.pk}-confirm")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()
    WebDriverWait(browser, WAIT).until(
        lambda d: d.current_url.endswith(reverse("resident:case-detail", args=[offer.case.number])))
    assert "已确认" in browser.find_element(By.TAG_NAME, "main").text
    offer.refresh_from_db()
    offer.case.refresh_from_db()
    assert offer.status == "confirmed" and offer.case.status == Status.ROUTED and offer.case.deadline is not None
    assert_no_csp_violations(browser)
