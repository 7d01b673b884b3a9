"""Counters that restart by key (e.g. every day): case numbers, queue tickets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    key = models.CharField(_("key"), max_length=80, unique=True)
    value = models.PositiveIntegerField(_("last value"), default=0)

    class Meta:
        verbose_name = _("sequence")
        verbose_name_plural = _("sequences")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
