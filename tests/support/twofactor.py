"""The tests' one way to be a verified staff session, and the codes a test types at the second factor.

`client.force_login(user)` stands for a whole login, as it does for the password: for a user who needs a second
factor (accounts.twofactor.second_factor_required) the suite's conftest marks the session verified after it, with
the user's authenticator device (created for a user the test made itself). The requirement stays on: a real login
through the login page, and `login_password_only`, give a session that reaches no staff or admin page until a
code is typed.
"""

from __future__ import annotations

from django.test import Client

_force_login = Client.force_login  # Django's own, before conftest wraps it


def login_password_only(client, user) -> None:
    """A session after the password and before the second factor."""
    _force_login(client, user)


def device_for(user):
    """The user's confirmed authenticator device: the demo one, or a new one for a user made by the test."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.twofactor import TOTP_NAME

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True)


def mark_verified(client, user) -> None:
    """The session of a logged-in client, marked as having passed the second factor (as django_otp.login does)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device_for(user).persistent_id
    session.save()


def force_login(client, user, backend=None) -> None:
    """Client.force_login under the suite: the password and, for staff, the second factor."""
    from accounts.twofactor import second_factor_required

    _force_login(client, user, backend)
    if second_factor_required(user):
        mark_verified(client, user)


def fresh_code(user) -> str:
    """A code the user's authenticator app would show now and the portal has not seen yet.

    The portal refuses a code used before (replay); tests log the same demo user in more often than once in 30
    seconds, so the device forgets the last code it took (what waiting for the next one would do, without the wait).
    """
    from accounts.demo_twofactor import current_code

    device = device_for(user)
    device.last_t = -1
    device.save(update_fields=["last_t"])
    return current_code(device)


def pass_second_factor(client, response):
    """After a real login through the login page (followed): type the current code if the portal asks for one."""
    from django.urls import reverse

    verify = reverse("accounts:two-factor-verify")
    if not response.redirect_chain or not response.redirect_chain[-1][0].startswith(verify):
        return response
    from accounts.models import User

    user = User.objects.get(pk=client.session["_auth_user_id"])
    return client.post(response.redirect_chain[-1][0], {"code": fresh_code(user)}, follow=True)
