"""Staff pages: what they show, that bad input changes nothing, and that their query counts do not grow with data;
the profile sections the desk and the resident's page load."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from employment import profiles
from employment.models import BenefitClaim, Payment, StatusPeriod
from employment.rules.months import add_months
from employment.services import employment_end, employment_register, subsidy_payment_create
from tests.conftest import en
from tests.employment.helpers import apply, approve, this_month, today, working_life
from tests.employment.test_benefits import claim_benefit
from tests.factories import EmployerFactory, PersonFactory


def count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx)


def grow_history(person, actor, n: int) -> None:
    """n employments one after another, ending before the last year."""
    start = today() - timedelta(days=30 * (2 * n + 14))
    for _ in range(n):
        employer = EmployerFactory()
        employment_register(actor=actor, person=person, employer=employer, start=start)
        employment_end(actor=actor, person=person, employer=employer, ended_on=start + timedelta(days=30),
                       reason="contract_expired")
        start += timedelta(days=60)


def test_profile_sections_load_in_a_fixed_number_of_queries(users, system):
    small, big = PersonFactory(), PersonFactory()
    grow_history(small, system, 1)
    grow_history(big, system, 12)
    for load in (profiles.status_data, profiles.benefits_data, profiles.subsidies_data, profiles.person_prompts):
        assert count_queries(lambda load=load: load(small)) == count_queries(lambda load=load: load(big))
    assert len(profiles.status_data(big)["history"]) == 12


def test_the_person_page_shows_status_history_benefit_and_prompts(client, users, person, employer, system):
    working_life(person, employer, actor=system, years=2)
    claim_benefit(users, person)
    client.force_login(users["reviewer"])
    response = en(client).get(reverse("employment:person", args=[person.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert employer.name in page and "Registered unemployed" in page and "1980.00" in page
    assert person.masked_id_number in page and person.id_number not in page
    assert 'style="' not in page


def test_the_person_page_has_a_fixed_query_count(client, users, system):
    small, big = PersonFactory(), PersonFactory()
    grow_history(small, system, 1)
    grow_history(big, system, 10)
    client.force_login(users["head"])
    url = lambda p: reverse("employment:person", args=[p.pk])  # noqa: E731
    client.get(url(small))
    assert count_queries(lambda: client.get(url(small))) == count_queries(lambda: client.get(url(big)))


def test_the_benefit_list_has_a_fixed_query_count(client, users, system):
    def recipients(n):
        for _ in range(n):
            p = PersonFactory()
            working_life(p, EmployerFactory(), actor=system, years=1)
            claim_benefit(users, p)

    client.force_login(users["head"])
    url = reverse("employment:benefit-list")
    recipients(1)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    recipients(4)
    assert count_queries(lambda: client.get(url)) == few
    assert client.get(url).content.decode().count("/employment/benefits/") >= 5


def test_recording_a_payment_result_and_refusing_bad_input(client, users, person, employer, system):
    working_life(person, employer, actor=system, years=1)
    payment = Payment.objects.get(claim__case=claim_benefit(users, person))
    client.force_login(users["head"])
    url = reverse("employment:payment-result", args=[payment.reference])
    response = client.post(url, {"status": "failed", "reason": ""})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == "pending"  # a failure needs its reason: nothing changed
    client.post(url, {"status": "failed", "reason": "账户已销户"})
    payment.refresh_from_db()
    assert (payment.status, payment.failure_reason, payment.result_by) == ("failed", "账户已销户", users["head"])
    client.post(url, {"status": "paid"})
    payment.refresh_from_db()
    assert payment.status == "paid"
    response = client.post(url, {"status": "failed", "reason": "x"}, follow=True)
    payment.refresh_from_db()
    assert payment.status == "paid"
    assert f"支付{payment.reference}已是" in response.content.decode()


def test_the_subsidy_criteria_page_shows_each_criterion_with_its_data(client, users, person, employer, system):
    working_life(person, employer, actor=system, years=2)
    claim_benefit(users, person)
    client.force_login(users["clerk"])
    response = en(client).get(reverse("employment:subsidy-criteria"),
                              {"subsidy": "startup", "number": person.id_number})
    page = response.content.decode()
    assert "Not drawing unemployment benefit" in page and "check-failed" in page
    assert "24 of 12 months paid" in page
    assert "12000.00" in page and "unverified" in page  # the rule table with its source and flag
    response = client.get(reverse("employment:subsidy-criteria"), {"subsidy": "startup", "number": "123"})
    assert response.status_code == 200 and "check-list" not in response.content.decode()


def test_the_fund_report_classifies_every_payment(client, users, person, employer, system):
    working_life(person, employer, actor=system, years=2)
    claim_benefit(users, person)
    newcomer = PersonFactory()
    case = apply("employment.subsidy_startup_training", actor=users["clerk"], person=newcomer, certificate="S-1",
                 course="SYB")
    approve(case, users["reviewer"])
    cancelled = Payment.objects.get(grant__case=case)
    extra = subsidy_payment_create(grant=cancelled.grant)
    Payment.objects.filter(pk=extra.pk).update(status="cancelled")
    client.force_login(users["head"])
    url = reverse("employment:fund-report")
    response = en(client).get(url)
    page = response.content.decode()
    report = response.context["report"]
    assert report["totals"] == {"ui_fund": Decimal("1980.00"), "employment_fund": Decimal("1000.00"),
                                "startup_fund": Decimal("0")}
    assert report["grand_total"] == Decimal("2980.00")
    assert 'class="bar fund-ui_fund"' in page and 'style="' not in page
    # The same queries whatever the months asked.
    few = count_queries(lambda: client.get(url, {"first": f"{this_month():%Y-%m}", "last": f"{this_month():%Y-%m}"}))
    many = count_queries(lambda: client.get(url, {"first": f"{add_months(this_month(), -30):%Y-%m}",
                                                  "last": f"{this_month():%Y-%m}"}))
    assert few == many


def test_a_back_office_sees_only_its_district(client, users, system):
    from tests.factories import region

    dongying = PersonFactory(hukou_region=region("370502001"), residence_region=region("370502001"))
    working_life(dongying, EmployerFactory(), actor=system, years=1)
    case = apply("employment.benefit", actor=users["clerk"], person=dongying, bank_account="6222020200112233445",
                 bank="工商银行")
    assert case.jurisdiction_office.code == "BACK-370502"
    approve(case, users["reviewer2"])
    client.force_login(users["head"])  # 河口区
    assert dongying.name not in client.get(reverse("employment:benefit-list")).content.decode()
    client.force_login(users["head2"])  # 东营区
    assert dongying.name in client.get(reverse("employment:benefit-list")).content.decode()


@pytest.mark.parametrize("url_name", ["employment:prompt-list", "employment:fraud-list"])
def test_lists_render_for_the_leadership(client, users, url_name):
    client.force_login(users["leader"])
    assert client.get(reverse(url_name)).status_code == 200


def test_status_periods_are_readable_in_the_admin_but_not_writable(client, users, person, employer, system):
    employment_register(actor=system, person=person, employer=employer, start=today())
    client.force_login(users["head"])
    period = StatusPeriod.objects.get(person=person)
    assert client.get(reverse("admin:employment_statusperiod_change", args=[period.pk])).status_code == 200
    assert client.get(reverse("admin:employment_subsidyrule_changelist")).status_code == 200
    assert client.get(reverse("admin:employment_statusperiod_add")).status_code == 403


def test_the_benefit_page_links_its_case_only_for_those_who_may_open_it(client, users, system):
    from tests.factories import region

    dongying = PersonFactory(hukou_region=region("370502001"), residence_region=region("370502001"))
    working_life(dongying, EmployerFactory(), actor=system, years=1)
    case = apply("employment.benefit", actor=users["clerk"], person=dongying, bank_account="6222020200112233445",
                 bank="工商银行")
    approve(case, users["reviewer2"])
    claim_url = reverse("employment:benefit-detail", kwargs={"pk": BenefitClaim.objects.get(case=case).pk})
    link = f'href="{case.get_absolute_url()}"'
    for name, may_open in (("clerk", True), ("reviewer2", True), ("leader", True), ("clerk2", False)):
        client.force_login(users[name])
        page = client.get(claim_url).content.decode()
        assert case.number in page
        assert (link in page) is may_open, name
        assert (client.get(case.get_absolute_url()).status_code == 200) is may_open, name
