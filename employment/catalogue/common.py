"""What every employment service shares: date and month inputs, typed re-validation of case data, materials."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from employment.eligibility.common import today
from employment.exceptions import EmploymentError
from workflow.forms import DateInput
from workflow.registry import Material

ID_CARD = Material("id_card", _("Identity card"))


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput, **kwargs)


def not_future(value: date | None) -> date | None:
    if value is not None and value > today():
        raise forms.ValidationError(_("The date cannot lie in the future."))
    return value


def require(form_class, case) -> dict:
    """The typed values of a case's stored data; the completion cannot run on data that no longer validates."""
    if form_class is None:
        return {}
    form = form_class(data=case.data)
    if not form.is_valid():
        raise EmploymentError(gettext("The case data is incomplete; it cannot be completed."), code="data")
    return form.cleaned_data


def month_label(value) -> str:
    if isinstance(value, str):
        return value[:7]
    return f"{value:%Y-%m}" if value else "—"
