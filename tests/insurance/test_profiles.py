"""Insurance's sections and prompts on a person's whole picture: fixed query counts, the right prompts."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.template.loader import render_to_string

from insurance.models import CarriedOverRecord, Pension
from insurance.services import (
    card_apply,
    card_batch_create,
    card_batch_deliver,
    declaration_submit,
    payment_confirm,
    pension_grant,
)
from tests.factories import PersonFactory
from tests.insurance.conftest import rows_for, staff
from workflow import profiles

pytestmark = pytest.mark.django_db


def test_every_section_loads_in_a_fixed_number_of_queries_and_renders(employer, system, django_assert_num_queries):
    sections = [s for s in profiles.sections_for("person") if s.key.startswith("insurance_")]
    assert [s.key for s in sections] == ["insurance_status", "insurance_contributions", "insurance_card",
                                         "insurance_pension"]
    light = PersonFactory()
    heavy = staff(employer, 1, start=date(2025, 1, 1))[0]
    for month in range(1, 7):
        declaration = declaration_submit(employer=employer, month=date(2025, month, 1),
                                         rows=rows_for([heavy], [6000]), actor=system, channel="counter")
        payment_confirm(order=declaration.orders.get(), actor=system)
    for section in sections:
        counts = []
        for person in (light, heavy):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                data = section.load(person)
            counts.append(len(queries))
            html = render_to_string(section.template, {"data": data, "subject": person, "audience": "staff"})
            assert html.strip()
        assert counts[0] == counts[1] <= 2, (section.key, counts)


def test_prompts_card_ready_proof_due_owed_and_retirement_near(employer, system, users):
    person = PersonFactory(phone="13700000011")
    card_apply(person=person, actor=system, hall=users["clerk"].office)
    card_batch_deliver(batch=card_batch_create(actor=system, hall=users["clerk"].office), actor=system,
                       hall=users["clerk"].office)
    codes = {c.code: c for c in profiles.prompts(person)}
    assert "insurance.card_ready" in codes and codes["insurance.card_ready"].detail == users["clerk"].office.name

    retiree = PersonFactory(birth=date(1960, 1, 1), sex_code="M")
    CarriedOverRecord.objects.create(person=retiree, through_month=date(2019, 12, 1), pension_months=300,
                                     average_index=D("1"), account_balance=D("1"))
    pension = pension_grant(person=retiree, actor=system, retirement_date=date(2020, 1, 1), group="male")
    Pension.objects.filter(pk=pension.pk).update(next_proof_due=date.today() + timedelta(days=10))
    prompt = next(c for c in profiles.prompts(retiree) if c.code == "insurance.proof_due")
    assert prompt.suggests == "insurance.proof_of_life" and not prompt.blocking

    near = staff(employer, 1, birth=date.today().replace(year=date.today().year - 60) - timedelta(days=400),
                 sex_code="M")[0]
    assert "insurance.retirement_near" in {c.code for c in profiles.prompts(near)}
    assert "insurance.retirement_near" not in {c.code for c in profiles.prompts(PersonFactory())}


def test_the_owed_prompt_after_a_back_payment(employer, system):
    from insurance.services import back_payment_record

    person = staff(employer, 1, start=date(2025, 6, 1))[0]
    assert "insurance.owed" not in {c.code for c in profiles.prompts(person)}
    back_payment_record(person=person, employer=employer, first_month=date(2025, 3, 1), last_month=date(2025, 5, 1),
                        types=["pension"], wage=D("5000"), actor=system)
    owed = next(c for c in profiles.prompts(person) if c.code == "insurance.owed")
    assert owed.data["months"] == 3


def test_the_employer_section_shows_its_staff_and_their_cards(employer, system, django_assert_num_queries):
    persons = staff(employer, 3)
    card_apply(person=persons[0], actor=system)
    card_apply(person=persons[1], actor=system)
    declaration_submit(employer=employer, month=date(2026, 3, 1), rows=rows_for(persons, [5000] * 3), actor=system,
                       channel="counter")
    section = next(s for s in profiles.sections_for("employer") if s.key == "insurance_employer")
    with django_assert_num_queries(4):
        data = section.load(employer)
    assert (data["insured"], data["unpaid_orders"]) == (3, 1)
    assert [(str(label), n) for label, n in data["cards"]] == [("已申领", 2)]
    html = render_to_string(section.template, {"data": data, "subject": employer, "audience": "employer"})
    assert "已申领 2" in html
