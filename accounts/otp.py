"""Issuing and checking one-time codes: 6 digits, valid 10 minutes, usable once, rate-limited, hashed at rest."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import AccountsError
from accounts.models import OneTimeCode, Person

VALID_FOR = timedelta(minutes=10)
MIN_INTERVAL = timedelta(seconds=60)  # between two codes for the same person and purpose
MAX_PER_HOUR = 5
MAX_WRONG_ATTEMPTS = 5


# "<salt>$<digest>" fits OneTimeCode.code_hash (64 characters): 8 hex digits of salt, the HMAC's first 55 (220 bits).
SALT_BYTES = 4
DIGEST_CHARS = 64 - 2 * SALT_BYTES - 1


def _hash(code_id_salt: str, code: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{code_id_salt}:{code}".encode(), hashlib.sha256).hexdigest()
    return digest[:DIGEST_CHARS]


@transaction.atomic
def otp_issue(*, person: Person, purpose: str) -> tuple[OneTimeCode, str]:
    """A new code for a person and purpose (returned in clear once, for the SMS). Refuses when asked too often."""
    Person.objects.select_for_update().filter(pk=person.pk).first()  # serialise concurrent requests per person
    now = timezone.now()
    recent = OneTimeCode.objects.filter(person=person, purpose=purpose, created_at__gte=now - timedelta(hours=1))
    latest = recent.order_by("-created_at").first()
    if latest is not None and now - latest.created_at < MIN_INTERVAL:
        raise AccountsError(_("A code was sent less than a minute ago. Please wait before asking again."),
                            code="too_soon")
    if recent.count() >= MAX_PER_HOUR:
        raise AccountsError(_("Too many codes were requested. Please try again in an hour."), code="too_many")
    code = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(SALT_BYTES)
    otp = OneTimeCode.objects.create(person=person, purpose=purpose, code_hash=f"{salt}${_hash(salt, code)}",
                                     expires_at=now + VALID_FOR)
    return otp, code


def otp_verify(*, person: Person, purpose: str, code: str) -> OneTimeCode:
    """Use the person's latest code for this purpose, or raise AccountsError (wrong, expired, used, locked).

    A wrong guess is counted and committed before the error is raised (no enclosing transaction may undo it).
    """
    with transaction.atomic():
        otp = (OneTimeCode.objects.select_for_update().filter(person=person, purpose=purpose)
               .order_by("-created_at").first())
        now = timezone.now()
        if otp is None or otp.used_at is not None:
            raise AccountsError(_("Ask for a new code."), code="no_code")
        if otp.expires_at <= now:
            raise AccountsError(_("The code has expired. Ask for a new one."), code="expired")
        if otp.attempts >= MAX_WRONG_ATTEMPTS:
            raise AccountsError(_("Too many wrong codes. Ask for a new one."), code="locked")
        salt, _sep, digest = otp.code_hash.partition("$")
        right = len(digest) == DIGEST_CHARS and hmac.compare_digest(digest, _hash(salt, (code or "").strip()))
        if right:
            otp.used_at = now
            otp.save(update_fields=["used_at"])
        else:
            OneTimeCode.objects.filter(pk=otp.pk).update(attempts=F("attempts") + 1)
    if not right:
        raise AccountsError(_("The code is not right."), code="wrong")
    return otp
