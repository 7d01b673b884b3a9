"""Forms of the staff second factor: a code (authenticator or recovery) and the reason for a reset."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.twofactor import REASON_MAX_LENGTH


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=32, strip=True,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off",
                                      "spellcheck": "false", "autofocus": True}),
    )


class EnrolCodeForm(CodeForm):
    code = forms.CharField(
        label=_("Code from the app"), max_length=32, strip=True,
        help_text=_("The six digits the app shows now, after you have added the key."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ResetForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX_LENGTH,
        help_text=_("Kept in the user's history, e.g. “phone lost, identity checked in person by 刘军”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
