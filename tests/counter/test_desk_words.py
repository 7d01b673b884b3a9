"""The desk in Chinese: the figures the checks and prompts compute read as Chinese sentences, not English."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.services import system_user
from insurance.models import CarriedOverRecord, Pension
from insurance.services import pension_grant
from tests.factories import PersonFactory, region
from workflow.rules.calendar import SHANGHAI

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, users):
    client.force_login(users["clerk"])
    return client


@freeze_time(datetime(2026, 3, 2, 10, tzinfo=SHANGHAI))
def test_the_retirement_checks_read_in_chinese(clerk_client):
    person = PersonFactory(birth=date(1966, 1, 15), sex_code="M", hukou_region=region("370503001"))
    CarriedOverRecord.objects.create(person=person, through_month=date(2023, 12, 1), pension_months=300,
                                     average_index=D("1.0000"), account_balance=D("100000"))
    url = reverse("counter:desk-service", args=["person", person.pk, "insurance.retirement"])
    page = clerk_client.post(url, {"f-retirement_date": "2026-05-15", "d-materials": ["id_card", "file", "bank"],
                                   "action": "check"}).content.decode()
    assert "法定退休日期 2026-05-15；弹性退休可选" in page
    assert "已缴 300 个月，最低须缴 180 个月" in page
    assert "每月 2689.28 元" in page
    for english in ("Statutory date", "flexible from", " of 180 months", "yuan a month"):
        assert english not in page


def test_the_proof_of_life_prompt_reads_in_chinese(clerk_client):
    person = PersonFactory(birth=date(1960, 1, 1), sex_code="M")
    CarriedOverRecord.objects.create(person=person, through_month=date(2019, 12, 1), pension_months=300,
                                     average_index=D("1"), account_balance=D("1"))
    pension = pension_grant(person=person, actor=system_user(), retirement_date=date(2020, 1, 1), group="male")
    due = date.today() + timedelta(days=10)
    Pension.objects.filter(pk=pension.pk).update(next_proof_due=due)
    page = clerk_client.get(reverse("counter:desk-subject", args=["person", person.pk])).content.decode()
    assert f"应于 {due:%Y-%m-%d} 前认证" in page and "due " not in page
