"""My records: basic facts masked, the domain apps' sections for the person themselves, contributions by year as
a chart, the prompts that apply with the business they suggest; the same queries however long the history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.resident.conftest import contributions
from workflow import profiles
from workflow.registry import Check

pytestmark = pytest.mark.django_db


@pytest.fixture
def test_prompts():
    """Prompts of the test's own: one for an online business, one for a counter/kiosk one, one suggesting nothing."""
    def provider(person):
        return [
            Check(code="t.online", label="Test prompt: apply for a card", passed=False, blocking=False,
                  suggests="insurance.card_apply"),
            Check(code="t.counter", label="Test prompt: activate the card", passed=False, blocking=False,
                  suggests="insurance.card_activate"),
            Check(code="t.plain", label="Test prompt: just so you know", passed=False, blocking=False),
        ]

    profiles.register_prompts("tests.resident", provider)
    yield
    profiles.unregister("tests.resident")


def get(client, user, name="resident:records"):
    client.force_login(user)
    return client.get(reverse(name))


def test_my_records_show_my_facts_masked_and_every_section(client, make_resident):
    user = make_resident(name="周芳")
    contributions(user.person, 3)
    response = get(client, user)
    page = response.content.decode()
    assert response.status_code == 200
    assert "周芳" in page and user.person.masked_id_number in page and user.person.id_number not in page
    assert user.person.phone not in page and user.person.masked_phone in page
    for section, _data in profiles.profile(user.person):
        assert f'id="section-{section.key}"' in page
    assert "基本养老保险" in page and "基本医疗保险" in page


def test_the_contribution_chart_has_a_bar_per_year_split_by_type(client, make_resident):
    user = make_resident()
    contributions(user.person, 3)  # 2023-2025: 12 months of pension and medical, 1,200 yuan a month each
    page = get(client, user).content.decode()
    assert page.count('class="history-year"') == 3
    assert page.count("seg seg-pension") == 3 and page.count("seg seg-medical") == 3
    assert ">28800<" in page  # a year: 12 months x (800 + 400) x 2 types
    assert "style=" not in page.split('id="history-chart"')[1].split("</figure>")[0]


def test_a_person_without_contributions_is_told_so(client, make_resident):
    page = get(client, make_resident()).content.decode()
    assert "暂无您的缴费记录" in page


def test_prompts_link_to_online_business_or_say_where_to_go(client, make_resident, test_prompts):
    user = make_resident()
    page = get(client, user).content.decode()
    assert "Test prompt: apply for a card" in page
    assert reverse("resident:apply-service", args=["insurance.card_apply"]) in page
    assert "Test prompt: activate the card" in page
    assert reverse("resident:apply-service", args=["insurance.card_activate"]) not in page
    assert "可在全市任一服务大厅或自助终端办理" in page
    assert "Test prompt: just so you know" in page


def queries(client, user, name="resident:records") -> int:
    client.force_login(user)
    client.get(reverse(name))  # the login's first request records activity in the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["resident:records", "portal:resident-home"])
def test_the_page_makes_the_same_queries_however_long_the_history(client, make_resident, test_prompts, name):
    short, long = make_resident(), make_resident()
    contributions(short.person, 1)
    contributions(long.person, 30)
    few, many = queries(client, short, name), queries(client, long, name)
    assert few == many
    # Records 18 and home 11 with the test's prompts raised (24 and 14 before the facts several rules and sections
    # ask were read once per page: issue 13), each plus whether the person is in an open labour complaint (issue 15);
    # home plus the bureau's offers waiting for the person's answer (免申即享, issue 15).
    assert many <= {"resident:records": 19, "portal:resident-home": 13}[name]


# --- What a pensioner and someone with carried-over months read (issue 11, item 17) ------------------------

def _carried_over(person, months: int, through: date):
    from insurance.models import CarriedOverRecord

    return CarriedOverRecord.objects.create(person=person, through_month=through, pension_months=months,
                                            average_index=Decimal("1.0"), account_balance=Decimal("60000"))


def _section(page: str, key: str) -> str:
    return page.split(f'id="section-{key}"')[1].split("</section>")[0]


