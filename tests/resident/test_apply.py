"""Starting business online: only what may start online for a person; the service's own form and the same checks as
the counter; blocking errors stop, prompts inform; one case per submission; the confirmation with its codes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from insurance.models import Card
from workflow.models import Case

pytestmark = pytest.mark.django_db

CARD = "insurance.card_apply"


def apply_url(code: str) -> str:
    return reverse("resident:apply-service", args=[code])


def test_the_catalogue_lists_only_what_a_person_may_start_online(client, make_resident):
    client.force_login(make_resident())
    page = client.get(reverse("resident:apply")).content.decode()
    assert apply_url(CARD) in page and apply_url("employment.unemployment_registration") in page
    assert apply_url("insurance.card_activate") not in page  # counter and kiosk only
    assert apply_url("insurance.card_apply_batch") not in page  # an employer's
    assert apply_url("insurance.enrol") not in page  # needs an employer as well
    assert "社会保险" in page


def test_business_that_cannot_start_online_for_me_is_not_found(client, make_resident):
    client.force_login(make_resident())
    for code in ("insurance.card_activate", "insurance.card_apply_batch", "insurance.enrol", "no.such"):
        assert client.get(apply_url(code)).status_code == 404


def test_a_resident_applies_for_a_card_online_and_gets_the_confirmation(client, make_resident, demo):
    user = make_resident()
    client.force_login(user)
    page = client.get(apply_url(CARD)).content.decode()
    assert 'id="checks"' in page and 'name="f-hall"' in page and "身份证" in page
    assert 'id="submit-application"' in page and "disabled" not in page.split('id="submit-application"')[1][:40]
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(apply_url(CARD), {"f-hall": "HALL-370503", "action": "submit", "token": token})
    case = Case.objects.get(person=user.person)
    assert response["Location"] == reverse("resident:apply-done", args=[case.number])
    assert (case.channel, case.status, case.accepted_by, case.service.code) == ("online", "completed", user, CARD)
    assert Card.objects.get(person=user.person).hall.code == "HALL-370503"
    done = client.get(response["Location"]).content.decode()
    assert case.formatted_tracking_code in done and case.number in done
    assert reverse("receipts:receipt", args=[case.number]) in done and reverse("resident:cases") in done
    assert client.get(reverse("receipts:receipt", args=[case.number])).status_code == 200
    assert case.number in client.get(reverse("resident:cases")).content.decode()


def test_a_double_submission_starts_one_case(client, make_resident):
    user = make_resident()
    client.force_login(user)
    page = client.get(apply_url(CARD)).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    data = {"f-hall": "", "action": "submit", "token": token}
    first, second = client.post(apply_url(CARD), data), client.post(apply_url(CARD), data, follow=True)
    assert first.status_code == 302
    assert "此申请已经提交" in second.content.decode()
    assert Case.objects.filter(person=user.person).count() == 1


def test_a_blocking_check_stops_the_application_and_says_why(client, make_resident):
    from insurance.services import card_apply

    user = make_resident()
    card_apply(person=user.person, actor=user)  # already holds a card in production
    client.force_login(user)
    page = client.get(apply_url(CARD)).content.decode()
    assert "不符合" in page and 'id="blocked"' in page
    assert " disabled" in page.split('id="submit-application"')[1][:60]
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(apply_url(CARD), {"f-hall": "", "action": "submit", "token": token})
    assert response.status_code == 200 and "不符合" in response.content.decode()
    assert not Case.objects.filter(person=user.person).exists()


def test_a_time_limited_business_checks_its_form_and_shows_prompts(client, make_resident, test_services):
    user = make_resident()
    client.force_login(user)
    page = client.get(apply_url("test.timed")).content.decode()
    assert "居民身份证" in page and "申请表" in page  # the materials
    assert "一条提示" in page  # a prompt informs before anything is typed
    assert "has-error" not in page  # the empty form is not an error yet
    checked = client.post(apply_url("test.timed"), {"f-amount": "5000", "action": "check"}).content.decode()
    assert "金额在限额内" in checked and 'id="blocked"' in checked
    invalid = client.post(apply_url("test.timed"), {"f-amount": "lots", "action": "submit", "token": "x"})
    assert "has-error" in invalid.content.decode()
    page = client.get(apply_url("test.timed")).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(apply_url("test.timed"), {"f-amount": "100", "action": "submit", "token": token})
    case = Case.objects.get(person=user.person)
    assert case.status == Case.Status.ROUTED and case.jurisdiction_office.code == "BACK-370503"
    done = client.get(response["Location"]).content.decode()
    assert case.jurisdiction_office.name in done and reverse("resident:case-detail", args=[case.number]) in done


def test_a_deceased_person_cannot_apply(client, make_resident):
    from datetime import date

    user = make_resident()
    user.person.date_of_death = date(2026, 1, 1)
    user.person.save()
    client.force_login(user)
    page = client.get(apply_url(CARD)).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(apply_url(CARD), {"f-hall": "", "action": "submit", "token": token})
    assert response.status_code == 200 and not Case.objects.filter(person=user.person).exists()


def test_the_statement_business_leads_to_its_own_page(client, make_resident):
    client.force_login(make_resident())
    page = client.get(reverse("resident:apply")).content.decode()
    assert f'href="{reverse("resident:statement")}" data-code="insurance.statement"' in page
    assert client.get(apply_url("insurance.statement"))["Location"] == reverse("resident:statement")


def test_the_confirmation_shows_what_the_business_produced(client, make_resident):
    user = make_resident()
    client.force_login(user)
    page = client.get(apply_url(CARD)).content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    done = client.post(apply_url(CARD), {"f-hall": "", "action": "submit", "token": token}, follow=True)
    assert Card.objects.get(person=user.person).number in done.content.decode()


def test_every_online_business_opens_and_checks_without_an_error(client, make_resident):
    from portal.resident.selectors import online_specs

    user = make_resident()
    client.force_login(user)
    codes = list(online_specs(person=user.person))
    assert len(codes) >= 5, codes
    for code in codes:
        page = client.get(apply_url(code))
        if code == "insurance.statement":  # has a page of its own
            assert page["Location"] == reverse("resident:statement"), code
            continue
        assert page.status_code == 200, code
        assert client.post(apply_url(code), {"action": "check"}).status_code == 200, code


# --- Each applicant is offered only what they may apply for (issue 11, item 18) ----------------------------

def _pensioner(make_resident):
    from accounts.services import system_user
    from insurance.models import CarriedOverRecord
    from insurance.services import pension_grant

    user = make_resident(birth=date(1960, 3, 1), sex_code="M")
    CarriedOverRecord.objects.create(person=user.person, through_month=date(2019, 12, 1), pension_months=360,
                                     average_index=Decimal("1.1"), account_balance=Decimal("90000"))
    pension_grant(person=user.person, actor=system_user(), retirement_date=date(2020, 3, 1), group="male")
    return user


def test_a_pensioner_is_offered_proof_of_life_and_no_employment_business_online(client, make_resident):
    client.force_login(_pensioner(make_resident))
    page = client.get(reverse("resident:apply")).content.decode()
    assert "养老金领取资格认证（生存认证）" in page and "社会保障卡申领" in page
    for name in ("失业保险金申领", "职业培训补贴", "创业培训补贴", "一次性创业补贴", "灵活就业社会保险补贴", "失业登记",
                 "就业困难人员认定", "退休审批"):
        assert name not in page, name
    assert client.get(apply_url("employment.benefit")).status_code == 404


def test_a_worker_is_offered_employment_business_and_no_proof_of_life_online(client, make_resident):
    client.force_login(make_resident())
    page = client.get(reverse("resident:apply")).content.decode()
    assert "失业保险金申领" in page and "职业培训补贴" in page
    assert "养老金领取资格认证" not in page and "单位批量申领社会保障卡" not in page
    assert client.get(apply_url("insurance.proof_of_life")).status_code == 404
    # Ending a flexible-employment registration or insurance is offered to those who have one.
    assert "灵活就业终止登记" not in page and "灵活就业人员暂停或终止参保" not in page


def test_the_same_rule_refuses_a_pensioner_at_the_counter(make_resident, users):
    """open_to is one of the checks: a clerk who picks a subsidy for a pensioner is told why it is refused."""
    from workflow.exceptions import NotEligible
    from workflow.services import case_accept, case_check

    person = _pensioner(make_resident).person
    data = {"certificate": "ZY20260001", "course": "电工", "level": "primary"}
    checks = case_check(service_code="employment.subsidy_vocational_training", actor=users["clerk"],
                        channel="counter", person=person, data=data)
    assert checks[0].code == "not_pensioner" and checks[0].is_error
    with pytest.raises(NotEligible):
        case_accept(service_code="employment.subsidy_vocational_training", actor=users["clerk"], channel="counter",
                    person=person, data=data)


def test_proof_of_life_online_is_recorded_as_the_pensioner_s_own_login(client, make_resident):
    """No face recognition is named online, and the proof names the login (issue 11, item 27; issue 14)."""
    from insurance.models import ProofOfLife

    user = _pensioner(make_resident)
    client.force_login(user)
    page = client.get(apply_url("insurance.proof_of_life")).content.decode()
    assert "人脸" not in page and "本人网上账号登录" in page and "经办人员审核" in page
    token = page.split('name="token" value="')[1].split('"')[0]
    client.post(apply_url("insurance.proof_of_life"), {"action": "submit", "token": token})
    assert ProofOfLife.objects.get(pension__person=user.person).method_id == "online_account"
