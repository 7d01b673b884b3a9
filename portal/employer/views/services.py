"""The registered services an employer starts online (work-injury quick report and recognition, back payment,
declaration correction, subsidies...): each with its own form and checks, landing in the same cases as the counter."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import require_access
from accounts.params import id_param
from portal.employer import selectors
from portal.employer.forms import EmployeeForm
from portal.employer.views.common import USE, employer_of
from workflow.exceptions import NotEligible, WorkflowError
from workflow.registry import Application, Channel
from workflow.services import case_accept, case_check


@require_access(perm=USE)
def services(request):
    employer_of(request)
    return render(request, "portal/employer/service_list.html", {"entries": selectors.employer_catalogue()})


def _employee(request, employer, form: EmployeeForm | None):
    """The employee a service is for: one of the employer's own staff, else a form error (never a lookup of the
    registry at large)."""
    if form is None or not form.is_valid():
        return None
    person = selectors.employees_of(employer=employer).filter(id_number=form.cleaned_data["id_number"]).first()
    if person is None:
        form.add_error("id_number", _("No employee of yours has this identity number."))
    return person


def _chosen(request, employer) -> dict:
    """Coming from an employee's page (?employee=<id>): their number filled in, if they are ours."""
    pk = id_param(request.GET.get("employee"))
    person = selectors.employees_of(employer=employer).filter(pk=pk).first() if pk is not None else None
    return {"id_number": person.id_number} if person is not None else {}


def _run(request, entry, employer, person, data):
    """Check, or accept (action=submit): (case or None, checks or None)."""
    arguments = {"service_code": entry.code, "actor": request.user, "channel": Channel.ONLINE, "person": person,
                 "employer": employer, "data": data}
    try:
        if request.POST.get("action") == "submit":
            return case_accept(**arguments), None
        return None, case_check(**arguments)
    except NotEligible as exc:
        messages.error(request, exc.message)
        return None, exc.checks
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return None, None


@require_access(perm=USE)
def service(request, code: str):
    employer = employer_of(request)
    entry = selectors.employer_entry(code)
    if entry is None:
        raise Http404
    if entry.composed_url:
        return redirect(entry.composed_url)
    spec, posted = entry.spec, request.method == "POST"
    person_form = EmployeeForm(request.POST if posted else None, prefix="p",
                               initial=_chosen(request, employer)) if entry.for_a_person else None
    application = Application(service=spec, channel=Channel.ONLINE, actor=request.user, employer=employer)
    service_form = spec.form(request.POST if posted else None, application=application, prefix="f") \
        if spec.form else None
    checks = None
    if posted:
        person = _employee(request, employer, person_form)
        application.person = person
        valid = (service_form is None or service_form.is_valid()) and (person_form is None or person is not None)
        if valid:
            case, checks = _run(request, entry, employer, person, service_form.to_data() if service_form else {})
            if case is not None:
                messages.success(request, _("Case %(number)s accepted.") % {"number": case.number})
                return redirect("employer:case", number=case.number)
    return render(request, "portal/employer/service_start.html", {
        "entry": entry, "person_form": person_form, "service_form": service_form, "checks": checks,
        "blocked": bool(checks) and any(c.is_error for c in checks),
        "materials": list(entry.service.materials.all()),
    })
