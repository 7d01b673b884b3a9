"""Forms of employment's staff pages: filters, the subsidy criteria look-up, a payment's result, the report's months.
The services' own forms live with their services in employment.catalogue."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import IdNumberField
from employment.eligibility.subsidies import FOR_PERSON
from employment.models import Bank, BenefitClaim, Payment, Subsidy
from employment.rules.bankfile import MAX_RETURN_BYTES
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


class BatchPrepareForm(forms.Form):
    bank = forms.ChoiceField(label=_("Bank"), choices=Bank.choices)
    month = MonthField(label=_("Period (payments due by this month)"))


class ReturnFileForm(forms.Form):
    file = forms.FileField(label=_("The bank's return file (DYRET1, UTF-8 CSV)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_RETURN_BYTES:
            raise forms.ValidationError(_("The file is larger than %(size)d MB: it is not a return file.")
                                        % {"size": MAX_RETURN_BYTES // (1024 * 1024)})
        return upload


class PayeeAccountForm(forms.Form):
    """A person's (identity number) or an employer's (credit code) account."""

    payee = forms.CharField(label=_("Identity number or unified social credit code"), max_length=20)
    bank = forms.ChoiceField(label=_("Bank"), choices=Bank.choices)
    number = forms.CharField(label=_("Account number"), max_length=40)
    holder_name = forms.CharField(label=_("Account holder's name"), max_length=120)
