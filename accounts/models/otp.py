"""One-time codes sent by SMS to a person's registered phone: sign-up, password reset, kiosk identification."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OneTimeCode(models.Model):
    class Purpose(models.TextChoices):
        SIGNUP = "signup", _("Online sign-up")
        RESET = "reset", _("Password reset")
        KIOSK = "kiosk", _("Kiosk identification")

    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="one_time_codes")
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    code_hash = models.CharField(_("code hash"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "purpose", "-created_at"], name="otp_person_recent")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.purpose} {self.created_at:%Y-%m-%d %H:%M}"
