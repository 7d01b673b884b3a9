"""My records: basic facts masked, the domain apps' sections for the person themselves, contributions by year as
a chart, the prompts that apply with the business they suggest; the same queries however long the history."""

from __future__ import annotations

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
    assert many <= 30
