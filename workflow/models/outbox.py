"""The notification outbox: every SMS is a row first, written in the transaction that causes it; and the templates
registered with a domestic provider for each kind of message."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.text import enumeration


class OutboundMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    # Idempotency: the same cause never produces two messages (e.g. "case:42:accepted").
    key = models.CharField(_("idempotency key"), max_length=120, unique=True)
    phone = models.CharField(_("phone"), max_length=20)
    body = models.TextField(_("text"))
    # What kind of message it is and the values of its text's parameters: a provider that sends only registered
    # templates (Alibaba Cloud) sends these, with the template registered for the kind (SmsTemplate).
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    case = models.ForeignKey("workflow.Case", verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="messages")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    provider_id = models.CharField(_("provider message id"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="outbox_pending",
                         # Sent messages only while a polling provider is still to be asked about them.
                         condition=Q(status__in=["queued", "sending"]) | Q(status="sent",
                                                                            next_attempt_at__isnull=False)),
            models.Index(fields=["provider_id"], name="outbox_provider_id"),
        ]

    def __str__(self) -> str:
        return f"{self.phone} {self.get_status_display()}"


def _kind_registered(value: str) -> None:
    from workflow.sms.kinds import sms_kind_get

    if sms_kind_get(value) is None:
        raise ValidationError(_("The portal sends no messages of kind “%(kind)s”."), params={"kind": value},
                              code="unknown_kind")


class SmsTemplate(models.Model):
    """A template the bureau registered with Alibaba Cloud SMS (and the provider approved) for one kind of message.

    A row, not a setting: templates are approved by the provider days after the code is deployed, are amended and
    re-approved under new codes, and the bureau's operators enter them, with validation against the parameters
    the portal has for that kind, without a release.
    """

    kind = models.CharField(_("kind of message"), max_length=60, unique=True, validators=[_kind_registered])
    template_code = models.CharField(
        _("template code"), max_length=40,
        validators=[RegexValidator(r"^SMS_\d{4,20}$", _("A template code looks like SMS_123456789."))],
        help_text=_("As the provider's console shows it after approval, e.g. SMS_123456789."))
    params = models.CharField(
        _("template variables"), max_length=200, blank=True,
        help_text=_("The variables the registered template uses, separated by commas."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("SMS template")
        verbose_name_plural = _("SMS templates")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.kind} {self.template_code}"

    @property
    def param_names(self) -> list[str]:
        return [name for name in re.split(r"[,，\s]+", self.params) if name]

    def clean(self) -> None:
        from workflow.sms.kinds import param_label, sms_kind_get

        self.params = ",".join(self.param_names)
        kind = sms_kind_get(self.kind)
        if kind is None:
            return  # the field's validator says so
        names = self.param_names
        unknown = [name for name in names if name not in kind.params]
        if unknown:
            raise ValidationError({"params": _("Messages of this kind have no %(names)s; they have: %(known)s.") % {
                "names": enumeration(param_label(n) for n in unknown),
                "known": enumeration(param_label(n) for n in kind.params) or _("no parameters")}})
        if len(set(names)) != len(names):
            raise ValidationError({"params": _("Each variable is named once.")})
