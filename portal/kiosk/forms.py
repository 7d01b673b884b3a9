"""Forms of the kiosk: the identity number, the SMS code and the statement's year (the hall's own forms serve
the ticket, tracking's form the case check)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import ecard
from accounts.forms import IdNumberField

# The years a kiosk offers for a statement: this one and the three before (older ones at a window or online).
STATEMENT_YEARS = 4


class IdentifyForm(forms.Form):
    """The identity number typed on the keypad, or the QR code of the person's e-card that the kiosk's scanner types
    into the same box (kind "ecard": the view redeems it, once)."""

    id_number = forms.CharField(label=_("Your identity number"), max_length=ecard.MAX_INPUT,
                                error_messages={"required": IdNumberField.default_error_messages["required"]})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = "person"
        self.fields["id_number"].widget.attrs.update({"autofocus": True, "class": "kiosk-input",
                                                      "autocapitalize": "characters", "enterkeyhint": "next",
                                                      "autocomplete": "off", "inputmode": "text",
                                                      "spellcheck": "false"})

    def clean_id_number(self):
        raw = self.cleaned_data["id_number"]
        if ecard.looks_like_ecard(raw):
            self.kind = "ecard"  # signed: kept exactly as read, not normalised as a number
            return raw
        return IdNumberField().clean(raw)


class CodeForm(forms.Form):
    code = forms.RegexField(label=_("The code in the SMS"), regex=r"^\s*\d{6}\s*$", max_length=8,
                            error_messages={"invalid": _("The code has 6 digits."),
                                            "required": _("Enter the 6-digit code from the SMS.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"autofocus": True, "class": "kiosk-input", "inputmode": "numeric",
                                                 "autocomplete": "one-time-code", "enterkeyhint": "done"})

    def clean_code(self):
        return self.cleaned_data["code"].strip()


def statement_years() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, this - STATEMENT_YEARS, -1))


class StatementYearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=lambda: [(y, y) for y in statement_years()])
