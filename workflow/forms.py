"""Forms of the workflow: the base of every service's own form, and the back office's decision forms."""

from __future__ import annotations

import json
from datetime import date

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from accounts.models import Office, User


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value):
        return f"{value:%Y-%m}" if isinstance(value, date) else value


class MonthField(forms.DateField):
    """A calendar month typed as 2026-03 (or a date within it); cleaned to its first day."""

    widget = MonthInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value.replace(day=1)
        text = str(value).strip()
        try:
            return date.fromisoformat(text + "-01" if len(text) == 7 else text).replace(day=1)
        except ValueError:
            raise forms.ValidationError(_("Enter a month as YYYY-MM."), code="invalid") from None


class ServiceForm(forms.Form):
    """Base of a service's form. It sees the application's context (applicant, channel) and turns its
    cleaned data into JSON-safe case data."""

    def __init__(self, *args, application=None, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)

    def to_data(self) -> dict:
        return json.loads(json.dumps(self.cleaned_data, cls=DjangoJSONEncoder))


# --- The back office's decision forms: each posts to its own action, which calls one service. ---------------

class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(NoteForm):
    note = forms.CharField(label=_("Decision note"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for rejection"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("A rejection needs its reason.")})

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("A rejection needs its reason."))
        return reason


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Why (e.g. the applicant's written request)"), max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("Say why the case is withdrawn.")})


class SupplementRequestForm(NoteForm):
    """Which of the service's materials are missing, and/or a note saying what else is."""

    materials = forms.MultipleChoiceField(label=_("Missing material"), required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, materials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].choices = list(materials)

    def clean(self):
        data = super().clean()
        if not data.get("materials") and not (data.get("note") or "").strip():
            raise forms.ValidationError(_("Say which material is missing."))
        return data


class SupplementReceivedForm(NoteForm):
    """The material that arrived (by default all that was asked for)."""

    materials = forms.MultipleChoiceField(label=_("Material received"), required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, missing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].choices = list(missing)
        self.fields["materials"].initial = [code for code, _label in missing]

    def clean(self):
        data = super().clean()
        if self.fields["materials"].choices and not data.get("materials"):
            raise forms.ValidationError(_("Tick the material that arrived."))
        return data


class AssignForm(NoteForm):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none(),
                                      error_messages={"required": _("Choose a reviewer."),
                                                      "invalid_choice": _("Choose a reviewer of this office.")})

    def __init__(self, *args, reviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if reviewers is not None:
            self.fields["reviewer"].queryset = reviewers


class ReassignForm(NoteForm):
    office = forms.ModelChoiceField(label=_("Back office"), queryset=Office.objects.none(),
                                    error_messages={"required": _("Choose a back office."),
                                                    "invalid_choice": _("Choose another back office.")})

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offices is not None:
            self.fields["office"].queryset = offices
