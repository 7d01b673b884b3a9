"""Answering the bureau's offers (免申即享), the same for a resident and an employer: the channel's views find the
offer among their own and say where to go next; confirming and declining, and what the user is told, are here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.text import clauses
from workflow.exceptions import NotEligible, WorkflowError
from workflow.services.proactive import offer_confirm, offer_decline


class DeclineForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why (optional)"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


def confirm(request, offer, *, case_url: str, home: str):
    """Confirm and go to the case (its back office and deadline said), or back home with why not."""
    try:
        case = offer_confirm(offer=offer, actor=request.user)
    except NotEligible as exc:
        messages.error(request, clauses([exc.message, *(
            _("%(label)s: %(detail)s") % {"label": c.label, "detail": c.detail} if c.detail else str(c.label)
            for c in exc.checks if c.is_error)]))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Confirmed: your application goes to the back office, which decides it by "
                                    "%(deadline)s.") % {"deadline": f"{timezone.localtime(case.deadline):%Y-%m-%d}"})
        return redirect(case_url, number=case.number)
    return redirect(home)


def decline(request, offer, *, home: str):
    """Decline with the optional reason of the form; back home either way."""
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(home)
    try:
        offer_decline(offer=offer, actor=request.user, reason=form.cleaned_data["reason"])
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Declined: the bureau will not ask you again on the same facts."))
    return redirect(home)
