"""My cases: every case of mine from every channel, each with its stage, countdown and timeline; material the
office asks for, uploaded and handed in; withdrawing before a decision; the uploaded files, to who may see them."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.access import require_access
from portal.resident import rules
from portal.resident.forms import UploadForm, WithdrawForm
from portal.resident.selectors import document_for, may_withdraw, my_case, my_case_page, my_cases, upload_choices
from portal.resident.services import case_document_add, case_documents_hand_in
from portal.resident.views.common import RESIDENT, UPLOAD_RATE, limited
from workflow.exceptions import WorkflowError
from workflow.selectors.proactive import offers_waiting_on
from workflow.services import case_withdraw

# A request body this much larger than the file limit is refused before its form is even looked at.
_BODY_SLACK = 64 * 1024


def _mine(request, number: str):
    case = my_case(person=request.user.person, number=number)
    if case is None:
        raise Http404
    return case


@require_access(perm=RESIDENT)
@never_cache
@require_safe
def case_list(request):
    show = "open" if request.GET.get("show") == "open" else "all"
    page, cases = my_cases(person=request.user.person, show=show, page=request.GET.get("page") or 1)
    return render(request, "portal/resident/case_list.html", {"page": page, "cases": cases, "show": show})


@require_access(perm=RESIDENT)
@never_cache
@require_safe
def case_detail(request, number: str):
    page = my_case_page(case=_mine(request, number))
    return render(request, "portal/resident/case_detail.html", {
        "page": page, "case": page.case,
        "upload_form": UploadForm(materials=page.material_choices, auto_id="upload-%s") if page.may_upload else None,
        "withdraw_form": WithdrawForm(auto_id="withdraw-%s") if page.may_withdraw else None,
        "max_bytes": rules.MAX_DOCUMENT_BYTES,
        # A case the bureau opened for me (免申即享) waits for my answer here too.
        "offers": offers_waiting_on(case=page.case) if page.case.status == "accepted" else [],
    })


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@require_access(perm=RESIDENT)
@require_POST
def case_upload(request, number: str):
    case = _mine(request, number)
    back = redirect("resident:case-detail", number=case.number)
    if int(request.META.get("CONTENT_LENGTH") or 0) > rules.MAX_DOCUMENT_BYTES + _BODY_SLACK:
        messages.error(request, _("The file is larger than %(mb)d MB: photograph or scan it at a lower resolution.")
                       % {"mb": rules.MAX_DOCUMENT_BYTES // (1024 * 1024)})
        return back
    if case.status not in rules.UPLOADABLE:
        messages.error(request, _("Material can be handed in only while the case is open, before a decision."))
        return back
    if limited(request, group="resident.upload", rate=UPLOAD_RATE, key="user"):
        messages.error(request, _("You have uploaded many files in a short time: please try again later."))
        return back
    form = UploadForm(request.POST, request.FILES, materials=upload_choices(case=case))
    if not form.is_valid():
        messages.error(request, _errors(form))
        return back
    try:
        document = case_document_add(case=case, actor=request.user, upload=form.cleaned_data["file"],
                                     material_code=form.cleaned_data["material"])
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("“%(name)s” is uploaded.") % {"name": document.original_name})
    return back


@require_access(perm=RESIDENT)
@require_POST
def case_hand_in(request, number: str):
    case = _mine(request, number)
    try:
        case_documents_hand_in(case=case, actor=request.user)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your material is handed in: the office continues with your case."))
    return redirect("resident:case-detail", number=case.number)


@require_access(perm=RESIDENT)
@require_POST
def case_withdraw_view(request, number: str):
    case = _mine(request, number)
    form = WithdrawForm(request.POST, auto_id="withdraw-%s")
    if not may_withdraw(case):
        messages.error(request, _("This case can no longer be withdrawn online."))
    elif not form.is_valid():
        messages.error(request, _errors(form))
    else:
        try:
            case_withdraw(case=case, actor=request.user, note=form.cleaned_data["note"])
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your application is withdrawn."))
    return redirect("resident:case-detail", number=case.number)


@require_access()
@never_cache
@require_safe
def document(request, number: str, pk: int):
    """An uploaded file, to the applicant and the staff who may see its case; to anyone else it does not exist."""
    found = document_for(user=request.user, number=number, pk=pk)
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=found.content_type, filename=found.original_name)
    response["Cache-Control"] = "private, no-store"
    return response
