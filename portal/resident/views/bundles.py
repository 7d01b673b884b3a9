"""Life events online (一件事一次办): one form for several services, accepted together or not at all, then the
bundle's receipt (one tracking code for all its cases)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.access import require_access
from portal.resident.views.common import RESIDENT
from workflow.bundle_forms import BundleForm
from workflow.bundles import bundles
from workflow.exceptions import BundleBlocked, WorkflowError
from workflow.registry import Channel, registry
from workflow.services.bundles import bundle_accept, bundle_new_key


@require_access(perm=RESIDENT)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply_bundle(request, code: str):
    if code not in bundles or Channel.ONLINE not in bundles.get(code).channels:
        raise Http404
    spec, person = bundles.get(code), request.user.person
    form = BundleForm(request.POST if request.method == "POST" else None, spec=spec, channel=Channel.ONLINE,
                      actor=request.user, person=person, initial={"key": bundle_new_key()}, prefix="f")
    problems = None
    if request.method == "POST" and form.is_valid():
        try:
            bundle = bundle_accept(bundle_code=code, actor=request.user, channel=Channel.ONLINE, person=person,
                                   data=form.bundle_data, key=form.cleaned_data["key"])
        except BundleBlocked as exc:
            messages.error(request, exc.message)
            problems = exc.problems
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("receipts:bundle-receipt", number=bundle.number)
    return render(request, "portal/resident/apply_bundle.html", {
        "spec": spec, "form": form, "problems": problems, "services": [registry.get(p.service) for p in spec.parts],
    })
