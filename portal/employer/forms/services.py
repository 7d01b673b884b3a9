"""Forms around the registered services: the employee a service concerns, the staff cards batch, case filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import IdNumberField
from insurance.catalogue.common import hall_choices


class EmployeeForm(forms.Form):
    """Which employee an "employer for a person" service concerns: one of the employer's own staff."""

    id_number = IdNumberField(label=_("Employee's identity number"))


class IdListField(forms.Field):
    """Database ids ticked in a list (checkboxes of the same name); whose they are, the view's selector decides."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("The selection is not valid.")}

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        try:
            return sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class CardsApplyForm(forms.Form):
    hall = forms.ChoiceField(label=_("Collect the cards at"), choices=hall_choices, required=False)
    persons = IdListField(required=False)
    everyone = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("everyone") and not data.get("persons"):
            raise forms.ValidationError(_("Choose at least one employee."))
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name, identity number or its last digits"), max_length=30, required=False)


class CaseFilterForm(forms.Form):
    filter = forms.ChoiceField(required=False, choices=[
        ("open", _("Open")), ("material", _("Waiting for material")), ("all", _("All"))])
    q = forms.CharField(label=_("Case number"), max_length=20, required=False)
