"""Employment-difficulty determination, flexible employment's own check of it, and the prompts raised when a
person's status changes (流程驱动): shown at the desk and on the resident's page, gone once acted on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from employment.models import DifficultyDetermination, Prompt
from employment.profiles import person_prompts
from employment.services import employment_register, prompts_sweep, unemployment_register
from tests.employment.helpers import apply, approve, born_years_ago, today, working_life
from tests.factories import EmployerFactory, PersonFactory
from workflow import profiles
from workflow.exceptions import NotEligible


def open_rules(person) -> set[str]:
    return set(Prompt.objects.filter(person=person, resolved_at__isnull=True).values_list("rule", flat=True))


def test_determination_end_to_end(users, system):
    person = PersonFactory(birth=born_years_ago(45))
    from accounts.services import person_set_household_facts

    person, _changed = person_set_household_facts(actor=system, person=person, disabled=True, source="残联")
    case = apply("employment.difficulty", actor=users["clerk"], person=person, declared=["single_parent"])
    assert case.status == "routed" and case.jurisdiction_office.code == "BACK-370503"
    checks = {c["code"]: c for c in case.checks}
    assert checks["category_disabled"]["passed"]
    assert checks["declared_single_parent"]["blocking"] is False
    assert checks["a_category_applies"]["data"]["matched"] == ["disabled"]
    approve(case, users["reviewer"])
    determination = DifficultyDetermination.objects.get(person=person)
    assert determination.categories == ["disabled", "single_parent"]
    assert (determination.valid_from, determination.case) == (today(), case)
    assert {e["code"] for e in determination.evidence} >= {"category_disabled", "a_category_applies"}


def test_a_determination_needs_a_category(users, person):
    with pytest.raises(NotEligible) as exc:
        apply("employment.difficulty", actor=users["clerk"], person=person)
    failed = {c.code: c for c in exc.value.errors}
    assert list(failed) == ["a_category_applies"]
    assert set(failed["a_category_applies"].data["not_matched"]) == {
        "older_unemployed", "long_term_unemployed", "disabled", "low_income_household", "zero_employment_household"}


def test_flexible_registration_checks_by_itself_and_prompts_the_clerk(users, system):
    """The seed's example: registering flexible employment, the system itself sees that the person may be an
    employment-difficulty person and tells the clerk, suggesting the determination."""
    woman = PersonFactory(birth=born_years_ago(42))
    from workflow.services import case_check

    checks = {c.code: c for c in case_check(service_code="employment.flexible_registration", actor=users["clerk"],
                                            channel="counter", person=woman,
                                            data={"started_on": today().isoformat(), "form_of_work": "platform"})}
    prompt = checks["difficulty_person"]
    assert prompt.is_prompt and prompt.suggests == "employment.difficulty"
    assert prompt.data == {"categories": ["older_unemployed"]}
    case = apply("employment.flexible_registration", actor=users["clerk"], person=woman,
                 started_on=today().isoformat(), form_of_work="platform")
    assert case.status == "completed"
    assert open_rules(woman) == {"employment.may_qualify_difficulty"}
    # Accepting the suggested business makes the prompt disappear.
    apply("employment.difficulty", actor=users["clerk"], person=woman)
    assert open_rules(woman) == set()
    assert Prompt.objects.get(person=woman).resolution == "acted_on"


def test_a_difficulty_person_in_flexible_employment_is_prompted_towards_the_subsidy(users, system):
    person = PersonFactory(birth=born_years_ago(52))
    unemployment_register(actor=system, person=person, registered_on=today() - timedelta(days=400))
    from employment.services import difficulty_determine

    difficulty_determine(actor=system, person=person)
    checks = {c["code"]: c for c in apply("employment.flexible_registration", actor=users["clerk"], person=person,
                                          started_on=today().isoformat(), form_of_work="self_employed").checks}
    assert checks["difficulty_person"]["suggests"] == "employment.subsidy_flexible_insurance"
    assert open_rules(person) == {"employment.flexible_subsidy"}
    shown = person_prompts(person)
    assert [(c.code, c.suggests, c.is_prompt) for c in shown] == [
        ("employment.flexible_subsidy", "employment.subsidy_flexible_insurance", True)]


def test_civil_affairs_facts_raise_and_withdraw_a_prompt(users, person, system):
    from accounts.services import person_set_household_facts

    unemployment_register(actor=system, person=person, registered_on=today())
    assert open_rules(person) == set()
    person_set_household_facts(actor=system, person=person, zero_employment=True, source="民政数据交换")
    assert open_rules(person) == {"employment.may_qualify_difficulty"}
    prompt = Prompt.objects.get(person=person)
    assert prompt.data == {"categories": ["zero_employment_household"]} and prompt.message
    person_set_household_facts(actor=system, person=person, zero_employment=False, source="民政数据交换")
    prompt.refresh_from_db()
    assert prompt.resolution == "no_longer_holds"


def test_separation_prompts_registration_then_benefit(users, person, employer, system):
    from employment.services import employment_end

    employment_register(actor=system, person=person, employer=employer, start=today() - timedelta(days=800))
    from employment.rules.months import add_months
    from tests.employment.helpers import pay, this_month

    pay(person, add_months(this_month(), -25), 24, employer=employer)
    employment_end(actor=system, person=person, employer=employer, ended_on=today() - timedelta(days=35),
                   reason="contract_expired")
    assert open_rules(person) == {"employment.register_unemployed"}
    apply("employment.unemployment_registration", actor=users["clerk"], person=person,
          registered_on=today().isoformat(), situation="separated", wants_work="on")
    assert open_rules(person) == {"employment.may_claim_benefit"}
    assert Prompt.objects.get(rule="employment.register_unemployed").resolution == "acted_on"
    apply("employment.benefit", actor=users["clerk"], person=person, bank_account="6222020200112233445",
          bank="建设银行")
    assert open_rules(person) == set()


def test_prompts_are_in_the_persons_whole_picture(users, person, system):
    from accounts.services import person_set_household_facts

    unemployment_register(actor=system, person=person, registered_on=today())
    person_set_household_facts(actor=system, person=person, low_income=True, source="民政")
    raised = [c for c in profiles.prompts(person) if c.code.startswith("employment.")]
    assert [(c.code, c.suggests) for c in raised] == [("employment.may_qualify_difficulty", "employment.difficulty")]


def test_the_nightly_sweep_rejudges_those_whose_registration_reached_a_year(users, system):
    from freezegun import freeze_time

    person = PersonFactory(birth=born_years_ago(30))
    unemployment_register(actor=system, person=person, registered_on=today() - timedelta(days=364))
    assert open_rules(person) == set()
    with freeze_time(today() + timedelta(days=2)):
        assert prompts_sweep(today=today() + timedelta(days=2)) >= 1
    assert open_rules(person) == {"employment.may_qualify_difficulty"}


def test_an_employer_paying_without_registration_is_prompted(users, person, system):
    from employment.services import contributions_received
    from tests.employment.helpers import pay, this_month

    unemployment_register(actor=system, person=person, registered_on=today())
    employer = EmployerFactory()
    pay(person, this_month(), 1, employer=employer)
    contributions_received(person_ids=[person.pk], months=[this_month()], employer_id=employer.pk, source="tax",
                           actor=system)
    assert open_rules(person) == {"employment.unregistered_employer"}
    employment_register(actor=system, person=person, employer=employer, start=today())
    assert open_rules(person) == set()


def test_the_deceased_keep_no_prompts(users, person, system):
    from accounts.services import person_record_death, person_set_household_facts

    working_life(person, EmployerFactory(), actor=system, years=2)
    person_set_household_facts(actor=system, person=person, disabled=True)
    assert open_rules(person)
    person_record_death(actor=system, person=person, date_of_death=today())
    assert open_rules(person) == set()
