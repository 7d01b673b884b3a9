"""Forms of the hall's screens and management pages: the dispenser, slots, statistics ranges."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from counter import rules
from counter.models import Ticket
from workflow.models import ServiceType


class TicketForm(forms.Form):
    category = forms.ChoiceField(choices=[(Ticket.Category.ORDINARY, _("Ordinary")),
                                          (Ticket.Category.PRIORITY, _("Priority"))])
    priority_reason = forms.ChoiceField(choices=Ticket.PriorityReason.choices, required=False)

    def clean(self):
        data = super().clean()
        if data.get("category") == Ticket.Category.PRIORITY and not data.get("priority_reason"):
            raise ValidationError(_("Say why this ticket has priority."))
        return data


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Booking code"), max_length=12)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false",
                                                 "autocapitalize": "characters"})

    def clean_code(self):
        code = rules.normalize_booking_code(self.cleaned_data["code"])
        if not rules.is_well_formed_booking_code(code):
            raise ValidationError(_("A booking code has 8 letters and digits, as in the SMS."))
        return code


class DateRangeForm(forms.Form):
    # <input type="date"> takes ISO dates whatever the language.
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and not rules.range_ok(start, end):
            raise ValidationError(_("Choose a range of at most %(days)s days, the first day first.")
                                  % {"days": rules.MAX_RANGE_DAYS})
        return data

    @classmethod
    def from_query(cls, params, *, default_days: int = 1):
        today = timezone.localdate()
        initial = {"date_from": today - timedelta(days=default_days - 1), "date_to": today}
        data = {k: params.get(k) or v for k, v in initial.items()}
        return cls(data)


class SlotOpenForm(DateRangeForm):
    service = forms.ModelChoiceField(label=_("Business"), queryset=ServiceType.objects.filter(is_active=True),
                                     required=False, empty_label=_("Any business"))
    opens = forms.TimeField(label=_("First slot begins"), initial="09:00",
                            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    closes = forms.TimeField(label=_("Last slot ends"), initial="17:00",
                             widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    minutes = forms.IntegerField(label=_("Minutes per slot"), min_value=10, max_value=240, initial=30)
    capacity = forms.IntegerField(label=_("Places per slot"), min_value=1, max_value=200, initial=4)

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            raise ValidationError(_("The last slot must end after the first begins."))
        return data


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Places"), min_value=0, max_value=200)
