"""What the police's population register answered about a person when they were created (人口信息核验)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IdentityCheck(models.Model):
    class Status(models.TextChoices):
        VERIFIED = "verified", _("Verified")
        UNVERIFIED = "unverified", _("Unverified")
        MISMATCH = "mismatch", _("Name does not match")
        DECEASED = "deceased", _("Recorded deceased")

    class Source(models.TextChoices):
        NONE = "", _("No answer yet")
        POLICE = "police", _("Police population register")
        FAKE = "fake", _("Local fake of the police register (development)")

    person = models.OneToOneField("accounts.Person", verbose_name=_("person"), on_delete=models.CASCADE,
                                  related_name="identity_check")
    status = models.CharField(_("identity check"), max_length=10, choices=Status.choices)
    source = models.CharField(_("answered by"), max_length=10, choices=Source.choices, blank=True)
    checked_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_check_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("identity check")
        verbose_name_plural = _("identity checks")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["next_check_at"], name="identity_check_due",
                                condition=Q(status="unverified"))]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status}"
