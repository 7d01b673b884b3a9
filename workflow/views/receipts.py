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


@require_access()
def receipt(request, number: str):
    """The offices that handle the case, leaders and the applicant may print it; anyone else gets a 404."""
    found = case_receipt(user=request.user, number=number)
    if found is None:
        raise Http404
    paper = request.GET.get("format")
    if paper not in FORMATS:
        # Counters print on receipt rolls; residents and employers print on office paper.
        paper = "80mm" if request.user.kind == User.Kind.STAFF else "a4"
    case = found.case
    tracking_url = settings.SITE_URL + reverse("tracking:track-detail", kwargs={"code": case.tracking_code})
    return render(request, "workflow/receipts/receipt_detail.html", {
        "receipt": found,
        "case": case,
        "paper": paper,
        "papers": list(FORMATS.items()),
        "barcode": code128_screen_and_print(case.tracking_code, module_mm=MODULE_MM[paper],
                                            label=_("Barcode of the tracking code %(code)s") % {
                                                "code": case.formatted_tracking_code}),
        "tracking_url": tracking_url,
        # For a phone's camera; the Code 128 barcode above stays for the halls' scanners.
        "tracking_qr": qr_svg(tracking_url, title=_("QR code of the tracking page of case %(code)s") % {
            "code": case.formatted_tracking_code}, css_class="qr-code receipt-qr"),
        "tracking_home": settings.SITE_URL + reverse("tracking:track"),
    })
