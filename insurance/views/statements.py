"""Rights statements: issue at the counter, download (holder or staff), and the public verification page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.access import public, require_access
from accounts.access_log.services import Page, access_log_record
from accounts.models import User
from accounts.selectors import persons_visible_to
from insurance.forms import StatementYearForm, VerifyForm
from insurance.models import RightsStatement
from insurance.permissions import can_read_statement
from insurance.rules.codes import format_code
from insurance.selectors.statements import statement_by_code
from insurance.services import statement_matches
from workflow.exceptions import WorkflowError
from workflow.registry import Channel
from workflow.services import case_accept

VERIFY_RATE = "20/m"


@require_access(perm=("insurance.view_insurance_records", "workflow.accept_case"))
@require_POST
def statement_issue_view(request, pk: int):
    """Print a statement at the counter: an immediate case of the statement service, completed on the spot."""
    person = get_object_or_404(persons_visible_to(user=request.user), pk=pk)
    form = StatementYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year."))
        return redirect("insurance:person-records", pk=person.pk)
    try:
        case = case_accept(service_code="insurance.statement", actor=request.user, channel=Channel.COUNTER,
                           person=person, data={"year": form.cleaned_data["year"]})
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect("insurance:person-records", pk=person.pk)
    return redirect("insurance:statement-download", code=case.result["statement"])


@require_access()
@never_cache
def statement_download(request, code: str):
    statement = get_object_or_404(RightsStatement.objects.select_related("person"), code=code)
    if not can_read_statement(request.user, statement):
        raise Http404
    if request.user.kind == User.Kind.STAFF and not persons_visible_to(user=request.user).filter(
            pk=statement.person_id).exists():
        raise Http404
    access_log_record(request=request, persons=[statement.person_id], page=Page.STATEMENT)
    response = HttpResponse(bytes(statement.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rights-statement-{statement.year}-{code[:4]}.pdf"'
    return response


@public
@never_cache
@ratelimit(key="ip", rate=VERIFY_RATE, method=ratelimit.ALL, block=False)
def statement_verify(request):
    """Anyone checks a code; the page shows what the document shows and nothing more."""
    if getattr(request, "limited", False):
        return render(request, "429.html", status=429)
    form = VerifyForm(request.POST or None, request.FILES or None) if request.method == "POST" else \
        VerifyForm(request.GET or None)
    statement = matches = None
    looked_up = form.is_bound and form.is_valid()
    if looked_up:
        statement = statement_by_code(code=form.cleaned_data["code"])
        upload = form.cleaned_data.get("document")
        if statement is not None and upload is not None:
            matches = statement_matches(statement=statement, content=upload.read())
    return render(request, "insurance/statement_verify.html", {
        "form": form, "looked_up": looked_up, "statement": statement, "matches": matches,
        "code": format_code(form.cleaned_data["code"]) if looked_up else "",
    }, status=404 if looked_up and statement is None else 200)
