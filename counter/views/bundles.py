"""A life event (一件事) at the desk: the clerk fills the one form for the identified person and accepts every
case of it at once, or is told, per service, what stops it; then the bundle's receipt."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.access import require_access
from counter import services
from counter.selectors.queue import desk_state
from counter.views.desk import OPERATE, _desk_context, _log_read, _subject
from workflow.bundle_forms import BundleForm
from workflow.bundles import bundles
from workflow.exceptions import BundleBlocked, WorkflowError
from workflow.registry import Channel, registry
from workflow.services.bundles import bundle_new_key


@require_access(perm=OPERATE)
def desk_bundle(request, pk: int, code: str):
    person = _subject(request, "person", pk)
    if code not in bundles or Channel.COUNTER not in bundles.get(code).channels:
        raise Http404
    spec, posted = bundles.get(code), request.method == "POST"
    form = BundleForm(request.POST if posted else None, spec=spec, channel=Channel.COUNTER, actor=request.user,
                      person=person, office=request.user.office, initial={"key": bundle_new_key()}, prefix="f")
    problems = None
    if posted and form.is_valid():
        try:
            bundle = services.desk_accept_bundle(actor=request.user, bundle_code=code, person=person,
                                                 data=form.bundle_data, key=form.cleaned_data["key"],
                                                 ticket=desk_state(user=request.user).ticket)
        except BundleBlocked as exc:
            messages.error(request, exc.message)
            problems = exc.problems
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("receipts:bundle-receipt", number=bundle.number)
    context = _desk_context(request)
    context.update({"kind": "person", "subject": person, "spec": spec, "form": form, "problems": problems,
                    "services": [registry.get(p.service) for p in spec.parts]})
    _log_read(request, context, person)
    return render(request, "counter/desk_bundle.html", context)
