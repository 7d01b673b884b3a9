"""Password reset: identity number + name + the code sent to the registered phone, then a new password. The old
password stops working, other sessions end, and login lockouts lift."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD
from accounts.models import OneTimeCode
from tests.resident.conftest import log_in, sent_code

pytestmark = pytest.mark.django_db

NEW = "Yellow-River-2026"
START, CODE, SET = "resident:password-reset", "resident:password-reset-code", "resident:password-reset-password"


def html(response) -> str:
    return response.content.decode()


def test_a_resident_resets_their_password_with_the_sms_code(client, resident):
    person = resident.person
    elsewhere = Client()
    assert log_in(elsewhere, resident.username, DEMO_PASSWORD).redirect_chain  # logged in on another device
    response = client.post(reverse(START), {"id_number": person.id_number, "name": person.name})
    assert response["Location"] == reverse(CODE)
    assert person.masked_phone in html(client.get(reverse(CODE)))
    assert client.post(reverse(CODE), {"code": sent_code(person)})["Location"] == reverse(SET)
    response = client.post(reverse(SET), {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("portal:resident-home")
    resident.refresh_from_db()
    assert resident.check_password(NEW) and not resident.check_password(DEMO_PASSWORD)
    assert client.get(reverse("portal:resident-home")).status_code == 200
    # The other device's session no longer authenticates: the password it was opened with changed.
    assert elsewhere.get(reverse("portal:resident-home")).status_code == 302


def test_a_reset_lifts_a_lockout_after_failed_logins(client, resident, settings,
                                                   django_capture_on_commit_callbacks):
    """Someone guessing from another address locked the login out; the reset (from the resident's own phone)
    lifts it everywhere."""
    person = resident.person
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(REMOTE_ADDR="10.0.0.9"), resident.username, "wrong")
    locked = log_in(Client(REMOTE_ADDR="10.0.0.9"), resident.username, DEMO_PASSWORD)
    assert "_auth_user_id" not in locked.client.session
    client.post(reverse(START), {"id_number": person.id_number, "name": person.name})
    client.post(reverse(CODE), {"code": sent_code(person)})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(SET), {"new_password1": NEW, "new_password2": NEW})
    response = log_in(Client(REMOTE_ADDR="10.0.0.9"), resident.username, NEW)
    assert response.redirect_chain[-1][0] == reverse("portal:resident-home")


def test_a_person_without_an_account_is_told_to_sign_up(client, newcomer):
    page = html(client.post(reverse(START), {"id_number": newcomer.id_number, "name": newcomer.name}))
    assert "尚未开通网上服务" in page and reverse("resident:signup") in page
    assert not OneTimeCode.objects.exists()


def test_a_wrong_name_gets_the_generic_refusal_and_changes_nothing(client, resident):
    person = resident.person
    page = html(client.post(reverse(START), {"id_number": person.id_number, "name": person.name + "某"}))
    assert "身份证号码与姓名不匹配" in page
    assert not OneTimeCode.objects.filter(person=person).exists()
    resident.refresh_from_db()
    assert resident.check_password(DEMO_PASSWORD)


def test_without_the_right_code_the_password_stays(client, resident):
    person = resident.person
    client.post(reverse(START), {"id_number": person.id_number, "name": person.name})
    right = sent_code(person)
    page = html(client.post(reverse(CODE), {"code": f"{(int(right) + 7) % 10**6:06d}"}))
    assert "验证码不正确" in page
    response = client.post(reverse(SET), {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse(CODE)
    resident.refresh_from_db()
    assert resident.check_password(DEMO_PASSWORD)


def test_a_signup_code_does_not_reset_a_password(client, resident):
    """Codes are for their purpose: the reset flow never accepts a code issued for something else."""
    from accounts.otp import otp_issue

    person = resident.person
    client.post(reverse(START), {"id_number": person.id_number, "name": person.name})
    OneTimeCode.objects.all().delete()
    _otp, signup_code = otp_issue(person=person, purpose="signup")
    page = html(client.post(reverse(CODE), {"code": signup_code}))
    assert "请重新获取验证码" in page
    assert client.get(reverse(SET))["Location"] == reverse(CODE)
