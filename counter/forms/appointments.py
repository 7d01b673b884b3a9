"""Forms of the resident's appointment pages: choose business, hall and day; then a slot."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from counter.selectors.appointments import bookable_days, bookable_halls, bookable_services


class SlotSearchForm(forms.Form):
    service = forms.ChoiceField(label=_("Business"))
    hall = forms.ChoiceField(label=_("Service hall"))
    day = forms.TypedChoiceField(label=_("Day"), coerce=date.fromisoformat)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {s.code: s for s in bookable_services(person=person)}
        self.halls = {h.code: h for h in bookable_halls()}
        self.fields["service"].choices = [(code, s.name) for code, s in self.services.items()]
        self.fields["hall"].choices = [(code, h.name) for code, h in self.halls.items()]
        self.fields["day"].choices = [(d.isoformat(), f"{d:%Y-%m-%d}") for d in bookable_days()]


class SlotChoiceForm(forms.Form):
    slot = forms.IntegerField(widget=forms.HiddenInput)
