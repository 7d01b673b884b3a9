"""One-time codes: sent through the outbox, valid ten minutes, usable once, rate-limited, hashed at rest."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from accounts.models import OneTimeCode
from accounts.otp import otp_verify
from portal.otp import otp_send
from tests.conftest import sent_code
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_code_goes_to_the_registered_phone_and_works_once():
    person = PersonFactory(phone="13912345678")
    assert otp_send(person=person, purpose="signup") == "139****5678"
    code = sent_code(person)
    assert code not in OneTimeCode.objects.get().code_hash
    otp_verify(person=person, purpose="signup", code=code)
    with pytest.raises(ValidationError) as exc:
        otp_verify(person=person, purpose="signup", code=code)
    assert exc.value.code == "no_code"


def test_codes_expire_after_ten_minutes():
    person = PersonFactory()
    with freeze_time("2026-03-02 10:00:00") as frozen:
        otp_send(person=person, purpose="reset")
        frozen.tick(timedelta(minutes=10, seconds=1))
        with pytest.raises(ValidationError) as exc:
            otp_verify(person=person, purpose="reset", code=sent_code(person))
    assert exc.value.code == "expired"


def test_codes_are_for_their_purpose_only():
    person = PersonFactory()
    otp_send(person=person, purpose="signup")
    with pytest.raises(ValidationError):
        otp_verify(person=person, purpose="kiosk", code=sent_code(person))


def test_requests_and_guesses_are_limited():
    person = PersonFactory()
    with freeze_time("2026-03-02 10:00:00") as frozen:
        otp_send(person=person, purpose="signup")
        with pytest.raises(ValidationError) as exc:
            otp_send(person=person, purpose="signup")
        assert exc.value.code == "too_soon"
        for _ in range(4):
            frozen.tick(timedelta(seconds=61))
            otp_send(person=person, purpose="signup")
        frozen.tick(timedelta(seconds=61))
        with pytest.raises(ValidationError) as exc:
            otp_send(person=person, purpose="signup")
        assert exc.value.code == "too_many"
        code = sent_code(person)
        wrong = f"{(int(code) + 1) % 10**6:06d}"
        for _ in range(5):
            with pytest.raises(ValidationError):
                otp_verify(person=person, purpose="signup", code=wrong)
        with pytest.raises(ValidationError) as exc:
            otp_verify(person=person, purpose="signup", code=code)  # locked after five wrong guesses
        assert exc.value.code == "locked"


def test_no_phone_no_code():
    person = PersonFactory(phone="")
    with pytest.raises(ValidationError) as exc:
        otp_send(person=person, purpose="signup")
    assert exc.value.code == "no_phone" and not OneTimeCode.objects.exists()
