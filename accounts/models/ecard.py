"""The uses of electronic social-security card codes (电子社保卡): one row for each code that identified a person,
so that a code identifies once (the nonce is unique) and the record says how, where and by whom."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ECardUse(models.Model):
    class Channel(models.TextChoices):
        COUNTER = "counter", _("Counter")
        KIOSK = "kiosk", _("Self-service kiosk")

    # The one-time part of the code: a second use of the same code is refused by this constraint, whichever
    # window or kiosk tries it, however close together.
    nonce = models.CharField(_("code nonce"), max_length=32, unique=True)
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="ecard_uses")
    issued_at = models.DateTimeField(_("code shown at"))
    used_at = models.DateTimeField(_("used"), db_index=True)
    used_by = models.ForeignKey("accounts.User", verbose_name=_("used by"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("accounts.Office", verbose_name=_("office"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    ticket = models.CharField(_("queue ticket"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("electronic social-security card use")
        verbose_name_plural = _("electronic social-security card uses")
        ordering = ["-used_at", "-pk"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["person", "used_at"], name="ecarduse_person_at")]

    def __str__(self) -> str:
        return f"{self.used_at:%Y-%m-%d %H:%M:%S} {self.person_id} {self.channel}"
