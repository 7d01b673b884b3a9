"""The monthly declaration: every row checked, idempotent submission, corrections, payment exactly once."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insurance.exceptions import InsuranceError, RowErrors
from insurance.models import Contribution, Declaration, DeclarationLine, PaymentOrder
from insurance.services import declaration_declare, declaration_submit, payment_confirm
from insurance.signals import contributions_recorded
from tests.factories import EmployerFactory, PersonFactory
from tests.insurance.conftest import enrol, rows_for, staff

pytestmark = pytest.mark.django_db
MARCH = date(2026, 3, 1)


def declare(employer, persons, wages, actor, month=MARCH, **kwargs):
    return declaration_submit(employer=employer, month=month, rows=rows_for(persons, wages), actor=actor,
                              channel="counter", **kwargs)


def test_a_declaration_clamps_bases_computes_every_part_and_issues_one_order(employer, system):
    persons = staff(employer, 3)
    declaration = declare(employer, persons, ["3000", "8765.43", "30000"], system)
    assert declaration.status == Declaration.Status.DECLARED
    bases = sorted(declaration.lines.values_list("base", flat=True))
    assert bases == [D("4573.00"), D("8765.43"), D("22863.00")]
    # Employer parts: pension 16% + medical 7% + unemployment 0.7% + work injury 0.2% (class 1), per line.
    assert declaration.employer_total == (D("731.68") + D("320.11") + D("32.01") + D("9.15")
                                          + D("1402.47") + D("613.58") + D("61.36") + D("17.53")
                                          + D("3658.08") + D("1600.41") + D("160.04") + D("45.73"))
    assert declaration.individual_total == (D("365.84") + D("91.46") + D("13.72") + D("701.23") + D("175.31")
                                            + D("26.30") + D("1829.04") + D("457.26") + D("68.59"))
    order = PaymentOrder.objects.get(declaration=declaration)
    assert order.amount == declaration.total and order.status == PaymentOrder.Status.ISSUED


def test_declaring_the_same_month_twice_doubles_nothing(employer, system):
    persons = staff(employer, 4)
    first = declare(employer, persons, [5000, 6000, 7000, 8000], system)
    again = declare(employer, persons, [5000, 6000, 7000, 8000], system)
    assert again.pk == first.pk
    assert Declaration.objects.filter(employer=employer, month=MARCH).count() == 1
    assert DeclarationLine.objects.filter(declaration__employer=employer).count() == 4
    assert PaymentOrder.objects.filter(employer=employer).count() == 1


def test_a_correction_before_payment_replaces_the_lines_and_the_order(employer, system):
    persons = staff(employer, 3)
    first = declare(employer, persons, [5000, 6000, 7000], system)
    old_order = PaymentOrder.objects.get(declaration=first)
    corrected = declare(employer, persons[:2], [5000, 9000], system)
    assert corrected.pk == first.pk and corrected.employees == 2
    assert sorted(corrected.lines.values_list("wage", flat=True)) == [D("5000.00"), D("9000.00")]
    old_order.refresh_from_db()
    assert old_order.status == PaymentOrder.Status.CANCELLED
    live = PaymentOrder.objects.get(declaration=corrected, status=PaymentOrder.Status.ISSUED)
    assert live.amount == corrected.total
    with pytest.raises(InsuranceError) as exc:
        payment_confirm(order=old_order, actor=system)
    assert exc.value.code == "cancelled"


def test_paying_turns_the_lines_into_paid_contributions_and_paying_twice_is_refused(employer, system):
    persons = staff(employer, 3)
    declaration = declare(employer, persons, [5000, 6000, 7000], system)
    order = declaration.orders.get()
    sent = []

    def receiver(sender, **kwargs):
        sent.append(kwargs)

    contributions_recorded.connect(receiver)
    try:
        payment_confirm(order=order, actor=system, channel="bank", reference="BANK-1")
        with pytest.raises(InsuranceError) as exc:
            payment_confirm(order=order, actor=system)
    finally:
        contributions_recorded.disconnect(receiver)
    assert exc.value.code == "already_paid"
    rows = Contribution.objects.filter(employer=employer, month=MARCH)
    assert rows.count() == 12 and set(rows.values_list("status", flat=True)) == {"paid"}
    assert sum(r.employer_part + r.individual_part for r in rows) == declaration.total
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.PAID
    assert len(sent) == 1 and sorted(sent[0]["person_ids"]) == sorted(p.pk for p in persons)
    assert sent[0]["months"] == [MARCH] and sent[0]["employer_id"] == employer.pk


def test_after_payment_a_new_declaration_of_the_month_is_refused(employer, system):
    persons = staff(employer, 2)
    declaration = declare(employer, persons, [5000, 6000], system)
    payment_confirm(order=declaration.orders.get(), actor=system)
    with pytest.raises(InsuranceError) as exc:
        declare(employer, persons, [5000, 7000], system)
    assert exc.value.code == "paid"
    assert Contribution.objects.filter(employer=employer).count() == 8


def test_every_bad_row_is_reported_and_nothing_is_saved(employer, system):
    from insurance.services.uploads import WageRow

    insured = staff(employer, 2)
    stranger = PersonFactory()
    rows = [
        *rows_for(insured, [5000, "abc"]),
        WageRow(row=3, id_number="370502199002301234", name="", wage="5000"),  # impossible birth date
        WageRow(row=4, id_number=stranger.id_number, name="", wage="5000"),  # not insured here
        WageRow(row=5, id_number=insured[0].id_number, name="", wage="6000"),  # listed twice
        WageRow(row=6, id_number=insured[1].id_number, name="别人", wage="6000"),  # name mismatch
        WageRow(row=7, id_number="110101199003077777", name="", wage="5000"),  # valid but unknown
    ]
    with pytest.raises(RowErrors) as exc:
        declaration_submit(employer=employer, month=MARCH, rows=rows, actor=system, channel="counter")
    assert [row for row, _message in exc.value.errors] == [2, 3, 4, 5, 6, 7]
    assert not Declaration.objects.filter(employer=employer).exists()


def test_a_person_declared_by_the_previous_employer_for_the_month_is_refused(employer, system):
    from insurance.services import enrolment_end

    previous = EmployerFactory()
    person = staff(previous, 1)[0]
    enrolment_end(actor=system, person=person, employer=previous, ended_on=date(2026, 3, 15), reason="left")
    enrol(person, employer, start=MARCH)
    declare(previous, [person], [5000], system)
    with pytest.raises(RowErrors) as exc:
        declare(employer, [person], [5000], system)
    assert previous.name in exc.value.errors[0][1]


def test_a_draft_is_declared_once(employer, system):
    persons = staff(employer, 2)
    draft = declare(employer, persons, [5000, 6000], system, declare=False)
    assert draft.status == Declaration.Status.DRAFT and not draft.orders.exists()
    declaration_declare(declaration=draft, actor=system)
    declaration_declare(declaration=draft, actor=system)
    assert PaymentOrder.objects.filter(declaration=draft).count() == 1


def test_the_query_count_of_declaring_and_paying_does_not_grow_with_the_employees(system):
    """Bulk, not per employee (sizes kept within one SQLite insert batch; the benchmark shows 5,000)."""
    counts = []
    for size in (2, 3, 15):
        employer = EmployerFactory()
        persons = staff(employer, size)
        with CaptureQueriesContext(connection) as declared:
            declaration = declare(employer, persons, [6000 + i for i in range(size)], system)
        with CaptureQueriesContext(connection) as paid:
            payment_confirm(order=declaration.orders.get(), actor=system)
        counts.append((len(declared), len(paid)))
    assert counts[1] == counts[2], counts  # the first run also creates the day's order sequence


def test_an_employee_who_left_mid_month_is_still_declared_that_month(employer, system):
    from insurance.services import enrolment_end

    person = staff(employer, 1)[0]
    enrolment_end(actor=system, person=person, employer=employer, ended_on=date(2026, 3, 15), reason="left")
    assert declare(employer, [person], [5000], system).employees == 1
    with pytest.raises(RowErrors):
        declare(employer, [person], [5000], system, month=date(2026, 4, 1))
