"""Sending the tax bureau what it collects: one submission per declared order however often it is confirmed,
retried after a failure and never sent twice, two dispatchers at once on PostgreSQL, over real HTTP too; and the
flexible-employment assessments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from insurance.models import TaxSubmission
from insurance.services import declaration_declare, declaration_submit, enrolment_start
from insurance.services.tax_outbox import tax_flexible_assess, tax_outbox_dispatch
from tests.concurrency import run_concurrently
from tests.factories import EmployerFactory, PersonFactory
from tests.insurance.conftest import rows_for, staff

MONTH = date(2026, 3, 1)


def _later(minutes: int = 90):
    return timezone.now() + timedelta(minutes=minutes)


@pytest.mark.django_db
def test_a_declaration_confirmed_twice_is_sent_once(system, fakes):
    _population, tax = fakes
    employer = EmployerFactory()
    rows = rows_for(staff(employer, 2), [6000, 7000])
    draft = declaration_submit(employer=employer, month=MONTH, rows=rows, actor=system, channel="online",
                               declare=False)
    assert not TaxSubmission.objects.exists()  # a draft is not sent
    declaration_declare(declaration=draft, actor=system)
    declaration_declare(declaration=draft, actor=system)
    declaration_submit(employer=employer, month=MONTH, rows=rows, actor=system, channel="online")
    submission = TaxSubmission.objects.get()
    order = draft.orders.get()
    assert (submission.key, submission.order, submission.amount, submission.month) == (
        order.number, order, order.amount, MONTH)
    assert tax_outbox_dispatch().sent == 1
    assert tax_outbox_dispatch(now=_later()).sent == 0
    assert tax.calls == 1 and list(tax.received) == [order.number]
    assert tax.received[order.number]["payer_code"] == employer.credit_code
    submission.refresh_from_db()
    assert submission.status == "sent" and submission.remote_reference.startswith("SW")


@pytest.mark.django_db
def test_changed_lines_before_sending_withdraw_the_old_order(system, fakes):
    employer = EmployerFactory()
    persons = staff(employer, 2)
    declaration_submit(employer=employer, month=MONTH, rows=rows_for(persons, [6000, 7000]), actor=system,
                       channel="online")
    declaration_submit(employer=employer, month=MONTH, rows=rows_for(persons, [6500, 7000]), actor=system,
                       channel="online")
    assert sorted(TaxSubmission.objects.values_list("status", flat=True)) == ["cancelled", "queued"]
    tax_outbox_dispatch()
    assert len(fakes[1].received) == 1


@pytest.mark.django_db
def test_sending_retries_after_a_failure_and_never_duplicates(system, fakes):
    _population, tax = fakes
    employer = EmployerFactory()
    declaration_submit(employer=employer, month=MONTH, rows=rows_for(staff(employer, 1), [6000]), actor=system,
                       channel="online")
    tax.fail_next = 1
    result = tax_outbox_dispatch()
    assert (result.sent, result.retried) == (0, 1)
    submission = TaxSubmission.objects.get()
    assert submission.status == "queued" and submission.attempts == 1 and "down" in submission.last_error
    assert tax_outbox_dispatch().sent == 0  # not due yet: backoff
    assert tax_outbox_dispatch(now=_later()).sent == 1
    assert tax_outbox_dispatch(now=_later(600)).sent == 0
    submission.refresh_from_db()
    assert submission.status == "sent" and submission.attempts == 2 and submission.last_error == ""
    assert tax.calls == 2 and len(tax.received) == 1


@pytest.mark.django_db
def test_sent_over_http_to_the_fake_tax_interface(system, fake_server, fakes, settings):
    settings.TAX_PROVIDER, settings.TAX_URL, settings.TAX_TOKEN = "http", fake_server + "/tax", "test-token"
    employer = EmployerFactory()
    declaration_submit(employer=employer, month=MONTH, rows=rows_for(staff(employer, 1), [6000]), actor=system,
                       channel="online")
    fakes[1].fail_next = 3  # the HTTP client retries at once (2 more tries), then the outbox later
    assert tax_outbox_dispatch().retried == 1
    assert tax_outbox_dispatch(now=_later()).sent == 1
    assert len(fakes[1].received) == 1 and fakes[1].calls == 4


@pytest.mark.django_db
def test_a_refusal_is_not_retried(system, fake_server, fakes, settings):
    settings.TAX_PROVIDER, settings.TAX_URL, settings.TAX_TOKEN = "http", fake_server + "/tax", "wrong-token"
    employer = EmployerFactory()
    declaration_submit(employer=employer, month=MONTH, rows=rows_for(staff(employer, 1), [6000]), actor=system,
                       channel="online")
    assert tax_outbox_dispatch().failed == 1
    assert TaxSubmission.objects.get().status == "failed"


@pytest.mark.django_db
def test_flexible_assessments_once_a_month_each(system, fakes):
    person = PersonFactory()
    enrolment_start(actor=system, person=person, types=["pension", "medical"], started_on=MONTH,
                    base_ratio=Decimal("0.60"))
    assert tax_flexible_assess(month=MONTH) == 1
    assert tax_flexible_assess(month=MONTH) == 0
    assert tax_flexible_assess(month=date(2026, 2, 1)) == 0  # before the enrolment began
    submission = TaxSubmission.objects.get()
    assert submission.kind == "flexible" and submission.key == f"LH-{person.pk}-202603" and submission.amount > 0
    tax_outbox_dispatch()
    assert fakes[1].received[submission.key]["id_number"] == person.id_number


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_once_send_each_submission_once(postgres, system, demo, fakes):
    _population, tax = fakes
    for n in range(6):
        employer = EmployerFactory()
        declaration_submit(employer=employer, month=MONTH, rows=rows_for(staff(employer, 1), [6000 + n]),
                           actor=system, channel="online")
    tax.fail_next = 1  # one of them fails once and is retried later
    outcomes = run_concurrently([lambda: tax_outbox_dispatch(), lambda: tax_outbox_dispatch()])
    assert all(kind == "ok" for kind, _result in outcomes), outcomes
    results = [result for _kind, result in outcomes]
    assert sum(r.sent for r in results) == 5 and sum(r.retried for r in results) == 1
    assert tax_outbox_dispatch(now=_later()).sent == 1
    assert len(tax.received) == 6 and tax.calls == 7
    assert set(TaxSubmission.objects.values_list("status", flat=True)) == {"sent"}
