"""What labour's views share: the office of the user when it is of a kind, and the post-and-redirect of a
decision form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.models import Office
from workflow.exceptions import WorkflowError

APPROVE = "labour.approve_extension"


def office_of_kind(request, kind: str) -> Office | None:
    office = request.user.office if request.user.office_id else None
    return office if office is not None and office.kind == kind else None


def act(request, form, call, back: str) -> HttpResponse:
    """Validate the posted form, call the service, say what happened, go back to the page: bad input is a
    message, and nothing changes."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        call(form.cleaned_data)
        messages.success(request, _("Saved."))
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return redirect(back)