def test_a_pensioner_reads_retired_and_paid_not_uninsured_nor_contributions_paid(client, make_resident):
    """Like the demo resident: retired in 2020 on months carried over from the former system, never enrolled
    on this platform."""
    from accounts.services import system_user
    from insurance.services import pension_grant

    user = make_resident(birth=date(1962, 4, 1), sex_code="M")
    _carried_over(user.person, 307, date(2022, 3, 1))
    pension_grant(person=user.person, actor=system_user(), retirement_date=date(2022, 4, 1), group="male")
    page = get(client, user).content.decode()
    status = _section(page, "insurance_status")
    assert "未参保" not in status and "已退休，自 2022-05 起领取基本养老金" in status
    history = page.split('id="history-h"')[1].split("</section>")[0]
    assert "暂无您的缴费记录" not in history
    assert "截至 2022-03 的养老保险缴费 307 个月由原系统转入" in history
    assert "养老保险 307 个月，截至 2022-03" in _section(page, "insurance_contributions")
    pension = _section(page, "insurance_pension")
    assert "正常发放" in pension and "已缴" not in pension


def test_a_suspended_pension_reads_suspended(client, make_resident):
    from accounts.services import system_user
    from insurance.models import Pension
    from insurance.services import pension_grant

    user = make_resident(birth=date(1962, 4, 1), sex_code="M")
    _carried_over(user.person, 307, date(2022, 3, 1))
    pension = pension_grant(person=user.person, actor=system_user(), retirement_date=date(2022, 4, 1),
                            group="male")
    Pension.objects.filter(pk=pension.pk).update(status=Pension.Status.SUSPENDED)
    page = get(client, user).content.decode()
    assert "基本养老金已暂停发放" in _section(page, "insurance_status")
    assert "暂停发放（未按期认证）" in _section(page, "insurance_pension")


def test_months_carried_over_without_monthly_rows_are_contribution_records(client, make_resident):
    user = make_resident()
    _carried_over(user.person, 96, date(2015, 6, 1))
    page = get(client, user).content.decode()
    assert "暂无您的缴费记录" not in page
    assert "截至 2015-06 的养老保险缴费 96 个月由原系统转入" in page
    status = _section(page, "insurance_status")
    assert ">未参保。" not in status and "目前未参保。已有截至 2015-06 的养老保险缴费记录 96 个月" in status


def test_a_contributor_reads_the_chart_the_carried_months_and_insured(client, make_resident):
    from accounts.services import system_user
    from insurance.services import enrolment_start

    user = make_resident()
    enrolment_start(actor=system_user(), person=user.person, types=["pension", "medical"],
                    started_on=date(2023, 1, 1))
    contributions(user.person, 3)
    _carried_over(user.person, 120, date(2022, 12, 1))
    page = get(client, user).content.decode()
    assert page.count('class="history-year"') == 3
    assert "截至 2022-12 的养老保险缴费 120 个月由原系统转入" in page
    status = _section(page, "insurance_status")
    assert "参保缴费" in status and "已退休" not in status and "未参保" not in status
    assert "养老保险累计缴费月数" in page and ">156<" in _section(page, "insurance_contributions")  # 36 + 120


def test_status_words_say_what_each_state_means():
    """Paid contributions (已缴), a pension being paid (正常发放) and a payment made to a person (已发放) are three
    meanings: each has its own English source word and its own Chinese."""
    from django.utils import translation

    from employment.models import Payment
    from insurance.models import Contribution, Pension

    with translation.override("zh-hans"):
        assert str(Contribution.Status.PAID.label) == "已缴"
        assert str(Pension.Status.ACTIVE.label) == "正常发放"
        assert str(Pension.Status.SUSPENDED.label).startswith("暂停发放")
        assert str(Payment.Status.PAID.label) == "已发放"
    assert len({str(Contribution.Status.PAID.label), str(Pension.Status.ACTIVE.label),
                str(Payment.Status.PAID.label)}) == 3


def _reads_of(captured, table: str) -> int:
    return sum(1 for q in captured.captured_queries if f'FROM "{table}"' in q["sql"])


@pytest.mark.parametrize("name", ["resident:records", "portal:resident-home"])
def test_the_card_the_pension_and_the_carried_over_record_are_read_once_per_page(client, make_resident, test_prompts,
                                                                               name):
    """A section and a prompt, or the open_to rules of three services (the prompts raised ask the catalogue), ask
    the same: the page reads it once (issue 13)."""
    user = make_resident()
    contributions(user.person, 2)
    client.force_login(user)
    client.get(reverse(name))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    for table in ("insurance_card", "insurance_pension", "insurance_carriedoverrecord"):
        assert _reads_of(captured, table) <= 1, table
