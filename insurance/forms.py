"""Forms of the staff screens: declaring at the counter, confirming payments, cards, verification."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import CreditCodeField
from accounts.models import Office
from insurance.models import PaymentOrder, Pension
from insurance.rules.codes import normalize_code
from workflow.forms import MonthField


class DeclarationStartForm(forms.Form):
    credit_code = CreditCodeField()
    month = MonthField(label=_("Month"))
    file = forms.FileField(label=_("Wage list (CSV or XLSX: identity number, name, wage)"), required=False)
    copy_previous = forms.BooleanField(label=_("Or repeat the last declared month's wages"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("copy_previous"):
            raise forms.ValidationError(_("Upload a wage list or choose to repeat the last month."))
        return data


class PaymentConfirmForm(forms.Form):
    payment_channel = forms.ChoiceField(label=_("Paid through"), choices=PaymentOrder.Channel.choices)
    reference = forms.CharField(label=_("Bank or tax reference"), max_length=60)


class OrderSearchForm(forms.Form):
    q = forms.CharField(label=_("Order number, credit code or employer name"), max_length=60, required=False)


class BatchDeliverForm(forms.Form):
    hall = forms.ModelChoiceField(label=_("Delivered to"), queryset=Office.objects.filter(
        kind=Office.Kind.HALL, is_active=True).order_by("region__path"))


class BatchConfirmForm(forms.Form):
    """Sent from the confirmation page only: the number of applications the clerk saw and confirmed."""

    count = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ProofFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("", _("Due or overdue")), ("due", _("Due within 30 days")), ("suspended", Pension.Status.SUSPENDED.label)])


class StatementYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=30,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    document = forms.FileField(label=_("The PDF, to check it is unaltered (optional)"), required=False)

    def clean_code(self):
        code = normalize_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("A verification code has 16 letters and digits."))
        return code


class ProofPhotoForm(forms.Form):
    """A photo for proof of life: on a phone or a kiosk the camera opens (capture), elsewhere a file is chosen."""

    photo = forms.FileField(
        label=_("Your photo (JPG or PNG, up to 5 MB)"),
        error_messages={"required": _("Take or choose a photo first."),
                        "empty": _("The photo is empty: take it again.")},
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "user"}))
