"""Colleagues' logins: the employer's administrator adds them (one-time link or temporary password), deactivates
and reactivates them; staff see the list but cannot manage; nobody manages another employer's logins."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.models import User
from workflow.models import OutboundMessage

pytestmark = pytest.mark.django_db


def _add(client, **fields):
    data = {"username": "zhangsan", "name": "张三", "phone": "", "role": "staff", "method": "link", **fields}
    return client.post(reverse("employer:user-add"), data)


def test_the_administrator_adds_a_colleague_with_a_one_time_link(firm, client):
    client.force_login(firm["admin"])
    response = _add(client, phone="13812345678")
    assert response.status_code == 302
    user = User.objects.get(username="zhangsan")
    assert (user.kind, user.employer, user.has_usable_password()) == ("employer", firm["employer"], False)
    assert user.groups.filter(name="employer_staff").exists()
    page = client.get(reverse("employer:users")).content.decode()
    link = page.split('id="secret-value">')[1].split("<")[0]
    assert "/employer/welcome/" in link
    # Shown once: the next visit no longer shows it.
    assert 'id="secret-value"' not in client.get(reverse("employer:users")).content.decode()
    # The colleague also gets it by SMS, and it works once.
    sms = OutboundMessage.objects.get(phone="13812345678")
    assert link.split("testserver", 1)[1] in sms.body
    client.logout()
    path = link.split("testserver", 1)[1]
    response = client.get(path)
    assert response.status_code == 302  # the token leaves the address
    response = client.post(response["Location"], {"new_password1": "Qiye#2026long", "new_password2": "Qiye#2026long"})
    assert response.status_code == 302
    assert User.objects.get(username="zhangsan").check_password("Qiye#2026long")
    assert client.get(path).status_code == 404  # used up


def test_a_temporary_password_is_shown_once_and_works(firm, client):
    client.force_login(firm["admin"])
    _add(client, username="lisi", method="temporary", role="admin")
    page = client.get(reverse("employer:users")).content.decode()
    password = page.split('id="secret-value">')[1].split("<")[0]
    assert len(password) == 12
    user = User.objects.get(username="lisi")
    assert user.check_password(password) and user.has_perm("accounts.manage_employer_users")
    assert user.must_change_password


def test_a_temporary_password_must_be_replaced_before_anything_else(firm, client):
    client.force_login(firm["admin"])
    _add(client, username="lisi", method="temporary")
    password = client.get(reverse("employer:users")).content.decode().split('id="secret-value">')[1].split("<")[0]
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "lisi", "password": password})
    assert response.status_code == 302
    change = reverse("accounts:password-change")
    # Every page that needs a login sends the colleague to choose a password, partial pages included.
    for url in (reverse("accounts:home"), reverse("portal:employer-home"), reverse("employer:employees")):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, change), url
    partial = client.get(reverse("portal:employer-home"), headers={"HX-Request": "true"})
    assert (partial.status_code, partial["HX-Redirect"]) == (204, change)
    # Public pages and logging out stay open.
    assert client.get(reverse("tracking:track")).status_code == 200
    page = client.get(change)
    assert page.status_code == 200 and "new_password1" in page.content.decode()
    # A refused change (wrong old password) changes nothing.
    client.post(change, {"old_password": "wrong", "new_password1": "Qiye#2026long", "new_password2": "Qiye#2026long"})
    assert User.objects.get(username="lisi").must_change_password
    assert client.get(reverse("portal:employer-home")).status_code == 302
    response = client.post(change, {"old_password": password, "new_password1": "Qiye#2026long",
                                    "new_password2": "Qiye#2026long"})
    assert response.status_code == 302
    user = User.objects.get(username="lisi")
    assert not user.must_change_password and user.check_password("Qiye#2026long")
    assert client.get(reverse("portal:employer-home")).status_code == 200


def test_a_colleague_who_sets_the_password_by_link_need_not_change_it(firm, client):
    client.force_login(firm["admin"])
    _add(client, username="wangwu", method="link")
    assert not User.objects.get(username="wangwu").must_change_password


def test_a_taken_user_name_is_refused_with_a_message(firm, client):
    client.force_login(firm["admin"])
    response = _add(client, username=firm["staff"].username)
    assert response.status_code == 200
    assert escape(_("This user name is taken.")) in response.content.decode()
    assert User.objects.filter(username=firm["staff"].username).count() == 1


def test_staff_see_the_list_but_cannot_manage(firm, client):
    client.force_login(firm["staff"])
    page = client.get(reverse("employer:users"))
    assert page.status_code == 200 and firm["admin"].username in page.content.decode()
    assert reverse("employer:user-add") not in page.content.decode()
    assert _add(client).status_code == 403
    url = reverse("employer:user-deactivate", kwargs={"user_id": firm["admin"].pk})
    assert client.post(url).status_code == 403
    assert User.objects.get(pk=firm["admin"].pk).is_active


def test_deactivation_signs_the_colleague_out_and_reactivation_lets_them_back(firm, client):
    from django.test import Client

    colleague = Client()
    colleague.force_login(firm["staff"])
    assert colleague.get(reverse("employer:employees")).status_code == 200
    client.force_login(firm["admin"])
    client.post(reverse("employer:user-deactivate", kwargs={"user_id": firm["staff"].pk}))
    assert not User.objects.get(pk=firm["staff"].pk).is_active
    assert colleague.get(reverse("employer:employees")).status_code == 302  # back to the login page
    client.post(reverse("employer:user-activate", kwargs={"user_id": firm["staff"].pk}))
    assert User.objects.get(pk=firm["staff"].pk).is_active


def test_the_administrator_cannot_deactivate_themself(firm, client):
    client.force_login(firm["admin"])
    response = client.post(reverse("employer:user-deactivate", kwargs={"user_id": firm["admin"].pk}), follow=True)
    assert User.objects.get(pk=firm["admin"].pk).is_active
    assert escape(_("You cannot deactivate your own login.")) in response.content.decode()


def test_another_employers_login_cannot_be_touched(firm, rival, client):
    client.force_login(firm["admin"])
    for name in ("user-deactivate", "user-activate", "user-link"):
        assert client.post(reverse(f"employer:{name}", kwargs={"user_id": rival["staff"].pk})).status_code == 404
    assert User.objects.get(pk=rival["staff"].pk).is_active
    assert rival["staff"].username not in client.get(reverse("employer:users")).content.decode()


def test_the_service_refuses_a_manager_of_another_employer(firm, rival):
    from portal.employer.exceptions import EmployerError
    from portal.employer.services import colleague_set_active

    with pytest.raises(EmployerError):
        colleague_set_active(actor=firm["admin"], colleague=rival["staff"], active=False)
    with pytest.raises(EmployerError):
        colleague_set_active(actor=firm["staff"], colleague=firm["admin"], active=False)
