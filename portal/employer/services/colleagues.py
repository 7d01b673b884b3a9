"""The employer administrator's management of colleagues' logins: add (with a temporary password or a one-time
link to set one), deactivate, reactivate, issue a new link. Only the employer's own administrator may."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.exceptions import AccountsError
from accounts.models import User
from accounts.services import employer_user_create
from portal.employer.exceptions import EmployerError
from workflow.notifications import SIGNATURE
from workflow.services import outbox_enqueue
from workflow.sms import sms_kind_register

TEMPORARY, LINK = "temporary", "link"
MANAGE = "accounts.manage_employer_users"
LOGIN_LINK_SMS = sms_kind_register("employer.login-link", gettext_lazy(
    "%(employer)s gave you the login %(username)s to its online service. Set your password within %(days)s days: "
    "%(url)s"))
# No 0/O, 1/l/I: the administrator reads the password out or writes it down.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Secret:
    """What the administrator hands to the colleague, shown once: a temporary password or a link."""

    kind: str  # TEMPORARY or LINK
    value: str  # the password, or the link's path
    username: str
    sms_sent: bool = False


def _manager(actor: User, colleague: User | None = None) -> None:
    if actor.kind != User.Kind.EMPLOYER or actor.employer_id is None or not actor.has_perm(MANAGE):
        raise EmployerError(_("Only the employer's administrator may manage logins."), code="forbidden")
    if colleague is not None and (colleague.kind != User.Kind.EMPLOYER or colleague.employer_id != actor.employer_id):
        raise EmployerError(_("This login belongs to another employer."), code="forbidden")


def temporary_password() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(12))


def set_password_path(user: User) -> str:
    """The path of a link that lets the colleague choose their password, once (it dies when the password changes)
    and for PASSWORD_RESET_TIMEOUT seconds."""
    return reverse("employer:set-password", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                                                    "token": default_token_generator.make_token(user)})


def _send_link(user: User, path: str) -> bool:
    if not user.phone:
        return False
    url = settings.SITE_URL + path
    days = max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1)
    params = {"employer": user.employer.name, "username": user.username, "days": days, "url": url}
    outbox_enqueue(key=f"employer-login:{user.pk}:{path.rstrip('/').rsplit('/', 1)[-1]}", phone=user.phone,
                   body=SIGNATURE + LOGIN_LINK_SMS.render(params), kind=LOGIN_LINK_SMS, params=params)
    return True


@transaction.atomic
def colleague_add(*, actor: User, username: str, name: str, phone: str = "", is_admin: bool = False,
                  method: str = LINK) -> tuple[User, Secret]:
    """Add a login for a colleague of the actor's employer. LINK: no password yet, a one-time link to set it
    (also sent by SMS when a mobile number is given); TEMPORARY: a generated password to hand over."""
    _manager(actor)
    if method not in (TEMPORARY, LINK):
        raise EmployerError(_("Choose how the colleague gets a password."), code="method")
    password = temporary_password()
    try:
        user = employer_user_create(actor=actor, employer=actor.employer, username=username.strip(),
                                    password=password, is_admin=is_admin, name=name.strip(), phone=phone)
    except AccountsError as exc:
        raise EmployerError(exc.message, code=exc.code, field="username" if exc.code == "duplicate" else None) \
            from exc
    except ValidationError as exc:
        raise EmployerError(" ".join(exc.messages), code="phone", field="phone") from exc
    if method == TEMPORARY:
        validate_password(password, user)
        user.must_change_password = True  # handed over by someone else: they choose their own at once
        user.save(update_fields=["must_change_password"])
        return user, Secret(TEMPORARY, password, user.username)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    path = set_password_path(user)
    return user, Secret(LINK, path, user.username, sms_sent=_send_link(user, path))


@transaction.atomic
def colleague_set_active(*, actor: User, colleague: User, active: bool) -> User:
    """Deactivate a colleague's login (they are signed out at their next request) or reactivate it."""
    _manager(actor, colleague)
    if colleague.pk == actor.pk:
        raise EmployerError(_("You cannot deactivate your own login."), code="self")
    colleague = User.objects.select_for_update().get(pk=colleague.pk)
    if colleague.is_active != active:
        colleague.is_active = active
        colleague.save(update_fields=["is_active"])
    return colleague


@transaction.atomic
def colleague_link(*, actor: User, colleague: User) -> Secret:
    """A new one-time link for a colleague who forgot their password (their current password keeps working until
    the link is used)."""
    _manager(actor, colleague)
    if not colleague.is_active:
        raise EmployerError(_("Reactivate the login first."), code="inactive")
    path = set_password_path(colleague)
    return Secret(LINK, path, colleague.username, sms_sent=_send_link(colleague, path))
