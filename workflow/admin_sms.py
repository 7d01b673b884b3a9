"""Admin: the SMS templates registered with a domestic provider, one per kind of message, with the text to register."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.text import enumeration
from workflow.models import SmsTemplate
from workflow.sms.kinds import sms_kind_get, sms_kinds


class SmsTemplateForm(forms.ModelForm):
    class Meta:
        model = SmsTemplate
        fields = ["kind", "template_code", "params"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds the code sends, each with the text the bureau submits for review.
        self.fields["kind"] = forms.ChoiceField(
            label=_("kind of message"),
            choices=[("", "---------")] + [(kind.code, f"{kind.code}：{kind.template_text()}") for kind in sms_kinds()])


@admin.register(SmsTemplate)
class SmsTemplateAdmin(admin.ModelAdmin):
    """Which registered template (and its variables) each kind of SMS is sent with under SMS_PROVIDER=aliyun."""

    form = SmsTemplateForm
    list_display = ("kind", "template_code", "params", "updated_at")
    search_fields = ("kind", "template_code")
    readonly_fields = ("text_to_register", "variables_available")

    def get_fields(self, request, obj=None):
        return ["kind", "text_to_register", "variables_available", "template_code", "params"] if obj else \
            ["kind", "template_code", "params"]

    @admin.display(description=_("text to register"))
    def text_to_register(self, obj) -> str:
        kind = sms_kind_get(obj.kind) if obj else None
        return kind.template_text() if kind else "—"

    @admin.display(description=_("variables available"))
    def variables_available(self, obj) -> str:
        kind = sms_kind_get(obj.kind) if obj else None
        return enumeration(kind.params) if kind else "—"
