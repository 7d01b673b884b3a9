"""What the resident's pages share: the resident's own person, and rate limits that never turn into a 500."""

from __future__ import annotations

import logging

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from portal.resident.selectors import resident_person

logger = logging.getLogger(__name__)

RESIDENT = "accounts.use_resident_site"
# Per client address: identifying (sign-up, reset) and checking SMS codes. Per resident: statements, uploads.
IDENTIFY_RATE = getattr(settings, "RESIDENT_IDENTIFY_RATE", "20/h")
CODE_RATE = getattr(settings, "RESIDENT_CODE_RATE", "30/h")
STATEMENT_RATE = getattr(settings, "RESIDENT_STATEMENT_RATE", "20/h")
UPLOAD_RATE = getattr(settings, "RESIDENT_UPLOAD_RATE", "60/h")


def limited(request, *, group: str, rate: str, key: str = "ip") -> bool:
    """Count this request against the limit; True past it. A broken cache lets the request through (logged)."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    try:
        return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)
    except Exception:
        logger.exception("Rate limit %s could not be checked", group)
        return False


def me(request):
    """The logged-in resident's person (1 query)."""
    return resident_person(user=request.user)
