"""My electronic social-security card: a QR code that identifies me at any window, point or kiosk, valid for a
minute and used once; the page asks for a new one before it runs out (htmx), with a countdown."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts import ecard
from accounts.access import require_access
from accounts.qrcodes import qr_svg
from portal.resident.views.common import RESIDENT, me


def _code(person) -> dict:
    """A new code for the person's own page, drawn; or why none is issued."""
    try:
        code = ecard.ecard_issue(person=person)
    except ecard.ECardRefused as exc:
        return {"refused": exc.message}
    return {"code": code, "valid_seconds": ecard.VALID_SECONDS, "refresh_seconds": ecard.REFRESH_SECONDS,
            "qr": qr_svg(code.content, title=_("QR code of my electronic social-security card"),
                         css_class="qr-code ecard-qr")}


@require_access(perm=RESIDENT)
@never_cache
@require_safe
def ecard_page(request):
    person = me(request)
    return render(request, "portal/resident/ecard.html", {"person": person, **_code(person)})


@require_access(perm=RESIDENT)
@never_cache
@require_safe
def ecard_code(request):
    """The code alone, which the page fetches every REFRESH_SECONDS (and when the phone wakes)."""
    return render(request, "portal/resident/partials/_ecard_code.html", _code(me(request)))
