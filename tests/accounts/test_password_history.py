"""Staff password history and expiry: none of the last 5 again (only hashes kept), a password older than
PASSWORD_MAX_AGE_DAYS sends the user to change it before anything else, and so does one set before the rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.demo import DEMO_PASSWORD
from accounts.models import PasswordHistory, User
from tests.support.twofactor import pass_second_factor

pytestmark = pytest.mark.django_db

PASSWORDS = [f"Huanghe#{n}kou" for n in range(1, 8)]
NEW = "Kenli-2026-Xin"


def _set(user: User, password: str) -> None:
    user.set_password(password)
    user.save()


def _reused(user: User, password: str) -> bool:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return "password_reused" in [e.code for e in error.error_list]
    return False


# --- History of 5 ---------------------------------------------------------------------------------------------------

def test_none_of_the_last_five_again_and_the_sixth_old_one_is_allowed(users):
    clerk = users["clerk"]
    for password in PASSWORDS[:6]:
        _set(clerk, password)
    # The current one and the four before it are refused; the sixth back (and the demo one before it) is not.
    assert [_reused(clerk, p) for p in PASSWORDS[:6]] == [False, True, True, True, True, True]
    assert not _reused(clerk, DEMO_PASSWORD)


def test_the_change_password_page_refuses_a_recent_password_and_allows_the_sixth(client, users):
    clerk = users["clerk"]
    for password in PASSWORDS[:5]:
        _set(clerk, password)
    client.force_login(clerk)
    url = reverse("accounts:password-change")
    old = PASSWORDS[4]
    page = client.post(url, {"old_password": old, "new_password1": PASSWORDS[0], "new_password2": PASSWORDS[0]})
    assert page.status_code == 200 and "该密码是此账号最近5次用过的密码之一" in page.content.decode()
    page = client.post(url, {"old_password": old, "new_password1": DEMO_PASSWORD, "new_password2": DEMO_PASSWORD})
    assert page.status_code == 302  # the demo password was the sixth back
    assert User.objects.get(pk=clerk.pk).check_password(DEMO_PASSWORD)


def test_only_hashes_are_kept_and_only_five_of_them(users):
    clerk = users["clerk"]
    for password in PASSWORDS:
        _set(clerk, password)
    rows = list(PasswordHistory.objects.filter(user=clerk))
    assert len(rows) == 5
    assert rows[0].password == User.objects.get(pk=clerk.pk).password  # the newest is the current hash
    assert all(row.password not in PASSWORDS and not any(p in row.password for p in PASSWORDS) for row in rows)


def test_residents_passwords_are_not_kept(users):
    resident = users["resident"]
    _set(resident, "Yellow-River-2026")
    assert not PasswordHistory.objects.filter(user=resident).exists()
    assert User.objects.get(pk=resident.pk).password_changed_at is not None


# --- Expiry ---------------------------------------------------------------------------------------------------------

STAFF_PAGES = ["accounts:staff-home", "accounts:person-search", "accounts:home", "admin:index"]


def _changed_days_ago(user: User, days: float) -> None:
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=days))


@pytest.mark.parametrize("role", ["clerk", "head", "admin"])
def test_an_expired_password_sends_every_page_to_the_change_until_changed(client, users, role):
    user = users[role]
    _changed_days_ago(user, 90.01)
    client.force_login(user)
    change = reverse("accounts:password-change")
    for name in STAFF_PAGES:
        assert client.get(reverse(name))["Location"] == change, name
    assert client.get(reverse("admin:accounts_user_changelist"))["Location"] == change
    hx = client.get(reverse("accounts:staff-home"), headers={"HX-Request": "true"})
    assert hx.status_code == 204 and hx["HX-Redirect"] == change
    page = client.get(change)
    assert page.status_code == 200 and "您的密码已使用超过90天，请先设置新密码再继续" in page.content.decode()
    assert client.post(change, {"old_password": DEMO_PASSWORD, "new_password1": NEW,
                                "new_password2": NEW}).status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 302  # on to the user's own home
    assert client.get(reverse("accounts:home"))["Location"] != change
    assert client.get(reverse("admin:index" if role == "admin" else "accounts:staff-home")).status_code == 200


def test_a_password_younger_than_the_limit_is_not_asked_for(client, users):
    _changed_days_ago(users["clerk"], 89.9)
    client.force_login(users["clerk"])
    assert client.get(reverse("accounts:staff-home")).status_code == 200


def test_the_bureau_sets_the_number_of_days(client, users, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 30
    _changed_days_ago(users["clerk"], 31)
    client.force_login(users["clerk"])
    response = client.get(reverse("accounts:staff-home"), follow=True)
    assert "您的密码已使用超过30天" in response.content.decode()
    settings.PASSWORD_MAX_AGE_DAYS = 0  # no expiry at all
    assert client.get(reverse("accounts:staff-home")).status_code == 200


def test_the_age_counts_from_the_last_change(client, users):
    clerk = users["clerk"]
    with freeze_time(timezone.now() - timedelta(days=100)):
        _set(clerk, NEW)
    client.force_login(clerk)
    assert client.get(reverse("accounts:staff-home")).status_code == 302
    _set(clerk, PASSWORDS[0])
    client.force_login(clerk)
    assert client.get(reverse("accounts:staff-home")).status_code == 200


def test_residents_and_employers_passwords_do_not_expire(client, users):
    for role, home in (("resident", "portal:resident-home"), ("employer_admin", "portal:employer-home")):
        _changed_days_ago(users[role], 400)
        client.force_login(users[role])
        assert client.get(reverse(home)).status_code == 200


# --- A password set before the rules --------------------------------------------------------------------------------

def test_a_staff_password_that_breaks_the_rules_is_replaced_at_login(client, users):
    clerk = users["clerk"]
    clerk.set_password("empB1234")
    User.objects.filter(pk=clerk.pk).update(password=clerk.password)  # as the portal accepted before the rules
    response = client.post(reverse("accounts:login"), {"username": "clerk", "password": "empB1234"}, follow=True)
    response = pass_second_factor(client, response)  # the code first: a password alone changes no password
    assert response.redirect_chain[-1][0] == reverse("accounts:password-change")
    assert "您的密码不符合工作人员密码规则，请先设置新密码再继续" in response.content.decode()
    assert client.get(reverse("accounts:staff-home"))["Location"] == reverse("accounts:password-change")
    client.post(reverse("accounts:password-change"),
                {"old_password": "empB1234", "new_password1": NEW, "new_password2": NEW})
    assert client.get(reverse("accounts:staff-home")).status_code == 200


def test_a_staff_password_that_meets_the_rules_logs_in_straight(client, users):
    response = client.post(reverse("accounts:login"), {"username": "clerk", "password": DEMO_PASSWORD}, follow=True)
    response = pass_second_factor(client, response)
    assert response.redirect_chain[-1][0] != reverse("accounts:password-change")
    assert client.get(reverse("accounts:staff-home")).status_code == 200
