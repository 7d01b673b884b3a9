"""A bundled life event's public tracking page (every case of it by the bundle's code) and its receipt."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.access import public, require_access
from accounts.models import User
from accounts.qrcodes import qr_svg
from workflow.barcodes import code128_screen_and_print
from workflow.selectors.bundles import bundle_receipt, bundle_tracking
from workflow.views.receipts import FORMATS, MODULE_MM
from workflow.views.tracking import _not_found, rate_limited


@public
@never_cache
@require_safe
@rate_limited("tracking.detail")
def bundle_detail(request, code: str):
    """Unknown and malformed codes get the case page's not-found answer, from one query like a found bundle."""
    tracked = bundle_tracking(code=code)
    if tracked is None:
        return _not_found(request)
    return render(request, "workflow/tracking/bundle_detail.html", {"bundle": tracked})


@require_access()
def bundle_receipt_view(request, number: str):
    """The accepting office, leaders and the applicant may print it (whoever may see every case of it)."""
    found = bundle_receipt(user=request.user, number=number)
    if found is None:
        raise Http404
    paper = request.GET.get("format")
    if paper not in FORMATS:
        paper = "80mm" if request.user.kind == User.Kind.STAFF else "a4"
    bundle = found.bundle
    tracking_url = settings.SITE_URL + reverse("tracking:bundle-detail", kwargs={"code": bundle.tracking_code})
    return render(request, "workflow/receipts/bundle_receipt.html", {
        "receipt": found,
        "bundle": bundle,
        "paper": paper,
        "papers": list(FORMATS.items()),
        "barcode": code128_screen_and_print(bundle.tracking_code, module_mm=MODULE_MM[paper],
                                            label=_("Barcode of the tracking code %(code)s") % {
                                                "code": bundle.formatted_tracking_code}),
        "tracking_url": tracking_url,
        "tracking_qr": qr_svg(tracking_url, title=_("QR code of the tracking page of application %(code)s") % {
            "code": bundle.formatted_tracking_code}, css_class="qr-code receipt-qr"),
        "tracking_home": settings.SITE_URL + reverse("tracking:track"),
    })
