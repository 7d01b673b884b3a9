"""Form fields for identity numbers, credit codes and mobile numbers, and the staff search forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import (
    normalize_id_number,
    parse_id_number,
    upgrade_id15,
    validate_credit_code,
    validate_mobile,
)
from accounts.passwords import is_staff_login, password_meets_rules


class LoginForm(AuthenticationForm):
    """Django's login form sets the user name's max_length after the field is built, so nothing checked it: a
    10,000-character name went on to authenticate() and into the log of login attempts, whose column holds 255
    (a 500 on PostgreSQL). Too long a name is a field error, and no attempt is made with it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
        self.password_rules_unmet = False

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # A staff password set before today's rules (or under looser ones): the login goes on, to a new password.
        if is_staff_login(user):
            self.password_rules_unmet = not password_meets_rules(user=user, password=self.cleaned_data["password"])


class IdNumberField(forms.CharField):
    """An 18-digit identity number; a first-generation 15-digit number is upgraded to 18 digits."""

    default_error_messages = {"required": _("Enter an identity number.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Identity number"))
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "inputmode": "text", "spellcheck": "false"})

    def to_python(self, value):
        value = normalize_id_number(super().to_python(value))
        if len(value) == 15 and value.isascii() and value.isdigit():
            value = upgrade_id15(value)
        return value

    def validate(self, value):
        super().validate(value)
        if value:
            parse_id_number(value)


class CreditCodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Unified social credit code"))
        super().__init__(**kwargs)

    def to_python(self, value):
        return (super().to_python(value) or "").strip().upper()

    def validate(self, value):
        super().validate(value)
        if value:
            validate_credit_code(value)


class MobileField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("label", _("Mobile number"))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def clean(self, value):
        value = super().clean(value)
        return validate_mobile(value) if value else value


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Identity number or name"), max_length=50)

    def clean_q(self):
        q = self.cleaned_data["q"].strip()
        if len(q) < 2:
            raise ValidationError(_("Enter at least two characters."))
        return q
