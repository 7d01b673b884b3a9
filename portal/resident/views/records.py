"""My records (the whole picture the domain apps register, shown to the person themselves) and the rights
statement PDF."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.access import require_access
from portal.resident.selectors import my_records, my_statements
from portal.resident.views.common import RESIDENT, STATEMENT_RATE, limited, me
from workflow.exceptions import NotEligible, WorkflowError
from workflow.registry import Application, Channel, registry
from workflow.services import case_accept

STATEMENT_SERVICE = "insurance.statement"


@require_access(perm=RESIDENT)
@never_cache
def records(request):
    person = me(request)
    return render(request, "portal/resident/records.html", {"person": person, **my_records(person=person)})


@require_access(perm=RESIDENT)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def statement(request):
    """Choose a year; the statement is issued as an online case of insurance's statement service and opens."""
    if STATEMENT_SERVICE not in registry or Channel.ONLINE not in registry.get(STATEMENT_SERVICE).channels:
        raise Http404
    spec, person = registry.get(STATEMENT_SERVICE), me(request)
    application = Application(service=spec, channel=Channel.ONLINE, actor=request.user, person=person)
    form = spec.form(request.POST if request.method == "POST" else None, application=application)
    status = 200
    if request.method == "POST":
        if limited(request, group="resident.statement", rate=STATEMENT_RATE, key="user"):
            form.add_error(None, _("You have asked for many statements in a short time: please try again later."))
            status = 429
        elif form.is_valid():
            try:
                case = case_accept(service_code=STATEMENT_SERVICE, actor=request.user, channel=Channel.ONLINE,
                                   person=person, data=form.to_data())
            except NotEligible as exc:
                for check in exc.errors:
                    form.add_error(None, f"{check.label} {check.detail}".strip())
            except WorkflowError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("insurance:statement-download", code=case.result["statement"])
    return render(request, "portal/resident/statement.html",
                  {"form": form, "statements": my_statements(person=person)}, status=status)
