"""Login lockout: a user name is paused after its failures from any address, an address after its failures across
user names; a good login does not wipe an address's count; the page says how each kind of user unlocks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from portal.employer.services.colleagues import set_password_path

pytestmark = pytest.mark.django_db

PER_USERNAME, PER_ADDRESS = 3, 6


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = PER_USERNAME
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = PER_ADDRESS
    settings.LOGIN_LOCKOUT_LIMITS = {"username": PER_USERNAME, "ip_address": PER_ADDRESS}


def _login(username: str, password: str, address: str):
    return Client(REMOTE_ADDR=address).post(reverse("accounts:login"), {"username": username, "password": password})


def _logged_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def _staff(count: int) -> list[str]:
    names = [f"spray{i:02d}" for i in range(count)]
    for name in names:
        User.objects.create_user(username=name, password=DEMO_PASSWORD, kind=User.Kind.STAFF)
    return names


def test_one_password_tried_against_many_users_from_one_address_locks_the_address(demo):
    names = _staff(PER_ADDRESS + 2)
    # One failure per user name: no user name reaches its own limit; the address reaches its limit.
    statuses = [_login(name, "Spring2026!", "10.1.1.1").status_code for name in names[:PER_ADDRESS]]
    assert statuses == [200] * (PER_ADDRESS - 1) + [429]
    locked = _login(names[-1], DEMO_PASSWORD, "10.1.1.1")  # even the right password of another user
    assert locked.status_code == 429 and not _logged_in(locked)
    assert _logged_in(_login(names[-1], DEMO_PASSWORD, "10.2.2.2"))  # the users themselves are not locked


def test_many_addresses_against_one_user_lock_the_user_name(demo):
    statuses = [_login("reviewer", "wrong", f"10.3.0.{i + 1}").status_code for i in range(PER_USERNAME)]
    assert statuses == [200] * (PER_USERNAME - 1) + [429]
    locked = _login("reviewer", DEMO_PASSWORD, "10.3.9.9")  # a fresh address, the right password
    assert locked.status_code == 429 and not _logged_in(locked)
    assert _logged_in(_login("clerk", DEMO_PASSWORD, "10.3.9.9"))  # that address is not locked for others


def test_a_good_login_to_ones_own_account_does_not_reset_the_address_count(demo):
    names = _staff(PER_ADDRESS)
    for name in names[:PER_ADDRESS - 1]:
        _login(name, "Spring2026!", "10.4.4.4")
    assert _logged_in(_login("clerk", DEMO_PASSWORD, "10.4.4.4"))  # the sprayer's own login
    _login(names[-1], "Spring2026!", "10.4.4.4")
    assert _login("clerk", DEMO_PASSWORD, "10.4.4.4").status_code == 429


def test_every_failure_is_kept_in_the_failure_log(demo):
    for i in range(PER_USERNAME + 2):
        _login("reviewer", "wrong", f"10.5.0.{i + 1}")
    rows = AccessFailureLog.objects.filter(username="reviewer")
    assert rows.count() == PER_USERNAME + 2 and rows.filter(locked_out=True).exists()


def test_the_locked_out_page_says_in_chinese_how_each_kind_of_user_unlocks(demo):
    for _ in range(PER_USERNAME):
        _login("reviewer", "wrong", "10.6.6.6")
    page = _login("reviewer", DEMO_PASSWORD, "10.6.6.6")
    html = page.content.decode()
    assert page.status_code == 429
    assert "登录失败次数过多" in html and f"{PER_USERNAME}" in html and "15" in html
    assert reverse("resident:password-reset") in html and "手机" in html  # residents: SMS reset
    assert "单位管理员" in html  # employer staff: a new link from their administrator
    assert "系统管理员" in html  # bureau staff


def test_a_residents_sms_reset_lifts_the_lockout_of_the_user_name(users, client, django_capture_on_commit_callbacks):
    from portal.resident.services import resident_password_reset

    resident = users["resident"]
    for i in range(PER_USERNAME):
        _login(resident.username, "wrong", f"10.7.0.{i + 1}")
    assert _login(resident.username, DEMO_PASSWORD, "10.7.9.9").status_code == 429
    with django_capture_on_commit_callbacks(execute=True):
        resident_password_reset(person=resident.person, password="Yellow-River-2026")
    assert _logged_in(_login(resident.username, "Yellow-River-2026", "10.7.9.9"))


def test_an_employer_colleagues_new_password_link_lifts_the_lockout(users):
    staff = users["employer_staff"]
    for _ in range(PER_USERNAME):
        _login(staff.username, "wrong", "10.8.8.8")
    assert _login(staff.username, DEMO_PASSWORD, "10.8.8.8").status_code == 429
    client = Client(REMOTE_ADDR="10.8.8.8")
    form = client.get(set_password_path(staff))["Location"]
    assert client.post(form, {"new_password1": "Qiye#2026long", "new_password2": "Qiye#2026long"}).status_code == 302
    assert not AccessAttempt.objects.filter(username=staff.username).exists()
    assert _logged_in(_login(staff.username, "Qiye#2026long", "10.8.8.8"))


def test_both_lockouts_lift_by_themselves_after_the_cool_off(demo, settings):
    from freezegun import freeze_time

    names = _staff(PER_ADDRESS)
    with freeze_time() as clock:
        for name in names:  # the address reaches its limit
            _login(name, "Spring2026!", "10.9.9.9")
        for i in range(PER_USERNAME):  # and "reviewer" its own, from other addresses
            _login("reviewer", "wrong", f"10.9.0.{i + 1}")
        assert _login("clerk", DEMO_PASSWORD, "10.9.9.9").status_code == 429
        assert _login("reviewer", DEMO_PASSWORD, "10.9.8.8").status_code == 429
        clock.tick(settings.AXES_COOLOFF_TIME - timedelta(seconds=5))
        assert _login("reviewer", DEMO_PASSWORD, "10.9.8.8").status_code == 429  # not yet
        clock.tick(timedelta(seconds=10))
        assert _logged_in(_login("clerk", DEMO_PASSWORD, "10.9.9.9"))
        assert _logged_in(_login("reviewer", DEMO_PASSWORD, "10.9.8.8"))


def test_the_limits_are_read_from_the_settings_each_with_its_own_number(demo, settings):
    """The per-address limit is not the per-user-name one: raising it lets more user names fail from one place."""
    settings.LOGIN_LOCKOUT_LIMITS = {"username": PER_USERNAME, "ip_address": PER_ADDRESS * 2}
    names = _staff(PER_ADDRESS * 2)
    statuses = [_login(name, "Spring2026!", "10.10.0.1").status_code for name in names]
    assert statuses == [200] * (PER_ADDRESS * 2 - 1) + [429]
