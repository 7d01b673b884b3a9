"""The signed link of a completion SMS that lets the applicant rate the case without logging in.

The token is the case number signed with the site's secret (HMAC, salted for this use) and a timestamp: it cannot be
guessed or forged, it expires, and the rating it leads to is taken once per case (the SMS channel's unique row)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from workflow.rules.ratings import SMS_LINK_DAYS

_SALT = "workflow.rating.sms"


def rating_token(number: str) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(number)


def rating_token_number(token: str) -> str | None:
    """The case number a token was made for, or None for a forged, damaged or expired one."""
    try:
        return signing.TimestampSigner(salt=_SALT).unsign(token or "", max_age=SMS_LINK_DAYS * 86400)
    except signing.BadSignature:
        return None


def rating_link(number: str) -> str:
    return f"{settings.SITE_URL}{reverse('ratings:sms-rate', kwargs={'token': rating_token(number)})}"
