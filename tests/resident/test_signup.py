"""Sign-up: identity number and name must match a person, a code goes to their registered phone, then a password.
Wrong or expired codes, mismatched names and skipped steps create nothing and say why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.models import OneTimeCode, User
from tests.factories import PersonFactory
from tests.resident.conftest import log_in, sent_code
from workflow.models import OutboundMessage

pytestmark = pytest.mark.django_db

PASSWORD = "Lake-Shore-2026"
START, CODE, SET = "resident:signup", "resident:signup-code", "resident:signup-password"


def identify(client, person, name=None):
    return client.post(reverse(START), {"id_number": person.id_number, "name": name or person.name})


def html(response) -> str:
    return response.content.decode()


def test_a_resident_signs_up_with_the_code_sent_to_their_phone_and_is_logged_in(client, newcomer):
    page = client.get(reverse(START))
    assert page.status_code == 200 and 'name="id_number"' in html(page)
    response = identify(client, newcomer, name=" 李小梅 ")  # spaces typed around the name do not matter
    assert response.status_code == 302 and response["Location"] == reverse(CODE)
    message = OutboundMessage.objects.get(phone="13912345678", key__startswith="otp:")
    assert "验证码" in message.body
    code_page = html(client.get(reverse(CODE)))
    assert "139****5678" in code_page and "13912345678" not in code_page

    response = client.post(reverse(CODE), {"code": sent_code(newcomer)})
    assert response["Location"] == reverse(SET)
    response = client.post(reverse(SET), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("portal:resident-home")

    user = User.objects.get(person=newcomer)
    assert user.username == newcomer.id_number and user.kind == User.Kind.RESIDENT and user.check_password(PASSWORD)
    assert user.has_perm("accounts.use_resident_site")
    assert client.get(reverse("portal:resident-home")).status_code == 200  # logged in
    assert not any(k.startswith("resident.identity") for k in client.session.keys())  # noqa: SIM118 (a session is not a dict)
    client.logout()
    response = log_in(client, newcomer.id_number, PASSWORD)
    assert response.redirect_chain[-1][0] == reverse("portal:resident-home")


def test_an_unknown_number_and_a_wrong_name_get_the_same_refusal_and_no_code(client, newcomer):
    stranger = PersonFactory.build()  # a valid identity number nobody registered
    unknown = html(client.post(reverse(START), {"id_number": stranger.id_number, "name": "王五"}))
    wrong_name = html(identify(client, newcomer, name="李小"))
    refusal = "身份证号码与姓名不匹配"
    assert refusal in unknown and refusal in wrong_name
    assert not OneTimeCode.objects.exists() and not OutboundMessage.objects.exists()
    assert not User.objects.filter(person=newcomer).exists()
    assert client.get(reverse(CODE))["Location"] == reverse(START)  # nothing was started


def test_a_malformed_identity_number_is_explained(client):
    response = client.post(reverse(START), {"id_number": "37050319800101001", "name": "王五"})
    assert response.status_code == 200 and "has-error" in html(response)
    assert not OneTimeCode.objects.exists()


def test_a_person_with_an_account_is_told_to_log_in_or_reset(client, users):
    person = users["resident"].person
    page = html(identify(client, person))
    assert "您已开通网上服务" in page
    assert reverse("accounts:login") in page and reverse("resident:password-reset") in page
    assert not OneTimeCode.objects.filter(person=person).exists()


def test_a_person_without_a_registered_phone_is_sent_to_a_hall(client):
    person = PersonFactory(phone="")
    page = html(identify(client, person))
    assert "服务大厅" in page and not OneTimeCode.objects.exists()


def test_a_wrong_code_creates_nothing_and_the_code_is_locked_after_five_tries(client, newcomer):
    identify(client, newcomer)
    right = sent_code(newcomer)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for _ in range(5):
        page = html(client.post(reverse(CODE), {"code": wrong}))
        assert "验证码不正确" in page
    page = html(client.post(reverse(CODE), {"code": right}))
    assert "错误次数过多" in page
    assert client.get(reverse(SET))["Location"] == reverse(CODE)  # not verified: no password step
    assert client.post(reverse(SET), {"new_password1": PASSWORD, "new_password2": PASSWORD}).status_code == 302
    assert not User.objects.filter(person=newcomer).exists()


def test_an_expired_code_is_refused(client, newcomer):
    with freeze_time("2026-03-02 10:00:00") as frozen:
        identify(client, newcomer)
        frozen.tick(timedelta(minutes=10, seconds=1))
        page = html(client.post(reverse(CODE), {"code": sent_code(newcomer)}))
    assert "验证码已过期" in page
    assert not User.objects.filter(person=newcomer).exists()


def test_a_new_code_can_be_asked_for_once_a_minute_has_passed(client, newcomer):
    with freeze_time("2026-03-02 10:00:00") as frozen:
        identify(client, newcomer)
        first = sent_code(newcomer)
        too_soon = client.post(reverse(CODE), {"action": "resend"}, follow=True)
        assert "一分钟" in html(too_soon) and OneTimeCode.objects.count() == 1
        frozen.tick(timedelta(seconds=61))
        client.post(reverse(CODE), {"action": "resend"})
        assert OneTimeCode.objects.count() == 2
        second = sent_code(newcomer)
        if second != first:
            assert "验证码不正确" in html(client.post(reverse(CODE), {"code": first}))
        assert client.post(reverse(CODE), {"code": second})["Location"] == reverse(SET)


def test_weak_or_mismatched_passwords_are_refused_with_the_validators_reasons(client, newcomer):
    identify(client, newcomer)
    client.post(reverse(CODE), {"code": sent_code(newcomer)})
    weak = html(client.post(reverse(SET), {"new_password1": "12345678", "new_password2": "12345678"}))
    assert "这个密码太常见了" in weak or "全部为数字" in weak
    mismatch = html(client.post(reverse(SET), {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"}))
    assert "两个密码不一致" in mismatch
    like_id = "id" + newcomer.id_number  # not all digits: only the similarity to the user name refuses it
    same_as_id = html(client.post(reverse(SET), {"new_password1": like_id, "new_password2": like_id}))
    assert "太相似" in same_as_id
    assert not User.objects.filter(person=newcomer).exists()


def test_the_flow_expires_and_must_start_again(client, newcomer):
    with freeze_time("2026-03-02 10:00:00") as frozen:
        identify(client, newcomer)
        frozen.tick(timedelta(minutes=21))
        response = client.post(reverse(CODE), {"code": sent_code(newcomer)})
    assert response["Location"] == reverse(START)


def test_a_flow_started_in_one_browser_is_not_continued_in_another(client, newcomer):
    from django.test import Client

    identify(client, newcomer)
    other = Client()
    assert other.post(reverse(CODE), {"code": sent_code(newcomer)})["Location"] == reverse(START)
    assert other.post(reverse(SET), {"new_password1": PASSWORD, "new_password2": PASSWORD})["Location"] == reverse(
        START)
    assert not User.objects.filter(person=newcomer).exists()


def test_identifying_is_rate_limited_per_address(client, newcomer, monkeypatch):
    monkeypatch.setattr("portal.resident.views.identity.IDENTIFY_RATE", "3/h")
    for _ in range(3):
        assert identify(client, newcomer, name="张三").status_code == 200
    limited = identify(client, newcomer)
    assert limited.status_code == 429 and "尝试次数过多" in html(limited)
    assert not OneTimeCode.objects.exists()


def test_checking_codes_is_rate_limited_per_address(client, newcomer, monkeypatch):
    monkeypatch.setattr("portal.resident.views.identity.CODE_RATE", "2/h")
    identify(client, newcomer)
    for _ in range(2):
        client.post(reverse(CODE), {"code": "000000"})
    limited = client.post(reverse(CODE), {"code": sent_code(newcomer)})
    assert limited.status_code == 429 and "尝试次数过多" in html(limited)


def test_logged_in_users_are_sent_home(client, users):
    client.force_login(users["resident"])
    assert client.get(reverse(START))["Location"] == reverse("accounts:home")


def test_the_login_page_leads_to_sign_up_and_reset(client):
    page = html(client.get(reverse("accounts:login")))
    assert reverse(START) in page and reverse("resident:password-reset") in page
