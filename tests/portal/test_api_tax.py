"""Tax: collected payment orders and flexible-employment payments become paid contributions, per row, once,
and the fraud check hears of them."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.api_clients import api_client_create
from accounts.models import ApiScope
from insurance.models import Contribution, PaymentOrder
from insurance.rules.months import add_months, month_start
from insurance.signals import contributions_recorded
from tests.factories import EmployerFactory, PersonFactory

pytestmark = pytest.mark.django_db
ORDERS = "/api/v1/tax/order-collections"
FLEXIBLE = "/api/v1/tax/flexible-collections"


@pytest.fixture
def tax():
    client, raw = api_client_create(name="国家税务总局东营市税务局", department="税务", scopes=[ApiScope.TAX])
    return client, raw


def post(client, url, body, token):
    return client.post(url, json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Bearer {token}"})


def this_month():
    return month_start(timezone.localdate())


def now_text() -> str:
    return timezone.localtime().replace(microsecond=0).isoformat()


def declared_order(person=None, *, employer=None, month=None) -> PaymentOrder:
    """An employer declares a month for one employee through insurance's own services; the order awaits payment."""
    from accounts.services import system_user
    from insurance.services import declaration_submit, enrolment_start
    from insurance.services.uploads import WageRow

    actor = system_user()
    person = person or PersonFactory()
    employer = employer or EmployerFactory()
    month = month or add_months(this_month(), -1)
    enrolment_start(actor=actor, person=person, employer=employer, types=["pension", "unemployment"],
                    started_on=month)
    declaration = declaration_submit(employer=employer, month=month, actor=actor, channel="online",
                                     rows=[WageRow(row=1, id_number=person.id_number, name="", wage="6000")])
    return declaration.orders.get(status=PaymentOrder.Status.ISSUED)


def collection(order: PaymentOrder, **changes) -> dict:
    payer = order.employer.credit_code if order.employer_id else order.person.id_number
    row = {"order_number": order.number, "payer_code": payer, "amount": str(order.amount),
           "paid_at": now_text(), "tax_reference": f"332{order.pk:012d}"}
    return {**row, **changes}


@pytest.fixture
def signals():
    heard = []

    def receiver(sender, **kwargs):
        heard.append(kwargs)

    contributions_recorded.connect(receiver)
    yield heard
    contributions_recorded.disconnect(receiver)


def test_a_collected_order_turns_its_contributions_paid_and_is_heard(client, tax, signals):
    api, token = tax
    order = declared_order()
    answer = post(client, ORDERS, {"request_id": "tax-1", "collections": [collection(order)]}, token)
    assert answer.status_code == 200
    assert answer.json()["rows"] == [{"index": 0, "outcome": "recorded", "code": "", "message": ""}]
    order.refresh_from_db()
    assert (order.status, order.payment_channel, order.reference, order.confirmed_by) == (
        "paid", "tax", f"332{order.pk:012d}", api.user)
    paid = Contribution.objects.filter(order=order, status="paid")
    assert paid.count() == 2 and {c.insurance_type for c in paid} == {"pension", "unemployment"}
    assert len(signals) == 1 and signals[0]["source"] == "declaration"
    assert signals[0]["employer_id"] == order.employer_id


def test_the_same_collection_again_is_unchanged_and_a_contradicting_one_refused(client, tax, signals):
    _api, token = tax
    order = declared_order()
    post(client, ORDERS, {"request_id": "tax-a", "collections": [collection(order)]}, token)
    rows = post(client, ORDERS, {"request_id": "tax-b", "collections": [
        collection(order),
        collection(order, tax_reference="OTHER-VOUCHER"),
    ]}, token).json()["rows"]
    assert [r["outcome"] for r in rows] == ["unchanged", "error"]
    assert rows[1]["code"] == "already_paid"
    assert len(signals) == 1  # the contributions were heard of once
    assert Contribution.objects.filter(order=order).count() == 2


