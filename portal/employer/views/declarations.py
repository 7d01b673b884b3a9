"""The monthly declaration online: typed with the insured employees prefilled, or uploaded as CSV/XLSX with an
error per row before anything is saved; checked into a draft, confirmed into a payment order; payment status."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.exports import csv_response
from insurance.exceptions import InsuranceError, RowErrors
from insurance.models import Declaration, PaymentOrder
from insurance.rules.months import month_start
from insurance.selectors import employer_insured_employees
from insurance.selectors.declarations import declaration_lines, declaration_live_order, declaration_totals_by_type
from insurance.selectors.employers import orders_visible_to
from insurance.selectors.reference import ReferenceBook
from insurance.services import declaration_declare, declaration_submit, wage_rows_parse
from portal.employer import selectors
from portal.employer.forms import MonthForm, UploadForm, WageListForm
from portal.employer.views.common import USE, employer_of, paginate
from workflow.registry import Channel

MAX_ERRORS_SHOWN = 500


def _month(request):
    """The month asked for in the address (this month when none or an invalid one is given), and its form."""
    form = MonthForm(request.GET if "month" in request.GET else None,
                     initial={"month": month_start(timezone.localdate())})
    month = form.cleaned_data["month"] if form.is_bound and form.is_valid() else month_start(timezone.localdate())
    return month, form


@require_access(perm=USE)
def declarations(request):
    employer_of(request)
    # The list shows the declarations and orders alone: not their employer, person or declaration rows again.
    page = paginate(request, selectors.declarations_of(user=request.user).select_related(None).order_by("-month"), 24)
    orders = selectors.live_orders(user=request.user, declarations=list(page.object_list))
    for item in page.object_list:
        item.live_order = orders.get(item.pk)
    selectors.with_status_labels(page.object_list, Declaration)
    selectors.with_status_labels(list(orders.values()), PaymentOrder)
    month, month_form = _month(request)
    return render(request, "portal/employer/declaration_list.html", {
        "page": page, "today": timezone.localdate(),
        "month_form": month_form, "upload_form": UploadForm(initial={"month": month}),
        "unpaid": orders_visible_to(user=request.user).select_related(None).filter(status=PaymentOrder.Status.ISSUED)
        .order_by("due_on", "pk")[:20],
    })


def _submit(request, month, rows):
    """Check every row and save the month as a draft: (declaration, None), or (None, [(row, problem)])."""
    try:
        declaration = declaration_submit(employer=employer_of(request), month=month, rows=rows, actor=request.user,
                                         channel=Channel.ONLINE, declare=False)
    except RowErrors as exc:
        messages.error(request, exc.message)
        return None, exc.errors[:MAX_ERRORS_SHOWN]
    except InsuranceError as exc:
        messages.error(request, exc.message)
        return None, []
    messages.success(request, _("Every row is valid and the month is saved as a draft: check the totals, then "
                                "confirm the declaration."))
    return declaration, None


@require_access(perm=USE)
def declaration_form(request):
    employer = employer_of(request)
    month, month_form = _month(request)
    current = selectors.declarations_of(user=request.user).filter(month=month).first()
    persons, too_many = selectors.insured_for_form(employer=employer)
    lines = selectors.month_wages(employer=employer, month=month, persons=persons) if not too_many else []
    form = WageListForm(request.POST or None, lines=lines)
    errors = {}
    if request.method == "POST" and not too_many and form.is_valid():
        declaration, row_errors = _submit(request, month, form.rows())
        if declaration is not None:
            return redirect("employer:declaration", declaration_id=declaration.pk)
        errors = dict(row_errors or [])
    return render(request, "portal/employer/declaration_form.html", {
        "month": month, "month_form": month_form, "form": form, "table": form.table(errors),
        "too_many": too_many, "current": current, "limits": ReferenceBook().limits(month),
        "paid": current is not None and current.status == Declaration.Status.PAID,
    })


@require_access(perm=USE)
def declaration_upload(request):
    employer_of(request)
    month, _form = _month(request)
    form = UploadForm(request.POST or None, request.FILES or None, initial={"month": month})
    errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = wage_rows_parse(file_name=upload.name, content=upload.read())
        except RowErrors as exc:
            messages.error(request, exc.message)
        else:
            declaration, errors = _submit(request, form.cleaned_data["month"], rows)
            if declaration is not None:
                return redirect("employer:declaration", declaration_id=declaration.pk)
    return render(request, "portal/employer/declaration_upload.html", {"form": form, "errors": errors,
                                                                       "month": month})


@require_access(perm=USE)
def declaration_template(request):
    """The wage list to fill in: every insured employee with the wage to prefill (UTF-8 with a BOM, so that
    spreadsheet programs read the Chinese headers)."""
    employer = employer_of(request)
    month, _form = _month(request)
    persons = list(employer_insured_employees(employer=employer).only("pk", "name", "id_number"))
    lines = selectors.month_wages(employer=employer, month=month, persons=persons)
    return csv_response(filename=f"wage-list-{month:%Y-%m}.csv", header=["身份证号码", "姓名", "缴费工资"],
                        rows=([line.person.id_number, line.person.name, line.wage] for line in lines))


def _declaration(request, declaration_id: int) -> Declaration:
    employer_of(request)
    return get_object_or_404(selectors.declarations_of(user=request.user).select_related(
        "created_by", "declared_by", "corrects"), pk=declaration_id)


@require_access(perm=USE)
def declaration(request, declaration_id: int):
    item = _declaration(request, declaration_id)
    unpaid = item.status in (Declaration.Status.DRAFT, Declaration.Status.DECLARED)
    return render(request, "portal/employer/declaration_detail.html", {
        "declaration": item, "order": declaration_live_order(declaration=item),
        "by_type": declaration_totals_by_type(declaration=item),
        "lines": paginate(request, declaration_lines(declaration=item), 100),
        "left_out": selectors.insured_not_declared(declaration=item) if unpaid else 0, "unpaid": unpaid,
    })


@require_access(perm=USE)
@require_POST
def declaration_confirm(request, declaration_id: int):
    item = _declaration(request, declaration_id)
    try:
        item = declaration_declare(declaration=item, actor=request.user)
    except InsuranceError as exc:
        messages.error(request, exc.message)
    else:
        order = declaration_live_order(declaration=item)
        messages.success(request, _("Declared: payment order %(number)s for %(amount)s yuan, to pay by %(due)s.")
                         % {"number": order.number, "amount": order.amount, "due": f"{order.due_on:%Y-%m-%d}"})
    return redirect("employer:declaration", declaration_id=item.pk)
