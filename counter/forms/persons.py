"""The form of a person new to the bureau, registered at a window."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import IdNumberField


class PersonRegisterForm(forms.Form):
    id_number = IdNumberField()
    name = forms.CharField(label=_("Name (as on the identity card)"), max_length=50)
    phone = forms.CharField(label=_("Mobile number"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
