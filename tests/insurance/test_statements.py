"""The rights statement: a real PDF whose text reads back, a code that verifies, a wrong code refused."""

import hashlib
import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from insurance.models import CarriedOverRecord, RightsStatement
from insurance.rules.codes import format_code
from insurance.services import declaration_submit, payment_confirm, statement_issue
from tests.insurance.conftest import rows_for, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(employer, system):
    person = staff(employer, 1, start=date(2025, 1, 1))[0]
    CarriedOverRecord.objects.create(person=person, through_month=date(2024, 12, 1), pension_months=120,
                                     average_index=D("1"), account_balance=D("30000"))
    for month in (date(2025, 1, 1), date(2025, 2, 1)):
        declaration = declaration_submit(employer=employer, month=month, rows=rows_for([person], ["8000"]),
                                         actor=system, channel="counter")
        payment_confirm(order=declaration.orders.get(), actor=system)
    return statement_issue(person=person, year=2025, actor=system, channel="counter")


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_real_and_its_chinese_text_reads_back(issued):
    pdf = bytes(issued.pdf)
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    assert "东营市社会保险个人权益记录单（2025年度）" in text
    assert issued.person.name in text and issued.person.masked_id_number in text
    assert issued.person.id_number not in text  # masked, never whole
    assert "基本养老保险" in text and "2025-02" in text
    # Two months at 8,000: pension individual 640.00 a month; account 30,000 carried + 1,280 credited.
    assert "1280.00" in text and "31280.00" in text
    assert format_code(issued.code) in text
    assert hashlib.sha256(pdf).hexdigest() == issued.sha256


def test_the_summary_kept_with_the_code_is_what_the_document_says(issued):
    pension = next(t for t in issued.summary["types"] if t["type"] == "pension")
    assert (pension["months"], pension["months_total"], pension["base_average"]) == (2, 122, "8000.00")
    assert issued.summary["account"] == {"opening": "30000.00", "credited": "1280.00", "closing": "31280.00"}


def test_anyone_verifies_a_code_typed_with_dashes_and_in_lower_case(client, issued):
    response = client.get(reverse("insurance:statement-verify"), {"code": format_code(issued.code).lower()})
    assert response.status_code == 200
    body = response.content.decode()
    assert issued.person.masked_id_number in body and "31280.00" in body
    assert issued.person.id_number not in body and issued.person.phone not in body
    assert "2025-02" not in body  # the monthly detail stays in the document


def test_a_wrong_code_is_refused(client, issued):
    wrong = ("3" if issued.code[0] != "3" else "4") + issued.code[1:]
    response = client.get(reverse("insurance:statement-verify"), {"code": wrong})
    assert response.status_code == 404
    assert issued.person.masked_id_number not in response.content.decode()
    assert client.get(reverse("insurance:statement-verify"), {"code": "not-a-code"}).status_code == 200


def test_the_uploaded_file_is_compared_with_the_document_issued(client, issued):
    url = reverse("insurance:statement-verify")
    genuine = client.post(url, {"code": issued.code, "document": SimpleUploadedFile("s.pdf", bytes(issued.pdf))})
    assert "文件与出具的记录单完全一致" in genuine.content.decode()
    forged = bytes(issued.pdf) + b"\n% edited"
    altered = client.post(url, {"code": issued.code, "document": SimpleUploadedFile("s.pdf", forged)})
    assert "不一致" in altered.content.decode()


def test_verification_is_rate_limited(client, issued):
    url = reverse("insurance:statement-verify")
    statuses = [client.get(url, {"code": issued.code}).status_code for _ in range(25)]
    assert statuses[:20] == [200] * 20 and statuses[-1] == 429


def test_the_holder_and_staff_download_it_others_get_404(client, issued, users):
    url = reverse("insurance:statement-download", kwargs={"code": issued.code})
    client.force_login(users["clerk"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(issued.pdf)
    client.force_login(users["resident"])  # not the holder
    assert client.get(url).status_code == 404
    client.force_login(users["employer_admin"])
    assert client.get(url).status_code == 404


def test_statement_of_thirty_years_uses_a_fixed_number_of_queries(system, django_assert_max_num_queries):
    from insurance.models import Contribution
    from insurance.rules.months import add_months
    from tests.factories import PersonFactory

    person = PersonFactory()
    rows = [Contribution(person=person, month=add_months(date(1996, 1, 1), i), insurance_type=kind,
                         payer="employer", base=D("5000"), employer_part=D("800"), individual_part=D("400"),
                         account_part=D("400") if kind == "pension" else D("0"), paid_on=date(2026, 1, 1))
            for i in range(360) for kind in ("pension", "medical", "unemployment", "work_injury")]
    Contribution.objects.bulk_create(rows)
    with django_assert_max_num_queries(8):  # 3 reads, the insert, and the savepoints of the transactions
        statement = statement_issue(person=person, year=2020, actor=system, channel="counter")
    pension = next(t for t in statement.summary["types"] if t["type"] == "pension")
    assert (pension["months"], pension["months_total"]) == (12, 300)
    assert statement.summary["account"]["opening"] == f"{24 * 12 * 400}.00"
    assert RightsStatement.objects.filter(person=person).count() == 1
