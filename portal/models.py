"""Records of the data-exchange API: idempotent writes and the request log (no personal data in it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotentRequest(models.Model):
    """A client's write, kept with its answer: the same request id again returns the first answer."""

    client = models.ForeignKey("accounts.ApiClient", verbose_name=_("client"), on_delete=models.PROTECT,
                               related_name="+")
    request_id = models.CharField(_("request id"), max_length=64)
    endpoint = models.CharField(_("endpoint"), max_length=80)
    body_hash = models.CharField(_("request hash"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("status"))
    response = models.JSONField(_("response"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("idempotent request")
        verbose_name_plural = _("idempotent requests")
        constraints = [
            models.UniqueConstraint(fields=["client", "request_id"], name="idempotent_request_once_per_client"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.request_id}"


class ApiRequestLog(models.Model):
    client = models.ForeignKey("accounts.ApiClient", verbose_name=_("client"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    endpoint = models.CharField(_("endpoint"), max_length=80)
    method = models.CharField(_("method"), max_length=8)
    status_code = models.PositiveSmallIntegerField(_("status"))
    outcome = models.CharField(_("outcome"), max_length=80, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"))
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("API request")
        verbose_name_plural = _("API requests")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.endpoint} {self.status_code}"
