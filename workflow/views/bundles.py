"""A bundled life event's public tracking page (every case of it by the bundle's code) and its receipt."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.access import public, require_access
from workflow.selectors.bundles import bundle_receipt, bundle_tracking
from workflow.views.receipts import receipt_tracking
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
    bundle = found.bundle
    return render(request, "workflow/receipts/bundle_receipt.html", {
        "receipt": found, "bundle": bundle,
        **receipt_tracking(request, code=bundle.tracking_code, formatted=bundle.formatted_tracking_code,
                           url_name="tracking:bundle-detail",
                           qr_title=_("QR code of the tracking page of application %(code)s") % {
                               "code": bundle.formatted_tracking_code}),
    })
