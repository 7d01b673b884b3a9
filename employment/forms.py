"""Forms of employment's staff pages: filters, the subsidy criteria look-up, a payment's result, the report's months.
The services' own forms live with their services in employment.catalogue."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import IdNumberField
from employment.eligibility.subsidies import FOR_PERSON
from employment.models import BenefitClaim, Payment, Subsidy
from employment.rules.prompts import LABELS
from workflow.forms import MonthField

MAX_REPORT_MONTHS = 36


class BenefitFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *BenefitClaim.Status.choices])


class CriteriaForm(forms.Form):
    subsidy = forms.ChoiceField(label=_("Subsidy"), choices=[(s.value, s.label) for s in Subsidy if s in FOR_PERSON])
    number = IdNumberField()


class PromptFilterForm(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"), required=False, choices=[("", _("All")), *LABELS.items()])


class PaymentResultForm(forms.Form):
    status = forms.ChoiceField(label=_("Result"), choices=[(Payment.Status.PAID.value, Payment.Status.PAID.label),
                                                          (Payment.Status.FAILED.value, Payment.Status.FAILED.label)])
    reason = forms.CharField(label=_("Why it failed"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("status") == Payment.Status.FAILED and not (data.get("reason") or "").strip():
            raise forms.ValidationError(_("Say why the payment failed."))
        return data


class ReportForm(forms.Form):
    first = MonthField(label=_("From month"), required=False)
    last = MonthField(label=_("To month"), required=False)

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last:
            if last < first:
                raise forms.ValidationError(_("The months run forwards."))
            if (last.year - first.year) * 12 + last.month - first.month >= MAX_REPORT_MONTHS:
                raise forms.ValidationError(_("At most 36 months at a time."))
        return data
