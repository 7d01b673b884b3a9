"""The rating form every channel shows (the pad at the window, my cases, the SMS link, the kiosk, the receipt)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflow.rules import ratings as rules


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with this service?"), coerce=int, choices=rules.Level.choices,
        widget=forms.RadioSelect, error_messages={"required": _("Choose one of the five levels."),
                                                  "invalid_choice": _("Choose one of the five levels.")})
    reasons = forms.MultipleChoiceField(
        label=_("What went wrong? (optional)"), required=False, choices=rules.Reason.choices,
        widget=forms.CheckboxSelectMultiple, error_messages={"invalid_choice": _("Choose reasons from the list.")})
    comment = forms.CharField(label=_("Anything else (optional)"), required=False, max_length=rules.COMMENT_MAX,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def cleaned(self) -> dict:
        data = self.cleaned_data
        return {"score": data["score"], "reasons": list(data["reasons"]), "comment": data["comment"]}
