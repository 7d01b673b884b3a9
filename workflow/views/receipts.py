"""The receipt of a case, printed at the counter (80 mm thermal printer) or at home (A4)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.access import require_access
from accounts.models import User
from accounts.qrcodes import qr_svg
from workflow.barcodes import code128_screen_and_print
from workflow.selectors.tracking import case_receipt

FORMATS = {"80mm": _("80 mm receipt printer"), "a4": _("A4 paper")}
# Bars of 0.25 mm are two dots of a 203 dpi thermal head; on A4 there is room for wider, easier bars.
MODULE_MM = {"80mm": 0.25, "a4": 0.33}


def receipt_tracking(request, *, code: str, formatted: str, url_name: str, qr_title: str) -> dict:
    """What a printed receipt shows to follow what it receipts (a case, or a life event's cases): the paper, the
    Code 128 barcode for the halls' scanners, the QR code of the tracking page for a phone's camera, the address."""
    paper = request.GET.get("format")
    if paper not in FORMATS:
        # Counters print on receipt rolls; residents and employers print on office paper.
        paper = "80mm" if request.user.kind == User.Kind.STAFF else "a4"
    tracking_url = settings.SITE_URL + reverse(url_name, kwargs={"code": code})
    return {
        "paper": paper,
        "papers": list(FORMATS.items()),
        "barcode": code128_screen_and_print(code, module_mm=MODULE_MM[paper],
                                            label=_("Barcode of the tracking code %(code)s") % {"code": formatted}),
        "tracking_url": tracking_url,
        "tracking_qr": qr_svg(tracking_url, title=qr_title, css_class="qr-code receipt-qr"),
        "tracking_home": settings.SITE_URL + reverse("tracking:track"),
    }


@require_access()
def receipt(request, number: str):
    """The offices that handle the case, leaders and the applicant may print it; anyone else gets a 404."""
    found = case_receipt(user=request.user, number=number)
    if found is None:
        raise Http404
    case = found.case
    return render(request, "workflow/receipts/receipt_detail.html", {
        "receipt": found, "case": case,
        **receipt_tracking(request, code=case.tracking_code, formatted=case.formatted_tracking_code,
                           url_name="tracking:track-detail",
                           qr_title=_("QR code of the tracking page of case %(code)s") % {
                               "code": case.formatted_tracking_code}),
    })
