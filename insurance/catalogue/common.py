"""What every insurance service shares: typed re-validation of case data, month fields, hall choices."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Office
from accounts.text import clauses
from insurance.exceptions import InsuranceError
from workflow.forms import DateInput, DateTimeInput, MonthField, MonthInput
from workflow.registry import Application, Check


def hall_choices() -> list[tuple[str, str]]:
    return [("", "—"), *Office.objects.filter(kind=Office.Kind.HALL, is_active=True).order_by(
        "region__path").values_list("code", "name")]


def hall_by_code(code: str) -> Office | None:
    return Office.objects.filter(code=code, kind=Office.Kind.HALL).first() if code else None


def hall_field():
    return forms.ChoiceField(label=gettext_lazy("Collect the card at"), choices=hall_choices, required=False)


def cleaned(form_class, data: dict, application: Application | None = None) -> dict | None:
    """The typed values of stored case data, or None when they do not validate (e.g. an API call)."""
    if form_class is None:
        return {}
    form = form_class(data=data, application=application)
    return form.cleaned_data if form.is_valid() else None


def data_check(form_class, application: Application) -> tuple[dict | None, list[Check]]:
    """Typed data for the checks, with a blocking check when the data does not validate."""
    form = form_class(data=application.data, application=application)
    if form.is_valid():
        return form.cleaned_data, []
    detail = clauses(f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
                       for f, e in form.errors.items())
    return None, [Check(code="data", label=gettext_lazy("The application form is complete and valid"),
                        passed=False, detail=detail)]


def require(form_class, case) -> dict:
    values = cleaned(form_class, case.data)
    if values is None:
        raise InsuranceError(_("The case data is incomplete; it cannot be completed."), code="data")
    return values


def today() -> date:
    return timezone.localdate()


def month_label(value) -> str:
    if isinstance(value, str):
        return value[:7]
    return f"{value:%Y-%m}" if value else "—"


__all__ = ["DateInput", "DateTimeInput", "MonthField", "MonthInput", "cleaned", "hall_by_code", "hall_choices",
           "hall_field"]
