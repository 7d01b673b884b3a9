"""Declaring an employer's month at the counter: upload or repeat, check every row, save a draft, declare."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.exports import csv_response
from insurance.exceptions import InsuranceError, RowErrors
from insurance.forms import DeclarationStartForm
from insurance.selectors.declarations import (
    declaration_lines,
    declaration_live_order,
    declaration_totals_by_type,
    previous_wage_rows,
)
from insurance.selectors.employers import declarations_visible_to, employers_visible_to
from insurance.services import declaration_declare, declaration_submit, wage_rows_parse
from insurance.views.common import paginate
from workflow.registry import Channel

DECLARE = "insurance.declare_contributions"


def _rows(form, employer):
    upload = form.cleaned_data.get("file")
    if upload:
        return wage_rows_parse(file_name=upload.name, content=upload.read())
    rows = previous_wage_rows(employer=employer, month=form.cleaned_data["month"])
    if not rows:
        raise RowErrors(_("No earlier declared month to repeat: upload a wage list."), errors=[])
    return rows


@require_access(perm=DECLARE)
def declaration_list(request):
    form = DeclarationStartForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        employer = employers_visible_to(user=request.user).filter(credit_code=form.cleaned_data["credit_code"]).first()
        if employer is None:
            form.add_error("credit_code", _("No employer with this credit code is registered."))
        else:
            try:
                declaration = declaration_submit(employer=employer, month=form.cleaned_data["month"],
                                                 rows=_rows(form, employer), actor=request.user,
                                                 channel=Channel.COUNTER, declare=False)
            except RowErrors as exc:
                messages.error(request, exc.message)
                errors = exc.errors[:200]
            except InsuranceError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Checked and saved as a draft: review it, then declare."))
                return redirect(declaration)
    recent = declarations_visible_to(user=request.user).exclude(status="superseded").order_by("-created_at")[:20]
    return render(request, "insurance/declaration_list.html",
                  {"form": form, "errors": errors, "recent": recent}, status=400 if errors is not None else 200)


@require_access(perm=DECLARE)
def declaration_template(request):
    return csv_response(filename="wage-list.csv", header=["身份证号码", "姓名", "缴费工资"], rows=[])


@require_access(perm="insurance.view_insurance_records")
def declaration_detail(request, pk: int):
    declaration = get_object_or_404(declarations_visible_to(user=request.user).select_related(
        "created_by", "declared_by", "corrects"), pk=pk)
    return render(request, "insurance/declaration_detail.html", {
        "declaration": declaration, "order": declaration_live_order(declaration=declaration),
        "by_type": declaration_totals_by_type(declaration=declaration),
        "lines": paginate(request, declaration_lines(declaration=declaration), 100),
    })


@require_access(perm=DECLARE)
@require_POST
def declaration_declare_view(request, pk: int):
    declaration = get_object_or_404(declarations_visible_to(user=request.user), pk=pk)
    try:
        declaration_declare(declaration=declaration, actor=request.user)
    except InsuranceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Declared: the payment order is issued."))
    return redirect(declaration)
