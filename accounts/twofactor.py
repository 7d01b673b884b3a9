"""Staff second factor (django-otp): who needs one, enrolling an authenticator app, recovery codes, checking a code,
an administrator's reset of a colleague's devices, and the QR code drawn for the enrolment page.

Every staff login and every Django-admin user signs in with a password and then a code from an authenticator app
(TOTP, RFC 6238) or one of ten recovery codes, each usable once. Wrong codes count in the login lockout
(accounts/lockout.py) exactly as wrong passwords do; the views record them (they hold the request).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import segno
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.exceptions import AccountsError
from accounts.models import User
from accounts.passwords import is_staff_login

RECOVERY_CODE_COUNT = 10
# Lower-case letters and digits without the look-alikes (0/o, 1/l/i): read off paper, typed on a phone.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"
REASON_MAX_LENGTH = 200


def second_factor_required(user) -> bool:
    """Bureau staff and everyone who may open the Django admin; residents, employers and API clients are not asked."""
    return user is not None and user.is_authenticated and is_staff_login(user)


def totp_device_of(user) -> TOTPDevice | None:
    """The user's enrolled authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalize_code(raw: str) -> str:
    """What the user typed, without the spaces and dashes that authenticator apps and our printout put in."""
    return "".join((raw or "").split()).replace("-", "").lower()[:32]


def format_recovery_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def format_secret(device: TOTPDevice) -> str:
    """The key as an authenticator app's manual entry expects it (base 32), in groups of four."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG markup (no image request, no script, no inline style: nothing the
    portal's Content-Security-Policy refuses, and no outside service), named for screen readers."""
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", svgclass="qr-code",
                        title=_("QR code of the key for the authenticator app"))
    return svg.replace("<svg ", '<svg role="img" ', 1)


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device whose key the enrolment page shows (the same one on every reload until confirmed)."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one pending device, however many tabs
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_enrolment_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending device with a current code from the app; returns it and the new recovery codes (shown
    once). Raises AccountsError when the code is wrong or there is nothing to confirm."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    if totp_device_of(user) is not None:
        raise AccountsError(_("An authenticator app is already set up for this account."), code="enrolled")
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        raise AccountsError(_("Open the set-up page again: the key has changed."), code="no_device")
    code = normalize_code(code)
    if not (code.isdigit() and len(code) == device.digits and device.verify_token(code)):
        raise AccountsError(_("The code is not right. Type the six digits the app shows now."), code="wrong")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return device, _recovery_codes_replace(user=user)


def recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes for the user; the old ones stop working. Returned in clear once, for the page."""
    with transaction.atomic():
        return _recovery_codes_replace(user=user)


def _digest(code: str) -> str:
    """How a recovery code is kept: a keyed hash (django-otp would keep it in clear), 64 bits in its 16 characters."""
    return hmac.new(settings.SECRET_KEY.encode(), f"recovery:{code}".encode(), hashlib.sha256).hexdigest()[:16]


def _recovery_codes_replace(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = ["".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
             for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=_digest(code)) for code in codes)
    return [format_recovery_code(code) for code in codes]


def second_factor_check(*, user: User, code: str):
    """The device that accepts the code (an authenticator code, or a recovery code, which is used up), or None.

    A recovery code is deleted in one statement, so two requests racing with the same code cannot both pass.
    """
    code = normalize_code(code)
    if not code:
        return None
    with transaction.atomic():
        if code.isdigit() and len(code) == 6:
            device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
            # verify_token refuses a code already used (replay) and counts nothing itself (throttling is off).
            return device if device is not None and device.verify_token(code) else None
        if len(code) != RECOVERY_CODE_LENGTH:
            return None
        token = StaticToken.objects.filter(device__user=user, device__confirmed=True, token=_digest(code)).first()
        if token is None or StaticToken.objects.filter(pk=token.pk).delete()[0] != 1:
            return None
        return token.device


@transaction.atomic
def second_factor_reset(*, user: User, actor: User, reason: str) -> int:
    """An administrator removes a colleague's authenticator app and recovery codes, with a reason recorded in the
    admin's history of the user; the colleague sets up a new app at the next login. The number of devices removed.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise AccountsError(_("Give the reason for the reset."), code="no_reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise AccountsError(_("Keep the reason under %(count)d characters.") % {"count": REASON_MAX_LENGTH},
                            code="reason_too_long")
    if user.pk == actor.pk:
        raise AccountsError(_("Another administrator must reset your own two-factor sign-in."), code="self")
    if not second_factor_required(user):
        raise AccountsError(_("This account does not use two-factor sign-in."), code="not_staff")
    removed = TOTPDevice.objects.filter(user=user).delete()[1].get("otp_totp.TOTPDevice", 0)
    StaticDevice.objects.filter(user=user).delete()
    with translation.override(settings.LANGUAGE_CODE):  # stored once, read by the bureau
        LogEntry.objects.log_actions(
            user_id=actor.pk, queryset=[user], action_flag=CHANGE, single_object=True,
            change_message=_("Two-factor sign-in reset (the user sets it up again at the next login). "
                             "Reason: %(reason)s") % {"reason": reason},
        )
    return removed



def staff_second_factor_list():
    """Staff and admin logins with whether each has an authenticator app set up, for the administrator's page."""
    from django.db.models import Exists, OuterRef, Q

    enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (User.objects.filter(Q(kind=User.Kind.STAFF) | Q(is_staff=True) | Q(is_superuser=True))
            .filter(is_active=True).select_related("office").annotate(enrolled=Exists(enrolled))
            .order_by("office__code", "username"))
