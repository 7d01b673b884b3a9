"""Forms of the resident's online service."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import IdNumberField

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class IdentifyForm(forms.Form):
    id_number = IdNumberField(help_text=_("18 characters, as printed on your identity card."))
    name = forms.CharField(label=_("Name"), max_length=50,
                           error_messages={"required": _("Enter your name as printed on your identity card.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_number"].widget.attrs.update({"autocapitalize": "characters", "enterkeyhint": "next"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "enterkeyhint": "go"})


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=12,
                           error_messages={"required": _("Enter the 6-digit code from the SMS.")},
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                                         "pattern": "[0-9]*", "maxlength": "6", "autofocus": True}))

    def clean_code(self) -> str:
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("The code has 6 digits."))
        return code


class UploadForm(forms.Form):
    material = forms.ChoiceField(label=_("This file is"), required=False)
    file = forms.FileField(label=_("File (PDF, JPG or PNG, up to 5 MB)"),
                           error_messages={"required": _("Choose a file to upload."),
                                           "empty": _("The file is empty.")},
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    def __init__(self, *args, materials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["material"].choices = list(materials)
        if materials and "material" not in self.initial:
            self.initial["material"] = materials[0][0]  # the material asked for, not "other"


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Why (optional)"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label=_("Yes, withdraw this application"),
                                 error_messages={"required": _("Tick the box to confirm the withdrawal.")})
