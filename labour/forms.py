"""The labour pages' decision forms: each posts to its own action, which calls one service."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from labour.models import Arbitration, Complaint
from workflow.forms import DateTimeInput


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(forms.Form):
    note = forms.CharField(label=_("Why the extension is needed"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Complaint.Outcome.choices)
    recovered = forms.DecimalField(label=_("Amount recovered (yuan)"), max_digits=12, decimal_places=2,
                                   min_value=Decimal("0"), max_value=Decimal("100000000"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class HearingForm(forms.Form):
    at = forms.DateTimeField(label=_("Hearing at"), widget=DateTimeInput)
    place = forms.CharField(label=_("Place"), max_length=120)


class AwardForm(forms.Form):
    award = forms.ChoiceField(label=_("Award"), choices=Arbitration.Award.choices)
    text = forms.CharField(label=_("Award text"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
