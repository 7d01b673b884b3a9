"""The case page and its actions: each action is a POST to its own URL that calls one service."""

from __future__ import annotations

from collections.abc import Callable

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from accounts.navigation import back_to
from workflow import forms
from workflow import permissions as svc_permissions
from workflow import services as svc
from workflow.exceptions import WorkflowError
from workflow.models import Case
from workflow.selectors.backoffice import (
    case_detail_queryset,
    case_materials,
    case_page,
    may_see_cases,
    office_reviewers,
    other_back_offices,
)
from workflow.services import work_calendar_cached


def _case(request: HttpRequest, number: str) -> Case:
    if not may_see_cases(request.user):
        raise PermissionDenied
    return get_object_or_404(case_detail_queryset(user=request.user), number=number)


@require_access(perm="accounts.use_staff_site")
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    """Applicant, service data, checks, materials, timeline, alerts, and the actions this user may take."""
    case = _case(request, number)
    page = case_page(case=case, user=request.user, calendar=work_calendar_cached())
    access_log_record(request=request, persons=[case.person_id], page=Page.CASE, case_number=case.number)
    acts = page.actions
    context = {"page": page, "case": case, "actions": acts}
    # Several forms share field names: each gets its own element ids.
    if "request_supplement" in acts:
        context["supplement_form"] = forms.SupplementRequestForm(materials=page.material_choices,
                                                                 auto_id="supplement-%s")
    if "supplement_received" in acts:
        context["received_form"] = forms.SupplementReceivedForm(missing=page.missing_choices, auto_id="received-%s")
    if "approve" in acts:
        context["approve_form"] = forms.ApproveForm(auto_id="approve-%s")
    if "reject" in acts:
        context["reject_form"] = forms.RejectForm(auto_id="reject-%s")
    if "release" in acts:
        context["release_form"] = forms.NoteForm(auto_id="release-%s")
    if "withdraw" in acts:
        context["withdraw_form"] = forms.WithdrawForm(auto_id="withdraw-%s")
    if "assign" in acts:
        context["assign_form"] = forms.AssignForm(
            reviewers=office_reviewers(office_id=case.jurisdiction_office_id), auto_id="assign-%s")
    if "reassign" in acts:
        context["reassign_form"] = forms.ReassignForm(offices=other_back_offices(case=case), auto_id="reassign-%s")
    from workflow.views.backoffice.ratings import rectification_context  # it imports this module's _act

    context.update(rectification_context(case))
    context["may_rectify"] = "rectification" in context and svc_permissions.can_review(request.user, case)
    return render(request, "workflow/backoffice/case_detail.html", context)


def _form_errors(form: django_forms.Form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def _act(request: HttpRequest, number: str, *, run: Callable[[Case, dict], Case], done: str,
         form: Callable[[Case], django_forms.Form] | None = None, away: str | None = None) -> HttpResponse:
    """Parse the action's form, call its service, turn a refusal into a message; then go back where it came from.

    A case that leaves the user's sight (sent to another office) goes back to `away` instead of its page.
    """
    case = _case(request, number)
    # Where to go is worked out before anything is done: nothing after the commit can fail the action.
    back = back_to(request, case.get_absolute_url())
    gone = back_to(request, reverse(away)) if away is not None else back
    bound = form(case) if form is not None else None
    if bound is not None and not bound.is_valid():
        messages.error(request, _form_errors(bound))
        return back
    try:
        run(case, bound.cleaned_data if bound is not None else {})
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return back
    messages.success(request, done % {"number": case.number})
    return gone


@require_access(perm="workflow.review_case")
@require_POST
def claim(request: HttpRequest, number: str) -> HttpResponse:
    return _act(request, number, done=_("Case %(number)s is now yours to review."),
                run=lambda case, data: svc.case_claim(case=case, actor=request.user))


@require_access(perm="workflow.review_case")
@require_POST
def release(request: HttpRequest, number: str) -> HttpResponse:
    return _act(request, number, done=_("Case %(number)s is back in the office queue."),
                form=lambda case: forms.NoteForm(request.POST),
                run=lambda case, data: svc.case_release(case=case, actor=request.user, note=data["note"]))


@require_access(perm="workflow.review_case")
@require_POST
def request_supplement(request: HttpRequest, number: str) -> HttpResponse:
    def form(case):
        return forms.SupplementRequestForm(request.POST, materials=[(m.code, m.name) for m in case_materials(case)])

    return _act(request, number, form=form,
                done=_("Material requested for case %(number)s; the clock is paused until it arrives."),
                run=lambda case, data: svc.case_request_supplement(
                    case=case, actor=request.user, materials=data["materials"], note=data["note"]))


@require_access(perm="workflow.review_case")
@require_POST
def supplement_received(request: HttpRequest, number: str) -> HttpResponse:
    def form(case):
        missing = [(m.code, m.name) for m in case_materials(case) if m.missing]
        return forms.SupplementReceivedForm(request.POST, missing=missing)

    return _act(request, number, form=form, done=_("Material received for case %(number)s; the clock runs again."),
                run=lambda case, data: svc.case_supplement_received(
                    case=case, actor=request.user, materials=data["materials"] or None, note=data["note"]))


@require_access(perm="workflow.review_case")
@require_POST
def approve(request: HttpRequest, number: str) -> HttpResponse:
    return _act(request, number, done=_("Case %(number)s approved."),
                form=lambda case: forms.ApproveForm(request.POST),
                run=lambda case, data: svc.case_approve(case=case, actor=request.user, note=data["note"]))


@require_access(perm="workflow.review_case")
@require_POST
def reject(request: HttpRequest, number: str) -> HttpResponse:
    return _act(request, number, done=_("Case %(number)s rejected."),
                form=lambda case: forms.RejectForm(request.POST),
                run=lambda case, data: svc.case_reject(case=case, actor=request.user, reason=data["reason"]))


@require_access(perm="workflow.review_case")
@require_POST
def withdraw(request: HttpRequest, number: str) -> HttpResponse:
    return _act(request, number, done=_("Case %(number)s withdrawn on the applicant's behalf."),
                form=lambda case: forms.WithdrawForm(request.POST),
                run=lambda case, data: svc.case_withdraw(case=case, actor=request.user, note=data["note"]))


@require_access(perm="workflow.manage_office_cases")
@require_POST
def assign(request: HttpRequest, number: str) -> HttpResponse:
    def form(case):
        return forms.AssignForm(request.POST, reviewers=office_reviewers(office_id=case.jurisdiction_office_id))

    return _act(request, number, form=form, done=_("Case %(number)s assigned."),
                run=lambda case, data: svc.case_assign(case=case, actor=request.user, reviewer=data["reviewer"],
                                                       note=data["note"]))


@require_access(perm="workflow.manage_office_cases")
@require_POST
def reassign(request: HttpRequest, number: str) -> HttpResponse:
    return _act(request, number, done=_("Case %(number)s sent to another back office."),
                form=lambda case: forms.ReassignForm(request.POST, offices=other_back_offices(case=case)),
                run=lambda case, data: svc.case_reassign(case=case, actor=request.user, office=data["office"],
                                                         note=data["note"]),
                away="workflow:head-board")
