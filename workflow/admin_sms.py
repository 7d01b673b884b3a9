"""Admin: the SMS templates registered with a domestic provider, one per kind of message.

Kinds are shown by their text with each variable named in words, and variables are ticked by what they hold:
the identifiers the provider knows them by, and the text to submit for review, are printed by
`manage.py sms_template_texts`."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.text import enumeration
from workflow.models import SmsTemplate
from workflow.sms.kinds import PARAM_LABELS, param_label, sms_kind_get, sms_kinds


class SmsTemplateForm(forms.ModelForm):
    params = forms.MultipleChoiceField(
        label=_("template variables"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(name, label) for name, label in PARAM_LABELS.items()],
        help_text=_("Tick what the registered template shows; the kind must have each of them."))

    class Meta:
        model = SmsTemplate
        fields = ["kind", "template_code", "params"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"] = forms.ChoiceField(
            label=_("kind of message"), choices=[("", "---------")] + [(k.code, k.label()) for k in sms_kinds()])
        if self.instance.pk:
            self.initial["params"] = self.instance.param_names

    def clean_params(self) -> str:
        return ",".join(self.cleaned_data.get("params") or [])


@admin.register(SmsTemplate)
class SmsTemplateAdmin(admin.ModelAdmin):
    """Which registered template (and its variables) each kind of SMS is sent with under SMS_PROVIDER=aliyun."""

    form = SmsTemplateForm
    fields = ["kind", "template_code", "params"]
    list_display = ("kind_text", "template_code", "variable_names", "updated_at")
    search_fields = ("template_code",)

    @admin.display(description=_("kind of message"), ordering="kind")
    def kind_text(self, obj) -> str:
        kind = sms_kind_get(obj.kind)
        return kind.label() if kind else obj.kind

    @admin.display(description=_("template variables"))
    def variable_names(self, obj) -> str:
        return enumeration(param_label(name) for name in obj.param_names) or "—"
