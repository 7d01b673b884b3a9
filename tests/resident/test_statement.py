"""The rights statement online: choose a year, get insurance's PDF (an online case of its statement service)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from insurance.models import RightsStatement
from tests.resident.conftest import contributions
from workflow.models import Case

pytestmark = pytest.mark.django_db


def test_a_resident_downloads_the_statement_of_a_year(client, make_resident):
    import io

    from pypdf import PdfReader

    user = make_resident(name="陈静")
    contributions(user.person, 2)
    client.force_login(user)
    page = client.get(reverse("resident:statement")).content.decode()
    assert 'name="year"' in page and "暂无" in page
    response = client.post(reverse("resident:statement"), {"year": "2025"})
    statement = RightsStatement.objects.get(person=user.person)
    assert response["Location"] == reverse("insurance:statement-download", args=[statement.code])
    pdf = client.get(response["Location"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(pdf.content))).pages)
    assert "2025" in text
    case = Case.objects.get(person=user.person)
    assert (case.channel, case.service.code, case.status) == ("online", "insurance.statement", "completed")
    listed = client.get(reverse("resident:statement")).content.decode()
    assert reverse("insurance:statement-download", args=[statement.code]) in listed


def test_a_year_outside_the_choices_is_refused(client, make_resident):
    user = make_resident()
    client.force_login(user)
    response = client.post(reverse("resident:statement"), {"year": str(timezone.localdate().year + 1)})
    assert response.status_code == 200 and "has-error" in response.content.decode()
    assert not RightsStatement.objects.exists() and not Case.objects.filter(person=user.person).exists()


def test_another_residents_statement_is_not_theirs_to_read(client, make_resident):
    owner, other = make_resident(), make_resident()
    client.force_login(owner)
    client.post(reverse("resident:statement"), {"year": "2024"})
    statement = RightsStatement.objects.get(person=owner.person)
    client.force_login(other)
    assert client.get(reverse("insurance:statement-download", args=[statement.code])).status_code == 404


def test_statements_are_rate_limited_per_resident(client, make_resident, monkeypatch):
    monkeypatch.setattr("portal.resident.views.records.STATEMENT_RATE", "2/h")
    user = make_resident()
    client.force_login(user)
    for _ in range(2):
        assert client.post(reverse("resident:statement"), {"year": "2024"}).status_code == 302
    limited = client.post(reverse("resident:statement"), {"year": "2024"})
    assert limited.status_code == 429 and "稍后再试" in limited.content.decode()
    assert RightsStatement.objects.filter(person=user.person).count() == 2
