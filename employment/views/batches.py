"""Payment batches (代发): prepare for a bank and period, release (another person), the file for the bank, the
bank's return file; the accounts to correct after a failed payment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from accounts.identifiers import normalize_credit_code, normalize_id_number
from accounts.money import ZERO
from accounts.selectors import persons_visible_to
from employment.exceptions import EmploymentError
from employment.forms import BatchPrepareForm, PayeeAccountForm, ReturnFileForm
from employment.models import BatchLine
from employment.selectors.batches import batch_lines, batch_results, batches_visible_to, corrections_visible_to
from employment.services.batch_results import batch_return_import, payee_account_set
from employment.services.batches import batch_file, batch_prepare, batch_release, batch_withdraw
from insurance.selectors.employers import employers_visible_to

VIEW = "employment.view_payment_batches"
PREPARE = "employment.prepare_payment_batch"
RELEASE = "employment.release_payment_batch"
ACCOUNTS = "employment.manage_payee_accounts"


def _errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@require_access(perm=VIEW)
def batch_list(request):
    page = Paginator(batches_visible_to(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "employment/batch_list.html", {
        "batches": page, "form": BatchPrepareForm(), "may_prepare": request.user.has_perm(PREPARE)})


@require_access(perm=PREPARE)
@require_POST
def batch_prepare_view(request):
    form = BatchPrepareForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("employment:batch-list")
    try:
        batch = batch_prepare(actor=request.user, bank=form.cleaned_data["bank"], month=form.cleaned_data["month"])
    except EmploymentError as exc:
        messages.error(request, exc.message)
        return redirect("employment:batch-list")
    messages.success(request, _("Batch %(number)s prepared: %(count)d payments. Another member of staff must "
                                "release it.") % {"number": batch.number, "count": batch.line_count})
    return redirect("employment:batch-detail", number=batch.number)


@require_access(perm=VIEW)
def batch_detail(request, number: str):
    batch = get_object_or_404(batches_visible_to(user=request.user), number=number)
    result = request.GET.get("result", "")
    result = result if result in BatchLine.Result.values else ""
    page = Paginator(batch_lines(batch=batch, result=result), 100).get_page(request.GET.get("page"))
    results = batch_results(batch=batch)
    choices = [(code, label, results.get(code, {}).get("lines", 0), results.get(code, {}).get("amount") or ZERO)
               for code, label in BatchLine.Result.choices]
    return render(request, "employment/batch_detail.html", {
        "batch": batch, "lines": page, "result": result, "result_choices": choices,
        "imports": list(batch.imports.select_related("imported_by")[:20]), "return_form": ReturnFileForm(),
        "may_release": request.user.has_perm(RELEASE) and batch.prepared_by_id != request.user.pk,
        "may_import": request.user.has_perm(PREPARE),
        "may_withdraw": request.user.has_perm(PREPARE) or request.user.has_perm(RELEASE)})


@require_access(perm=RELEASE)
@require_POST
def batch_release_view(request, number: str):
    batch = get_object_or_404(batches_visible_to(user=request.user), number=number)
    try:
        batch_release(batch=batch, actor=request.user)
    except EmploymentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Batch %(number)s released: its file may now be sent to the bank.")
                         % {"number": batch.number})
    return redirect("employment:batch-detail", number=batch.number)


@require_access(perm=VIEW)
@require_POST
def batch_withdraw_view(request, number: str):
    """The preparer, or whoever would release it, withdraws a batch not yet released."""
    batch = get_object_or_404(batches_visible_to(user=request.user), number=number)
    if not (request.user.has_perm(PREPARE) or request.user.has_perm(RELEASE)):
        raise PermissionDenied
    try:
        batch_withdraw(batch=batch, actor=request.user)
    except EmploymentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Batch %(number)s withdrawn: its payments go in the next batch.")
                         % {"number": batch.number})
    return redirect("employment:batch-detail", number=batch.number)


@require_access(perm=VIEW)
def batch_export(request, number: str):
    batch = get_object_or_404(batches_visible_to(user=request.user), number=number)
    try:
        text = batch_file(batch=batch)
    except EmploymentError as exc:
        messages.error(request, exc.message)
        return redirect("employment:batch-detail", number=batch.number)
    response = HttpResponse(text.encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{batch.number}.csv"'
    return response


@require_access(perm=PREPARE)
@require_POST
def batch_return(request, number: str):
    batch = get_object_or_404(batches_visible_to(user=request.user), number=number)
    form = ReturnFileForm(request.POST, request.FILES)
    if not form.is_valid():
        _errors(request, form)
        return redirect("employment:batch-detail", number=batch.number)
    upload = form.cleaned_data["file"]
    try:
        imported = batch_return_import(batch=batch, actor=request.user, data=upload.read(), file_name=upload.name)
    except EmploymentError as exc:
        messages.error(request, _("The return file was refused; nothing was recorded. %(reason)s")
                       % {"reason": exc.message})
    else:
        if imported.created:
            messages.success(request, _("Return file imported: %(paid)d paid, %(failed)d failed, %(unchanged)d "
                                        "already recorded.") % {"paid": imported.paid, "failed": imported.failed,
                                                                "unchanged": imported.unchanged})
        else:
            messages.info(request, _("This return file was already imported on %(at)s; nothing changed.")
                          % {"at": f"{imported.imported_at:%Y-%m-%d %H:%M}"})
    return redirect("employment:batch-detail", number=batch.number)


@require_access(perm=ACCOUNTS)
def correction_list(request):
    page = Paginator(corrections_visible_to(user=request.user), 50).get_page(request.GET.get("page"))
    access_log_record(request=request, persons=[c.person_id for c in page if c.person_id], page=Page.LIST)
    return render(request, "employment/correction_list.html", {"corrections": page})


def _payee(user, code: str):
    """The visible person with this identity number, or the visible employer with this credit code."""
    number = normalize_id_number(code)
    person = persons_visible_to(user=user).filter(id_number=number).first()
    if person is not None:
        return {"person": person}
    employer = employers_visible_to(user=user).filter(credit_code=normalize_credit_code(code)).first()
    return {"employer": employer} if employer is not None else None


@require_access(perm=ACCOUNTS)
def payee_account(request):
    form = PayeeAccountForm(request.POST or None, initial={"payee": request.GET.get("payee", "")[:20]})
    if request.method == "POST" and form.is_valid():
        payee = _payee(request.user, form.cleaned_data["payee"])
        if payee is None:
            form.add_error("payee", _("No person or employer with this number is registered in your area."))
        else:
            try:
                payee_account_set(actor=request.user, bank=form.cleaned_data["bank"],
                                  number=form.cleaned_data["number"], holder_name=form.cleaned_data["holder_name"],
                                  **payee)
            except EmploymentError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Bank account recorded; payments that failed are payable again in "
                                            "the next batch."))
                return redirect("employment:correction-list")
    return render(request, "employment/payee_account.html", {"form": form})