def test_bad_rows_are_refused_with_their_reason_and_never_stop_good_ones(client, tax):
    _api, token = tax
    good, wrong_amount, wrong_payer = declared_order(), declared_order(), declared_order()
    cancelled = declared_order()
    PaymentOrder.objects.filter(pk=cancelled.pk).update(status=PaymentOrder.Status.CANCELLED)
    late = (timezone.localtime() + timedelta(days=2)).replace(microsecond=0).isoformat()
    body = {"request_id": "tax-mixed", "collections": [
        collection(wrong_amount, amount=str(wrong_amount.amount + Decimal("0.01"))),
        collection(good),
        collection(wrong_payer, payer_code=good.employer.credit_code),
        collection(good, order_number="JF20990101000001"),
        collection(cancelled),
        collection(declared_order(), paid_at=late),
    ]}
    answer = post(client, ORDERS, body, token).json()
    assert [(r["outcome"], r["code"]) for r in answer["rows"]] == [
        ("error", "amount_mismatch"), ("recorded", ""), ("error", "payer_mismatch"), ("error", "unknown_order"),
        ("error", "cancelled"), ("error", "bad_time")]
    assert (answer["ok"], answer["failed"]) == (1, 5)
    assert answer["rows"][0]["message"]  # a reason a person can read
    statuses = dict(PaymentOrder.objects.filter(pk__in=[good.pk, wrong_amount.pk, wrong_payer.pk])
                    .values_list("pk", "status"))
    assert statuses == {good.pk: "paid", wrong_amount.pk: "issued", wrong_payer.pk: "issued"}
    assert not Contribution.objects.filter(order__in=[wrong_amount, wrong_payer]).exists()


def test_an_order_of_a_person_is_matched_by_identity_number(client, tax):
    from accounts.services import system_user
    from insurance.services import back_payment_record

    _api, token = tax
    person = PersonFactory()
    first = add_months(this_month(), -3)
    order = back_payment_record(person=person, employer=None, first_month=first, last_month=add_months(first, 1),
                                types=["pension"], wage=Decimal("5000"), actor=system_user())
    rows = post(client, ORDERS, {"request_id": "tax-person", "collections": [
        collection(order, payer_code=PersonFactory().id_number), collection(order)]}, token).json()["rows"]
    assert rows[0]["code"] == "payer_mismatch"
    rows = rows[1:]
    assert rows[0]["outcome"] == "recorded", rows
    assert set(Contribution.objects.filter(order=order).values_list("status", flat=True)) == {"paid"}


def flexible_person(months_ago: int = 6):
    from accounts.services import system_user
    from insurance.services import enrolment_start

    person = PersonFactory()
    enrolment_start(actor=system_user(), person=person, types=["pension", "medical"],
                    started_on=add_months(this_month(), -months_ago), base_ratio=Decimal("0.60"))
    return person


def cost_of(person, months) -> Decimal:
    """What the months cost, computed by insurance's own service in a transaction that is rolled back."""
    from accounts.services import system_user
    from insurance.services import flexible_contribution_record

    with transaction.atomic():
        flexible_contribution_record(person=person, months=months, actor=system_user())
        due = sum(Contribution.objects.filter(person=person, month__in=months, payer="flexible")
                  .values_list("individual_part", flat=True), Decimal("0"))
        transaction.set_rollback(True)
    return due


def flexible_row(person, months, amount, **changes) -> dict:
    """`months` as dates, or as the text a client sends."""
    row = {"id_number": person.id_number, "name": person.name,
           "months": [m if isinstance(m, str) else f"{m:%Y-%m}" for m in months],
           "amount": str(amount), "paid_on": f"{timezone.localdate():%Y-%m-%d}"}
    return {**row, **changes}


def test_a_flexible_payment_records_its_months_once(client, tax, signals):
    _api, token = tax
    person = flexible_person()
    months = [add_months(this_month(), -2), add_months(this_month(), -1)]
    due = cost_of(person, months)
    assert due > 0
    body = {"request_id": "flex-1", "collections": [flexible_row(person, months, due)]}
    assert post(client, FLEXIBLE, body, token).json()["rows"][0]["outcome"] == "recorded"
    rows = Contribution.objects.filter(person=person, payer="flexible")
    assert rows.count() == 4 and {r.paid_on for r in rows} == {timezone.localdate()}
    assert signals[-1]["person_ids"] == [person.pk] and signals[-1]["months"] == months
    again = post(client, FLEXIBLE, {**body, "request_id": "flex-2"}, token).json()["rows"][0]
    assert again["outcome"] == "unchanged"
    assert Contribution.objects.filter(person=person, payer="flexible").count() == 4
    overlapping = [add_months(this_month(), -1), this_month()]
    partly = post(client, FLEXIBLE, {"request_id": "flex-3", "collections": [
        flexible_row(person, overlapping, cost_of(person, [this_month()]) * 2)]}, token).json()["rows"][0]
    assert partly["code"] == "partly_recorded"


