"""One source for the statutory retirement age: the bureau's editable RetirementAgeRule table feeds the desk's
retirement-near prompt, the retirement approval's checks and employment's working age alike."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from freezegun import freeze_time

from insurance.models import CarriedOverRecord, RetirementAgeRule
from tests.factories import PersonFactory
from tests.insurance.conftest import enrol
from tests.insurance.helpers import form_data
from workflow import profiles
from workflow.rules.calendar import SHANGHAI
from workflow.services import case_check

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 3, 1, 10, tzinfo=SHANGHAI)


@pytest.fixture
def worker(employer):
    """A man born 1967-01-15, insured through his employer: by the published schedule he retires at 60 years
    7 months, on 2027-08-15 (more than 90 days after NOW, so no prompt yet)."""
    person = PersonFactory(birth=date(1967, 1, 15), sex_code="M")
    enrol(person, employer)
    CarriedOverRecord.objects.create(person=person, through_month=date(2024, 12, 1), pension_months=300,
                                     average_index=D("1.0000"), account_balance=D("100000"))
    return person


def retirement_prompt(person):
    return next((c for c in profiles.prompts(person) if c.code == "insurance.retirement_near"), None)


def age_check(person, clerk, retirement_date: str):
    data = form_data("insurance.retirement", actor=clerk, person=person, retirement_date=retirement_date)
    checks = case_check(service_code="insurance.retirement", actor=clerk, channel="counter", person=person,
                        data=data)
    return next(c for c in checks if c.code == "age")


@freeze_time(NOW)
def test_editing_the_retirement_age_rule_changes_the_prompt_and_the_approval(users, worker, client):
    clerk = users["clerk"]
    assert retirement_prompt(worker) is None
    before = age_check(worker, clerk, "2027-08-15")
    assert before.passed and before.data["statutory"] == "2027-08-15"

    # The bureau caps the men's raise at 4 months (as it would after a new decision): he now retires at 60 years
    # 4 months, on 2027-05-15, within 90 days.
    rule = RetirementAgeRule.objects.get(group="male")
    rule.target_age_months = 60 * 12 + 4
    rule.save()

    prompt = retirement_prompt(worker)
    assert prompt is not None and prompt.data["date"] == "2027-05-15"
    after = age_check(worker, clerk, "2027-08-15")  # now three months after his statutory date
    assert after.data["statutory"] == "2027-05-15" and not after.passed
    assert age_check(worker, clerk, "2027-05-15").passed
    # The clerk's desk shows the prompt, with the date the approval will use.
    client.force_login(clerk)
    page = client.get(reverse("counter:desk-subject", args=["person", worker.pk])).content.decode()
    assert "2027-05-15" in page


@freeze_time(NOW)
def test_employments_working_age_reads_the_same_table(worker):
    from employment.selectors.facts import retirement_date

    assert retirement_date(person=worker) == date(2027, 8, 15)
    rule = RetirementAgeRule.objects.get(group="male")
    rule.target_age_months = 60 * 12 + 4
    rule.save()
    assert retirement_date(person=worker) == date(2027, 5, 15)
