"""The one-form new-hire registration and the separation form."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import IdNumberField, MobileField
from employment.catalogue.registration import RegistrationForm, SeparationForm
from insurance.catalogue.common import DateInput
from insurance.models import EMPLOYEE_TYPES
from insurance.rules.months import add_months, month_start

# The registration services accept a start at most 60 days back and a month ahead; the form says so first.
BACK_DAYS, AHEAD_DAYS = 60, 31


class NewHireForm(forms.Form):
    id_number = IdNumberField()
    name = forms.CharField(label=_("Name"), max_length=50)
    phone = MobileField(label=_("Mobile number"), required=False,
                        help_text=_("Needed when the person is not registered yet."))
    start = forms.DateField(label=_("First day of work"), widget=DateInput)
    contract = forms.ChoiceField(label=_("Contract"), choices=RegistrationForm.base_fields["contract"].choices)
    position = forms.CharField(label=_("Position"), max_length=60, required=False)
    wage = forms.DecimalField(label=_("Monthly wage (contribution base before the floor and ceiling)"),
                              max_digits=10, decimal_places=2, min_value=Decimal("0.01"),
                              widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}))
    types = forms.MultipleChoiceField(label=_("Insurance types to enrol in"), widget=forms.CheckboxSelectMultiple,
                                      choices=[(k.value, k.label) for k in EMPLOYEE_TYPES],
                                      initial=[k.value for k in EMPLOYEE_TYPES])

    def clean_start(self):
        value = self.cleaned_data["start"]
        today = timezone.localdate()
        if value < today - timedelta(days=BACK_DAYS):
            raise forms.ValidationError(_("At most 60 days back; older changes go through a service hall."))
        if value > today + timedelta(days=AHEAD_DAYS) or month_start(value) > add_months(month_start(today), 1):
            raise forms.ValidationError(_("At most a month ahead, and no later than next month."))
        return value


class SeparationStartForm(forms.Form):
    ended_on = forms.DateField(label=_("Last day of employment"), widget=DateInput)
    reason = forms.ChoiceField(label=_("Why it ended"), choices=SeparationForm.base_fields["reason"].choices)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_ended_on(self):
        value = self.cleaned_data["ended_on"]
        today = timezone.localdate()
        if value < today - timedelta(days=BACK_DAYS):
            raise forms.ValidationError(_("At most 60 days back; older changes go through a service hall."))
        if value > today + timedelta(days=AHEAD_DAYS):
            raise forms.ValidationError(_("At most a month ahead."))
        return value
