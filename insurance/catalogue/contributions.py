"""Contribution services: back payment (补缴) and the correction of a paid declaration."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.text import clauses, enumeration
from insurance.catalogue.common import data_check, month_label, require
from insurance.exceptions import InsuranceError, RowErrors
from insurance.models import EMPLOYEE_TYPES, Declaration, InsuranceType
from insurance.rules.contributions import ZERO
from insurance.selectors.declarations import declaration_live_order
from insurance.services import back_payment_record, declaration_correct, declaration_prepare
from insurance.services.contributions import back_payment_rows
from insurance.services.declarations import current_declaration
from insurance.services.uploads import wage_rows_from_text
from workflow.forms import MonthField, ServiceForm
from workflow.registry import Applicant, Channel, Check, Kind, Material, ServiceSpec


class BackPaymentForm(ServiceForm):
    first_month = MonthField(label=_("First month"))
    last_month = MonthField(label=_("Last month"))
    types = forms.MultipleChoiceField(label=_("Insurance types"), choices=[(k.value, k.label) for k in EMPLOYEE_TYPES],
                                      widget=forms.CheckboxSelectMultiple)
    wage = forms.DecimalField(label=_("Monthly wage in those months"), max_digits=10, decimal_places=2,
                              min_value=Decimal("0.01"))
    reason = forms.CharField(label=_("Why the months were not paid"), max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("first_month") and data.get("last_month") and data["last_month"] < data["first_month"]:
            raise forms.ValidationError(_("The last month comes before the first."))
        return data


class CorrectionForm(ServiceForm):
    month = MonthField(label=_("Month to correct"))
    lines = forms.CharField(label=_("Corrected lines: identity number, name, wage (one employee a line)"),
                            widget=forms.Textarea(attrs={"rows": 8}), max_length=400_000)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300)


def _back_checks(application):
    values, errors = data_check(BackPaymentForm, application)
    yield from errors
    if values is None:
        return
    try:
        rows = back_payment_rows(person=application.person, employer=application.employer,
                                 first_month=values["first_month"], last_month=values["last_month"],
                                 types=values["types"], wage=values["wage"])
    except InsuranceError as exc:
        yield Check(code="months", label=_("The months can be paid back"), passed=False, detail=exc.message)
        return
    amount = sum((r.employer_part + r.individual_part for r in rows), ZERO)
    yield Check(code="months", label=_("The months can be paid back"), passed=True,
                detail=_("%(n)s months, %(amount)s yuan") % {"n": len({r.month for r in rows}), "amount": amount},
                data={"amount": str(amount), "rows": len(rows)})


def _back_complete(*, case, actor):
    values = require(BackPaymentForm, case)
    order = back_payment_record(person=case.person, employer=case.employer, first_month=values["first_month"],
                                last_month=values["last_month"], types=values["types"], wage=values["wage"],
                                actor=actor, case=case)
    case.result = {"order": order.number, "amount": str(order.amount)}
    case.save(update_fields=["result"])


def _order_rows(case):
    rows = []
    if case.result.get("order"):
        rows += [(_("Payment order"), case.result["order"]), (_("Amount"), case.result.get("amount", ""))]
    return rows


def _back_summary(case):
    types = enumeration(str(InsuranceType(t).label) for t in case.data.get("types", []) if t in InsuranceType.values)
    return [(_("Months"), f"{month_label(case.data.get('first_month'))} – {month_label(case.data.get('last_month'))}"),
            (_("Insurance types"), types), *_order_rows(case)]


def _correction_checks(application):
    values, errors = data_check(CorrectionForm, application)
    yield from errors
    if values is None:
        return
    paid = current_declaration(application.employer, values["month"])
    is_paid = paid is not None and paid.status == Declaration.Status.PAID
    yield Check(code="paid", label=_("The month is declared and paid"), passed=is_paid,
                detail="" if is_paid else _("An unpaid month is simply declared again."))
    if not is_paid:
        return
    try:
        lines = declaration_prepare(employer=application.employer, month=values["month"],
                                    rows=wage_rows_from_text(values["lines"]))
    except RowErrors as exc:
        detail = clauses(gettext("Row %(row)s: %(message)s") % {"row": row, "message": message}
                         for row, message in exc.errors[:20]) or exc.message
        yield Check(code="lines", label=_("Every corrected line is valid"), passed=False, detail=detail,
                    data={"errors": len(exc.errors)})
        return
    total = sum((line.employer_total + line.individual_total for line in lines), ZERO)
    yield Check(code="lines", label=_("Every corrected line is valid"), passed=True,
                detail=_("Difference to pay: %(amount)s yuan") % {"amount": total - paid.total},
                data={"difference": str(total - paid.total), "employees": len(lines)})


def _correction_complete(*, case, actor):
    values = require(CorrectionForm, case)
    declaration = declaration_correct(employer=case.employer, month=values["month"], actor=actor,
                                      rows=wage_rows_from_text(values["lines"]), channel=case.channel, case=case)
    order = declaration_live_order(declaration=declaration)
    case.result = {"declaration": declaration.pk, "order": order.number, "amount": str(order.amount)}
    case.save(update_fields=["result"])


BACK_PAYMENT = ServiceSpec(
    code="insurance.back_payment", name=_("Back payment of contributions"), domain="insurance",
    kind=Kind.TIME_LIMITED, limit=10, applicant=Applicant.BOTH, route_by="employer",
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    materials=(Material("contract", _("Labour contract for the months")),
               Material("payroll", _("Payroll records for the months"))),
    form=BackPaymentForm, checks=_back_checks, complete=_back_complete, summary=_back_summary, popularity=40,
)
DECLARATION_CORRECT = ServiceSpec(
    code="insurance.declaration_correct", name=_("Correction of a paid declaration"), domain="insurance",
    kind=Kind.TIME_LIMITED, limit=5, applicant=Applicant.EMPLOYER,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}),
    materials=(Material("payroll", _("Payroll of the month")),), form=CorrectionForm, checks=_correction_checks,
    complete=_correction_complete, popularity=20,
    summary=lambda case: [(_("Month to correct"), month_label(case.data.get("month"))), *_order_rows(case)],
)
SPECS = (BACK_PAYMENT, DECLARATION_CORRECT)
