"""Forms of the clerk's desk: the window, identifying the applicant, transferring, the application's materials."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import ecard
from accounts.forms import CreditCodeField, IdNumberField
from counter.models import Window
from workflow.registry import Applicant


class WindowForm(forms.Form):
    window = forms.ModelChoiceField(label=_("Window"), queryset=Window.objects.none(), empty_label=None)

    def __init__(self, *args, hall=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = Window.objects.filter(hall=hall, is_active=True).order_by("number")


class IdentifyForm(forms.Form):
    """An identity number (a person) or a unified social credit code (an employer), typed or read by a scanner,
    or the QR code of a person's electronic social-security card read by a scanner or the page's camera (kind
    "ecard": the view redeems it, once)."""

    number = forms.CharField(label=_("Identity number, credit code or e-card code"), max_length=ecard.MAX_INPUT)

    def __init__(self, *args, focus: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false", "accesskey": "i"})
        if focus:  # only where it is the page's first control: autofocus scrolls to it wherever it is
            self.fields["number"].widget.attrs["autofocus"] = True

    def clean_number(self):
        if ecard.looks_like_ecard(self.cleaned_data["number"]):
            self.kind = "ecard"  # signed: kept exactly as read, its case included
            return self.cleaned_data["number"].strip()
        raw = self.cleaned_data["number"].strip().replace(" ", "").upper()
        try:
            number, self.kind = IdNumberField().clean(raw), "person"
            return number
        except ValidationError as id_error:
            if len(raw) == 15:
                raise
            try:
                code, self.kind = CreditCodeField().clean(raw), "employer"
                return code
            except ValidationError:
                if raw[:17].isdigit():
                    raise id_error from None
                raise ValidationError(_("Enter an 18-digit identity number or an 18-character credit code."),
                                      code="format") from None


class TransferForm(forms.Form):
    to_window = forms.ModelChoiceField(label=_("Transfer to window"), queryset=Window.objects.none(),
                                       empty_label=None)

    def __init__(self, *args, window=None, **kwargs):
        super().__init__(*args, **kwargs)
        if window is not None:
            self.fields["to_window"].queryset = (Window.objects.filter(hall_id=window.hall_id, is_active=True)
                                                 .exclude(pk=window.pk).order_by("number"))


class ApplicationForm(forms.Form):
    """What the desk adds to a service's own form: the materials handed in and, for business an employer applies
    for on a person's behalf, the other party."""

    materials = forms.MultipleChoiceField(label=_("Materials received"), required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, service=None, spec=None, subject_kind="person", **kwargs):
        super().__init__(*args, **kwargs)
        rows = list(service.materials.all()) if service is not None else []
        self.required_materials = [m for m in rows if m.required]
        optional = " " + str(_("(optional)"))
        self.fields["materials"].choices = [(m.code, m.name if m.required else m.name + optional) for m in rows]
        if not rows:
            del self.fields["materials"]
        if spec is not None and spec.applicant == Applicant.BOTH:
            if subject_kind == "person":
                self.fields["other"] = CreditCodeField(label=_("Credit code of the employer"))
            else:
                self.fields["other"] = IdNumberField(label=_("Identity number of the person"))

    def clean_materials(self):
        given = set(self.cleaned_data.get("materials") or [])
        missing = [str(m.name) for m in self.required_materials if m.code not in given]
        if missing:
            raise ValidationError(_("Required material not received: %(list)s.") % {"list": "、".join(missing)},
                                  code="materials")
        return sorted(given)
