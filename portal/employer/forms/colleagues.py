"""Forms of the colleagues' pages: adding a login, choosing one's password from the one-time link."""

from __future__ import annotations

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from accounts.forms import MobileField
from portal.employer.services.colleagues import LINK, TEMPORARY


class ColleagueForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=40, validators=[UnicodeUsernameValidator()],
                               help_text=_("Letters, digits and @ . + - _ only; it is how they log in."),
                               widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    name = forms.CharField(label=_("Name"), max_length=50)
    phone = MobileField(label=_("Mobile number"), required=False,
                        help_text=_("With a mobile number the link is also sent to them by SMS."))
    role = forms.ChoiceField(label=_("Role"), initial="staff", widget=forms.RadioSelect, choices=[
        ("staff", _("Employer staff: does the business, cannot manage logins")),
        ("admin", _("Employer administrator: also manages logins"))])
    method = forms.ChoiceField(label=_("Password"), initial=LINK, widget=forms.RadioSelect, choices=[
        (LINK, _("A one-time link with which they choose their own password (valid 3 days)")),
        (TEMPORARY, _("A temporary password shown to you once, to hand over; they change it after logging in"))])
