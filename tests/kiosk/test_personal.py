"""Personal business at a kiosk: the rights statement printed as a kiosk case, the pensioner's proof of life
recorded with the method that happened (the code sent to their phone), both by the hall's kiosk acting for the
person it identified."""

from __future__ import annotations

import pytest
from django.utils import timezone

from insurance.models import ProofOfLife, RightsStatement
from tests.kiosk.conftest import identify, url
from workflow.models import Case

pytestmark = pytest.mark.django_db


def statement_for(client, key, year: int) -> str:
    response = client.post(url("statement", key), {"year": str(year)})
    assert response.status_code == 302, response.content.decode()
    return response["Location"]


def test_a_statement_is_issued_as_a_kiosk_case_and_opened_for_printing(client, key, hall, person):
    identify(client, key, person)
    year = timezone.localdate().year - 1
    page = client.get(url("statement", key)).content.decode()
    assert f'id="year-{year}"' in page
    location = statement_for(client, key, year)
    statement = RightsStatement.objects.get(person=person)
    assert location == url("statement-print", key, code=statement.code)
    assert (statement.year, statement.channel, statement.issued_by.username) == (year, "kiosk", "kiosk-hall-370523")
    case = Case.objects.get(person=person)
    assert (case.service.code, case.channel, case.status, case.accepted_office) == (
        "insurance.statement", "kiosk", "completed", hall)
    assert case.accepted_by.kind == "system" and not case.accepted_by.is_active
    printing = client.get(location).content.decode()
    assert url("statement-pdf", key, code=statement.code) in printing and "statement-frame" in printing
    pdf = client.get(url("statement-pdf", key, code=statement.code))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert bytes(pdf.content) == bytes(statement.pdf)
    assert pdf["X-Frame-Options"] == "SAMEORIGIN" and "no-store" in pdf["Cache-Control"]


def test_another_person_s_statement_is_not_found_and_gone_after_exit(client, key, person, pensioner):
    identify(client, key, pensioner)
    theirs = statement_for(client, key, timezone.localdate().year)
    code = RightsStatement.objects.get(person=pensioner).code
    client.post(url("logout", key))
    assert client.get(url("statement-pdf", key, code=code))["Location"] == url("home", key)
    assert client.get(theirs)["Location"] == url("home", key)
    identify(client, key, person)
    assert client.get(url("statement-pdf", key, code=code)).status_code == 404
    assert client.get(url("statement-print", key, code=code)).status_code == 404


def test_a_year_the_kiosk_does_not_offer_is_refused(client, key, person):
    identify(client, key, person)
    response = client.post(url("statement", key), {"year": "1989"})
    assert response.status_code == 400
    assert not RightsStatement.objects.filter(person=person).exists()


def test_a_pensioner_proves_they_are_alive_at_the_kiosk(client, key, pensioner):
    from insurance.models import Pension

    identify(client, key, pensioner)
    page = client.get(url("proof", key)).content.decode()
    assert 'id="prove"' in page
    response = client.post(url("proof", key))
    assert response["Location"] == url("proof", key)
    proof = ProofOfLife.objects.get(pension__person=pensioner)
    assert proof.method_id == "sms_code" and proof.recorded_by.username == "kiosk-hall-370523"
    assert Case.objects.get(person=pensioner, service__code="insurance.proof_of_life").channel == "kiosk"
    pension = Pension.objects.get(person=pensioner)
    page = client.get(url("proof", key)).content.decode()
    assert f"{pension.next_proof_due:%Y-%m-%d}" in page and "已记录" in page


def test_someone_without_a_pension_is_told_so_and_nothing_is_recorded(client, key, person):
    identify(client, key, person)
    assert 'id="prove"' not in client.get(url("proof", key)).content.decode()
    client.post(url("proof", key))
    page = client.get(url("proof", key)).content.decode()
    assert "kiosk-notice-warn" in page
    assert not ProofOfLife.objects.exists() and not Case.objects.filter(person=person).exists()


def test_the_menu_offers_proof_of_life_to_a_pensioner_only(client, key, person, pensioner):
    """The kiosk uses the services' open_to rule, like online apply and booking (issue 11, item 18)."""
    identify(client, key, pensioner)
    assert 'id="go-proof"' in client.get(url("home", key)).content.decode()
    client.post(url("logout", key))
    identify(client, key, person)
    page = client.get(url("home", key)).content.decode()
    assert 'id="go-proof"' not in page and 'id="go-statement"' in page


def test_the_kiosk_says_what_it_does_and_records_the_code_sent_to_the_phone(client, key, pensioner):
    """The kiosk says what its button records (本人手机验证码), and no face recognition is named (issue 11, item 27;
    issue 14: a photo goes to a reviewer)."""
    identify(client, key, pensioner)
    page = client.get(url("proof", key)).content.decode()
    assert "验证码确认身份" in page and "本人手机验证码" in page and 'capture="user"' in page
    for name in ("home", "proof"):
        assert "人脸" not in client.get(url(name, key)).content.decode()
    client.post(url("proof", key))
    assert ProofOfLife.objects.get(pension__person=pensioner).method_id == "sms_code"


def test_when_the_bureau_stops_counting_sms_codes_the_kiosk_sends_the_pensioner_to_a_hall(client, key, pensioner):
    from insurance.models import Pension, ProofMethod

    ProofMethod.objects.filter(code="sms_code").update(counts=False)
    due = Pension.objects.get(person=pensioner).next_proof_due
    identify(client, key, pensioner)
    page = client.get(url("proof", key)).content.decode()
    assert 'id="prove"' not in page and "本局不认可以“本人手机验证码”进行生存认证" in page
    client.post(url("proof", key))
    assert "不计为生存认证" in client.get(url("proof", key)).content.decode()
    assert not ProofOfLife.objects.exists() and Pension.objects.get(person=pensioner).next_proof_due == due
