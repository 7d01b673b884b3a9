"""Employment's life events (一件事一次办): unemployment (registration + benefit, the benefit seeing the
registration made a moment before) and starting a business (employment + insurance services in one)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from employment.rules.months import add_months
from employment.services import employment_end, employment_register
from tests.employment.helpers import pay, this_month, today
from tests.factories import EmployerFactory
from workflow.exceptions import BundleBlocked
from workflow.models import Bundle, Case
from workflow.services.bundles import bundle_accept

ACCOUNT = "6222020200112233445"


def _laid_off(person, employer, system, months=20):
    employment_register(actor=system, person=person, employer=employer, start=today() - timedelta(days=800))
    employment_end(actor=system, person=person, employer=employer, ended_on=today() - timedelta(days=40),
                   reason="dismissed")
    pay(person, add_months(this_month(), -24), months, employer=employer)


def _unemployment(users, person, **data):
    return bundle_accept(bundle_code="employment.unemployment_event", actor=users["clerk"], channel="counter",
                         person=person, data={"registered_on": today().isoformat(), "situation": "separated",
                                              "wanted_work": "电工", "wants_work": True, "bank_account": ACCOUNT,
                                              "bank": "工商银行", **data})


def test_unemployment_registers_at_once_and_routes_the_benefit_in_one_submission(users, person, employer, system):
    _laid_off(person, employer, system)
    bundle = _unemployment(users, person)
    registration, benefit = Case.objects.filter(bundle_link__bundle=bundle).order_by("bundle_link__position")
    assert registration.service.code == "employment.unemployment_registration"
    assert registration.status == "completed" and registration.data["wanted_work"] == "电工"
    assert benefit.service.code == "employment.benefit" and benefit.status == "routed"
    assert benefit.jurisdiction_office.code == "BACK-370503"
    assert benefit.data == {"bank_account": ACCOUNT, "bank": "工商银行"}  # each service gets its own fields


def test_a_blocked_benefit_undoes_the_registration_too(users, person, employer, system):
    _laid_off(person, employer, system, months=11)
    before = Case.objects.count()
    with pytest.raises(BundleBlocked) as exc:
        _unemployment(users, person)
    assert [name for name, _reasons in exc.value.problems] == ["Unemployment benefit application"]
    assert "11" in " ".join(exc.value.problems[0][1])  # months paid, of the 12 needed
    assert Case.objects.count() == before and not Bundle.objects.exists()


def test_starting_a_business_mixes_employment_and_insurance_each_to_its_office(users, person, employer, system):
    pay(person, add_months(this_month(), -24), 12, employer=employer)  # the start-up subsidy's 12 insured months
    business = EmployerFactory(legal_representative=person.name)
    bundle = bundle_accept(
        bundle_code="employment.business_event", actor=users["clerk"], channel="counter", person=person,
        data={"started_on": today().isoformat(), "occupation": "餐饮", "business": business.credit_code,
              "certificate": "SYB2026-0001", "course": "SYB 创业培训", "types": ["pension", "medical"],
              "base_ratio": "0.60"})
    cases = list(Case.objects.filter(bundle_link__bundle=bundle).order_by("bundle_link__position")
                 .select_related("service", "jurisdiction_office"))
    assert [c.service.code for c in cases] == ["employment.flexible_registration", "employment.subsidy_startup",
                                                "employment.subsidy_startup_training", "insurance.enrol_flexible"]
    assert cases[0].data["form_of_work"] == "self_employed"  # fixed by the life event, not asked
    assert [c.status for c in cases] == ["completed", "routed", "routed", "completed"]
    assert {c.jurisdiction_office.code for c in cases if c.status == "routed"} == {"BACK-370503"}
