"""Starting business online: the catalogue of what may start online, a service's own form with the same checks
as the counter (blocking errors stop, prompts inform), then the case and its confirmation."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import require_access
from portal.resident.selectors import my_case, online_catalogue, online_entry
from portal.resident.views.common import RESIDENT
from portal.resident.views.records import STATEMENT_SERVICE
from workflow.bundles import bundles
from workflow.exceptions import NotEligible, WorkflowError
from workflow.registry import Application, Channel
from workflow.selectors.backoffice.casepage import case_summary
from workflow.services import case_accept, case_check

# Each form carries a one-time token kept in the session: a double tap on "Submit" starts one case, not two.
_TOKENS = "resident.apply.tokens"
_KEEP_TOKENS = 10


def _new_token(request) -> str:
    token = secrets.token_urlsafe(16)
    request.session[_TOKENS] = [*request.session.get(_TOKENS, [])[-(_KEEP_TOKENS - 1):], token]
    return token


def _use_token(request, token: str) -> bool:
    tokens = list(request.session.get(_TOKENS, []))
    if not token or token not in tokens:
        return False
    tokens.remove(token)
    request.session[_TOKENS] = tokens
    return True


@require_access(perm=RESIDENT)
@require_safe
def catalogue(request):
    return render(request, "portal/resident/apply_catalogue.html",
                  {"domains": online_catalogue(person=request.user.person), "statement_code": STATEMENT_SERVICE,
                   "bundles": bundles.for_channel(Channel.ONLINE)})


def _checks(request, code: str, person, data: dict, *, before_filling: bool):
    """The service's checks for this application. Before the form is filled in, "the form is complete" is not
    yet a finding: the form's own errors say what is missing once it is sent."""
    try:
        checks = case_check(service_code=code, actor=request.user, channel=Channel.ONLINE, person=person, data=data)
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return None
    except (KeyError, TypeError, ValueError):
        return None  # checks that need the form's data run once it is filled in
    if before_filling:
        checks = [c for c in checks if c.passed or c.code != "data"]
    return checks


@require_access(perm=RESIDENT)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply_service(request, code: str):
    if code == STATEMENT_SERVICE:
        return redirect("resident:statement")  # its own page: choose a year, get the PDF
    entry = online_entry(code=code, person=request.user.person)
    if entry is None:
        raise Http404
    person, spec, posted = request.user.person, entry.spec, request.method == "POST"
    application = Application(service=spec, channel=Channel.ONLINE, actor=request.user, person=person)
    form = spec.form(request.POST if posted else None, application=application, prefix="f") if spec.form else None
    checks = None
    if not posted:
        checks = _checks(request, code, person, {}, before_filling=True)
    elif form is None or form.is_valid():
        data = form.to_data() if form is not None else {}
        if request.POST.get("action") != "submit":
            checks = _checks(request, code, person, data, before_filling=False)
        elif not _use_token(request, request.POST.get("token", "")):
            messages.info(request, _("This application was already sent: find it in “My cases”."))
            return redirect("resident:cases")
        else:
            try:
                case = case_accept(service_code=code, actor=request.user, channel=Channel.ONLINE, person=person,
                                   data=data)
            except NotEligible as exc:
                messages.error(request, exc.message)
                checks = exc.checks
            except WorkflowError as exc:
                messages.error(request, exc.message)
            else:
                return redirect("resident:apply-done", number=case.number)
    return render(request, "portal/resident/apply_service.html", {
        "entry": entry, "form": form, "checks": checks, "token": _new_token(request),
        "blocked": bool(checks) and any(c.is_error for c in checks),
        "materials": list(entry.service.materials.all()),
    })


@require_access(perm=RESIDENT)
@never_cache
@require_safe
def apply_done(request, number: str):
    case = my_case(person=request.user.person, number=number)
    if case is None:
        raise Http404
    try:
        receipt = reverse("receipts:receipt", kwargs={"number": case.number})
    except NoReverseMatch:
        receipt = None
    return render(request, "portal/resident/apply_done.html",
                  {"case": case, "receipt_url": receipt, "summary": case_summary(case)})