def test_a_flexible_payment_keeps_its_voucher_and_a_second_payment_of_the_months_is_refused(client, tax):
    _api, token = tax
    person = flexible_person()
    months = [add_months(this_month(), -1)]
    due = cost_of(person, months)
    row = flexible_row(person, months, due, tax_reference="333066260000012345")
    assert post(client, FLEXIBLE, {"request_id": "v-1", "collections": [row]}, token).json()["rows"][0][
        "outcome"] == "recorded"
    assert set(Contribution.objects.filter(person=person).values_list("tax_reference", flat=True)) == {
        "333066260000012345"}
    # The same voucher again (a resent notice): unchanged. The same months under another voucher: paid twice.
    same = post(client, FLEXIBLE, {"request_id": "v-2", "collections": [row]}, token).json()["rows"][0]
    assert same["outcome"] == "unchanged"
    twice = post(client, FLEXIBLE, {"request_id": "v-3", "collections": [
        {**row, "tax_reference": "333066260000099999"}]}, token).json()["rows"][0]
    assert twice["code"] == "already_paid" and "333066260000012345" in twice["message"]
    assert Contribution.objects.filter(person=person).count() == 2
    # A notice without a voucher (older senders) is still taken as before.
    later = [this_month()]
    bare = flexible_row(person, later, cost_of(person, later))
    assert post(client, FLEXIBLE, {"request_id": "v-4", "collections": [bare]}, token).json()["rows"][0][
        "outcome"] == "recorded"
    assert set(Contribution.objects.filter(person=person, month=later[0]).values_list(
        "tax_reference", flat=True)) == {""}


def test_a_flexible_payment_of_the_wrong_amount_records_nothing_and_undoes_what_listeners_did(client, tax):
    from workflow.models import OutboundMessage

    _api, token = tax
    person = flexible_person()
    months = [add_months(this_month(), -1)]
    due = cost_of(person, months)

    def listener(sender, **kwargs):  # a listener that writes, as employment's fraud check does
        OutboundMessage.objects.create(key=f"heard:{kwargs['person_ids']}", phone="13800000000", body="heard")

    contributions_recorded.connect(listener)
    try:
        rows = post(client, FLEXIBLE, {"request_id": "flex-wrong", "collections": [
            flexible_row(person, months, due - Decimal("1.00")),
            flexible_row(person, [add_months(this_month(), 1)], due),
            flexible_row(PersonFactory(), months, due),
            flexible_row(person, months, due, name="别人"),
            flexible_row(person, ["1999-12"], due),
        ]}, token).json()["rows"]
    finally:
        contributions_recorded.disconnect(listener)
    assert [r["code"] for r in rows] == ["amount_mismatch", "future_month", "not_enrolled", "name_mismatch",
                                         "invalid_month"]
    assert f"{due:.2f}" in rows[0]["message"]
    assert not Contribution.objects.filter(person=person).exists()
    assert not OutboundMessage.objects.filter(key__startswith="heard:").exists()


def test_a_malformed_month_is_refused_by_the_schema(client, tax):
    _api, token = tax
    person = flexible_person()
    body = {"request_id": "flex-bad", "collections": [flexible_row(person, ["2026-13"], "10.00")]}
    response = post(client, FLEXIBLE, body, token)
    assert response.status_code == 422 and "months" in response.json()["detail"]


def test_the_fraud_check_runs_on_contributions_the_tax_bureau_collected(client, tax, monkeypatch):
    """Employment's fraud check (its receiver of contributions_recorded) is run on what the tax bureau collected,
    in the recording transaction, for the persons, months and employer of the order."""
    import employment.services

    _api, token = tax
    person = PersonFactory()
    order = declared_order(person)
    checked = []
    real = employment.services.contributions_received

    def spy(**kwargs):
        checked.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(employment.services, "contributions_received", spy)
    post(client, ORDERS, {"request_id": "tax-fraud", "collections": [collection(order)]}, token)
    assert len(checked) == 1
    assert (checked[0]["person_ids"], checked[0]["months"], checked[0]["employer_id"], checked[0]["source"]) == (
        [person.pk], [add_months(this_month(), -1)], order.employer_id, "declaration")


def test_a_name_written_another_way_is_the_same_name(client, tax):
    """Departments write names as their systems do (spaces, full-width forms): compared as the card prints it."""
    _api, token = tax
    person = flexible_person()
    months = [add_months(this_month(), -1)]
    spaced = " ".join(person.name)
    row = flexible_row(person, months, cost_of(person, months), name=spaced)
    assert post(client, FLEXIBLE, {"request_id": "n-1", "collections": [row]}, token).json()["rows"][0][
        "outcome"] == "recorded"
