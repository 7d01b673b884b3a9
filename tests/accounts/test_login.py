"""Logging in: every demo login lands on its home page; failures lock out; idle staff are logged out."""

import re

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.demo import DEMO_PASSWORD, demo_logins
from accounts.models import User
from tests.support.twofactor import pass_second_factor

pytestmark = pytest.mark.django_db

HOMES = {
    "clerk": "counter:desk", "clerk2": "counter:desk", "streetclerk": "counter:desk",
    "communityclerk": "counter:desk", "reviewer": "workflow:workbench", "reviewer2": "workflow:workbench",
    "head": "workflow:head-board", "head2": "workflow:head-board",
    "leader": "workflow:city-overview", "admin": "accounts:staff-home",
    "employer": "portal:employer-home", "employer2": "portal:employer-home",
    # Labour relations (issue 15): inspectors and the arbitrator work from the workbench, their heads the board.
    **{f"inspector{code}": "workflow:workbench" for code in ("02", "03", "05", "22", "23")},
    "arbitrator": "workflow:workbench", "inspector-head": "workflow:head-board",
    "arbitration-chair": "workflow:head-board",
}


def login(client, username, password):
    """The login page, then for staff the code of their (demo) authenticator app."""
    response = client.post(reverse("accounts:login"), {"username": username, "password": password}, follow=True)
    return pass_second_factor(client, response)


def test_every_demo_login_lands_on_its_home_page(demo, client):
    logins = demo_logins()
    residents = [u for u, _, _ in logins if u not in HOMES]
    assert set(HOMES) <= {u for u, _, _ in logins} and residents  # every staff and employer login, and residents
    for username, password, _role in logins:
        client.logout()
        response = login(client, username, password)
        assert response.status_code == 200, username
        expected = HOMES.get(username, "portal:resident-home")
        assert response.redirect_chain[-1][0] == reverse(expected), username


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(demo, client):
    response = login(client, "clerk", "wrong")
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_even_for_the_right_password(demo, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "reviewer", "wrong")
    response = login(client, "reviewer", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_staff_are_logged_out_after_inactivity(demo, client, settings):
    with freeze_time("2026-03-02 09:00:00") as frozen:
        login(client, "clerk", DEMO_PASSWORD)
        assert client.get(reverse("accounts:staff-home")).status_code == 200
        frozen.tick(delta=settings.STAFF_IDLE_TIMEOUT.total_seconds() - 60)
        assert client.get(reverse("accounts:staff-home")).status_code == 200  # activity resets the clock
        frozen.tick(delta=settings.STAFF_IDLE_TIMEOUT.total_seconds() + 1)
        response = client.get(reverse("accounts:staff-home"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_residents_stay_logged_in_longer_than_staff(demo, client, settings, users):
    client.force_login(users["resident"])
    with freeze_time() as frozen:
        client.get(reverse("portal:resident-home"))
        frozen.tick(delta=settings.STAFF_IDLE_TIMEOUT.total_seconds() + 60)
        assert client.get(reverse("portal:resident-home")).status_code == 200


def test_a_user_the_administrator_creates_replaces_the_typed_password_first(client, users):
    """The admin's add form asks for a password change by default; the admin itself is behind it too."""
    client.force_login(users["admin"])
    page = client.get(reverse("admin:accounts_user_add")).content.decode()
    box = re.search(r'<input[^>]*name="must_change_password"[^>]*>', page)
    assert box and "checked" in box.group(0)
    staff = User.objects.create_user(username="new-clerk", password="Hall#2026long", kind=User.Kind.STAFF,
                                     must_change_password=True)
    staff.is_staff = True
    staff.save()
    # The admin lists who still has to choose a password.
    listed = client.get(reverse("admin:accounts_user_changelist"), {"must_change_password__exact": "1"})
    assert listed.status_code == 200 and "new-clerk" in listed.content.decode()
    assert listed.content.decode().count('class="field-username"') == 1  # nobody else
    client.force_login(staff)
    assert client.get(reverse("admin:index"))["Location"] == reverse("accounts:password-change")
    assert client.get(reverse("accounts:home"))["Location"] == reverse("accounts:password-change")
    client.post(reverse("accounts:password-change"), {"old_password": "Hall#2026long",
                                                      "new_password1": "Guitai#2026x", "new_password2": "Guitai#2026x"})
    assert not User.objects.get(pk=staff.pk).must_change_password
    assert client.get(reverse("admin:index")).status_code == 200
