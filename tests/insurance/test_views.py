"""The staff screens: a clerk declares an employer's month from an upload, staff confirm the payment,
cards move through production to the holder, and pages keep their query counts whatever the data."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from insurance.models import Card, Contribution, Declaration, PaymentOrder
from insurance.services import card_apply, declaration_submit
from tests.factories import EmployerFactory
from tests.insurance.conftest import rows_for, staff

pytestmark = pytest.mark.django_db


def csv_upload(persons, wages, *, header=True):
    lines = (["身份证号码,姓名,缴费工资"] if header else []) + [
        f"{p.id_number},{p.name},{w}" for p, w in zip(persons, wages, strict=True)]
    return SimpleUploadedFile("wages.csv", "\n".join(lines).encode("gb18030"), content_type="text/csv")


def xlsx_upload(persons, wages):
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "公民身份号码", "申报工资"])
    for person, wage in zip(persons, wages, strict=True):
        sheet.append([person.name, person.id_number, float(wage)])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("wages.xlsx", buffer.getvalue())


def test_a_clerk_declares_from_a_gbk_csv_then_declares_and_the_payment_is_confirmed(client, users, employer):
    persons = staff(employer, 3)
    client.force_login(users["clerk"])
    response = client.post(reverse("insurance:declaration-list"), {
        "credit_code": employer.credit_code, "month": "2026-03", "file": csv_upload(persons, [3000, 8000, 40000])})
    declaration = Declaration.objects.get(employer=employer, month=date(2026, 3, 1))
    assert response.status_code == 302 and response["Location"] == declaration.get_absolute_url()
    assert declaration.status == Declaration.Status.DRAFT
    page = client.get(declaration.get_absolute_url()).content.decode()
    assert "4573.00" in page and "22863.00" in page and persons[0].masked_id_number in page
    client.post(reverse("insurance:declaration-declare", args=[declaration.pk]))
    order = PaymentOrder.objects.get(declaration=declaration)
    client.force_login(users["head"])  # the head of 河口区's back office: the employer's district
    response = client.post(reverse("insurance:payment-confirm", args=[order.pk]),
                           {"payment_channel": "bank", "reference": "ICBC-0001"})
    assert response.status_code == 302
    assert Contribution.objects.filter(employer=employer, month=date(2026, 3, 1), status="paid").count() == 12
    again = client.post(reverse("insurance:payment-confirm", args=[order.pk]),
                        {"payment_channel": "bank", "reference": "ICBC-0001"}, follow=True)
    assert "已缴费" in again.content.decode()
    assert Contribution.objects.filter(employer=employer).count() == 12


def test_an_xlsx_with_bad_rows_shows_every_error_and_saves_nothing(client, users, employer):
    persons = staff(employer, 2)
    outsider = staff(EmployerFactory(), 1)[0]
    client.force_login(users["clerk"])
    response = client.post(reverse("insurance:declaration-list"), {
        "credit_code": employer.credit_code, "month": "2026-03",
        "file": xlsx_upload([*persons, outsider], [5000, -3, 6000])})
    assert response.status_code == 400
    body = response.content.decode()
    assert "不是有效的正数金额" in body and "未在本单位参保" in body
    assert not Declaration.objects.filter(employer=employer).exists()


def test_repeating_last_month(client, users, employer, system):
    persons = staff(employer, 2)
    declaration_submit(employer=employer, month=date(2026, 2, 1), rows=rows_for(persons, [5000, 6000]),
                       actor=system, channel="counter")
    client.force_login(users["clerk"])
    client.post(reverse("insurance:declaration-list"), {
        "credit_code": employer.credit_code, "month": "2026-03", "copy_previous": "on"})
    march = Declaration.objects.get(employer=employer, month=date(2026, 3, 1))
    assert sorted(march.lines.values_list("wage", flat=True)) == sorted(
        Declaration.objects.get(employer=employer, month=date(2026, 2, 1)).lines.values_list("wage", flat=True))


def _warm(client, user):
    """Log in and make one request first, so that one-off lookups (content types, permissions) are done."""
    client.force_login(user)
    client.get(reverse("insurance:declaration-list"))


def test_the_declaration_page_does_not_grow_in_queries_with_its_lines(client, users, system):
    _warm(client, users["clerk"])
    counts = []
    for size in (3, 30):
        employer = EmployerFactory()
        persons = staff(employer, size)
        declaration = declaration_submit(employer=employer, month=date(2026, 3, 1),
                                         rows=rows_for(persons, [6000] * size), actor=system, channel="counter")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(declaration.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_another_districts_back_office_cannot_open_a_declaration(client, users, system):
    employer = EmployerFactory(region=__import__("tests.factories", fromlist=["region"]).region("370502"))
    persons = staff(employer, 1)
    declaration = declaration_submit(employer=employer, month=date(2026, 3, 1), rows=rows_for(persons, [6000]),
                                     actor=system, channel="counter")
    client.force_login(users["reviewer"])  # 河口区
    assert client.get(declaration.get_absolute_url()).status_code == 404
    client.force_login(users["reviewer2"])  # 东营区
    assert client.get(declaration.get_absolute_url()).status_code == 200


def test_cards_from_production_to_the_holder_at_the_hall(client, users):
    from tests.factories import PersonFactory

    holders = [PersonFactory() for _ in range(2)]
    for person in holders:
        card_apply(person=person, actor=users["clerk"], hall=users["clerk"].office)
    client.force_login(users["clerk"])
    from insurance.selectors.cards import cards_waiting_for_production

    waiting = cards_waiting_for_production(hall=users["clerk"].office).count()
    response = client.post(reverse("insurance:card-batch-create"), {"count": waiting})
    batch_url = response["Location"]
    client.post(batch_url, {"hall": users["clerk"].office.pk})
    assert set(Card.objects.filter(person__in=holders).values_list("status", flat=True)) == {"ready"}
    page = client.get(reverse("insurance:card-list")).content.decode()
    assert holders[0].masked_id_number in page
    card = Card.objects.get(person=holders[0])
    client.post(reverse("insurance:card-issue", args=[card.pk]))
    card.refresh_from_db()
    assert card.status == Card.Status.ISSUED
    client.force_login(users["clerk2"])  # another hall cannot hand it over
    other = Card.objects.get(person=holders[1])
    assert client.post(reverse("insurance:card-issue", args=[other.pk])).status_code == 404


def test_person_records_page_has_a_fixed_number_of_queries(client, users, system):
    _warm(client, users["clerk"])
    counts = []
    for months in (1, 12):
        employer = EmployerFactory()
        person = staff(employer, 1, start=date(2025, 1, 1))[0]
        for m in range(1, months + 1):
            from insurance.services import payment_confirm

            declaration = declaration_submit(employer=employer, month=date(2025, m, 1),
                                             rows=rows_for([person], [7000]), actor=system, channel="counter")
            payment_confirm(order=declaration.orders.get(), actor=system)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("insurance:person-records", args=[person.pk]))
        assert response.status_code == 200 and "<svg" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_clerk_prints_a_statement_at_the_counter(client, users):
    from tests.factories import PersonFactory

    person = PersonFactory()
    client.force_login(users["clerk"])
    response = client.post(reverse("insurance:statement-issue", args=[person.pk]), {"year": 2025})
    assert response.status_code == 302 and response["Location"].endswith(".pdf")
    pdf = client.get(response["Location"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
