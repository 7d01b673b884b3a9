"""The monthly declaration online: the form prefilled with the insured employees, the upload checked row by row
before anything is saved, the draft confirmed into a payment order, corrections before payment, payment status."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from insurance.models import Declaration, PaymentOrder
from tests.employer_online.helpers import hire, this_month
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff3(firm):
    """Three employees hired through the one form, at 4,000 / 6,000 / 30,000 a month."""
    return [hire(firm["admin"], wage=w).person for w in ("4000", "6000", "30000")]


def _csv(text: str, name: str = "wages.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _upload(client, file, month=None):
    return client.post(reverse("employer:declaration-upload"), {"month": f"{month or this_month():%Y-%m}",
                                                                 "file": file})


def test_the_form_lists_the_insured_employees_with_their_wages_and_saves_a_checked_draft(firm, staff3, client):
    client.force_login(firm["staff"])
    page = client.get(reverse("employer:declaration-form"))
    lines = {line.person.pk: line.wage for _row, line, _field, _error in page.context["table"]}
    assert lines == {staff3[0].pk: Decimal("4000.00"), staff3[1].pk: Decimal("6000.00"),
                     staff3[2].pk: Decimal("30000.00")}
    data = {f"w{p.pk}": w for p, w in zip(staff3, ("4000", "7000", "30000"), strict=True)}
    response = client.post(reverse("employer:declaration-form"), data)
    declaration = Declaration.objects.get(employer=firm["employer"], month=this_month())
    assert response["Location"] == reverse("employer:declaration", kwargs={"declaration_id": declaration.pk})
    assert (declaration.status, declaration.employees, declaration.channel) == ("draft", 3, "online")
    bases = dict(declaration.lines.values_list("person_id", "base"))
    # The base is clamped to the floor (4,573) and the ceiling (22,863) of 2026 by insurance's own rules.
    assert bases == {staff3[0].pk: Decimal("4573.00"), staff3[1].pk: Decimal("7000.00"),
                     staff3[2].pk: Decimal("22863.00")}
    assert not PaymentOrder.objects.filter(declaration=declaration).exists()


def test_a_draft_is_confirmed_into_a_payment_order_shown_with_its_total(firm, staff3, client):
    client.force_login(firm["staff"])
    client.post(reverse("employer:declaration-form"), {f"w{p.pk}": "6000" for p in staff3})
    declaration = Declaration.objects.get(employer=firm["employer"])
    response = client.post(reverse("employer:declaration-confirm", kwargs={"declaration_id": declaration.pk}))
    declaration.refresh_from_db()
    order = PaymentOrder.objects.get(declaration=declaration)
    assert (declaration.status, order.status, order.amount) == ("declared", "issued", declaration.total)
    page = client.get(response["Location"]).content.decode()
    assert order.number in page and f"{declaration.total}" in page


def test_a_correction_before_payment_cancels_the_order_and_a_new_confirmation_issues_another(firm, staff3, client):
    client.force_login(firm["admin"])
    url = reverse("employer:declaration-form")
    client.post(url, {f"w{p.pk}": "6000" for p in staff3})
    declaration = Declaration.objects.get(employer=firm["employer"])
    client.post(reverse("employer:declaration-confirm", kwargs={"declaration_id": declaration.pk}))
    first = PaymentOrder.objects.get(declaration=declaration)
    page = client.get(url)
    assert page.context["current"].status == "declared"  # the page warns the order will be cancelled
    client.post(url, {**{f"w{p.pk}": "6000" for p in staff3}, f"w{staff3[0].pk}": "8000"})
    declaration.refresh_from_db()
    first.refresh_from_db()
    assert (declaration.status, first.status) == ("draft", "cancelled")
    client.post(reverse("employer:declaration-confirm", kwargs={"declaration_id": declaration.pk}))
    second = PaymentOrder.objects.exclude(pk=first.pk).get(declaration=declaration)
    assert second.status == "issued" and second.amount > first.amount


def test_payment_status_shows_and_a_paid_month_points_to_a_correction_case(firm, staff3, client, users):
    from insurance.services import payment_confirm

    client.force_login(firm["staff"])
    client.post(reverse("employer:declaration-form"), {f"w{p.pk}": "6000" for p in staff3})
    declaration = Declaration.objects.get(employer=firm["employer"])
    client.post(reverse("employer:declaration-confirm", kwargs={"declaration_id": declaration.pk}))
    payment_confirm(order=PaymentOrder.objects.get(declaration=declaration), actor=users["clerk"], reference="B1")
    detail = client.get(reverse("employer:declaration", kwargs={"declaration_id": declaration.pk}))
    assert detail.context["order"].status == "paid"
    assert reverse("employer:service", kwargs={"code": "insurance.declaration_correct"}) in detail.content.decode()
    form = client.get(reverse("employer:declaration-form"))
    assert form.context["paid"] and 'id="wage-form"' not in form.content.decode()


def test_an_upload_with_errors_reports_each_row_and_saves_nothing(firm, staff3, client):
    stranger = PersonFactory()  # registered, not insured here
    text = ("身份证号码,姓名,缴费工资\n"
            f"{staff3[0].id_number},{staff3[0].name},6000\n"
            "370503199001011234,某人,6000\n"
            f"{stranger.id_number},{stranger.name},6000\n"
            f"{staff3[1].id_number},{staff3[1].name},abc\n"
            f"{staff3[2].id_number},错名,6000\n")
    client.force_login(firm["staff"])
    response = _upload(client, _csv(text))
    assert response.status_code == 200
    rows = [row for row, _message in response.context["errors"]]
    assert rows == [3, 4, 5, 6]
    page = response.content.decode()
    assert escape(_("The name does not match the identity number.")) in page
    assert 'id="row-errors"' in page
    assert not Declaration.objects.filter(employer=firm["employer"]).exists()


def test_the_prefilled_template_uploads_back_into_a_draft(firm, staff3, client):
    client.force_login(firm["staff"])
    response = client.get(reverse("employer:declaration-template"))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "身份证号码,姓名,缴费工资"
    assert f"{staff3[2].id_number},{staff3[2].name},30000.00" in text
    response = _upload(client, _csv(text))
    declaration = Declaration.objects.get(employer=firm["employer"])
    assert response["Location"] == reverse("employer:declaration", kwargs={"declaration_id": declaration.pk})
    assert declaration.employees == 3


def test_an_xlsx_upload_is_read_too(firm, staff3, client):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["身份证号码", "姓名", "缴费工资"])
    for person in staff3:
        sheet.append([person.id_number, person.name, 5000])
    out = io.BytesIO()
    book.save(out)
    client.force_login(firm["staff"])
    _upload(client, SimpleUploadedFile("wages.xlsx", out.getvalue()))
    assert Declaration.objects.get(employer=firm["employer"]).total_base == Decimal("15000.00")


def test_a_file_that_is_not_a_wage_list_is_refused_with_a_message(firm, staff3, client):
    client.force_login(firm["staff"])
    response = _upload(client, _csv("", name="wages.csv"))
    assert response.status_code == 200
    response = _upload(client, SimpleUploadedFile("wages.pdf", b"%PDF-1.4"))
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Declaration.objects.filter(employer=firm["employer"]).exists()
