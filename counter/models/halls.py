"""The windows of a service hall and the hall's screens (ticket dispenser and display board)."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_screen_token() -> str:
    return secrets.token_urlsafe(24)


class Window(models.Model):
    """A window of a hall. Any window takes any business; a clerk signs in at one window at a time."""

    hall = models.ForeignKey("accounts.Office", verbose_name=_("hall"), on_delete=models.PROTECT,
                             related_name="windows", limit_choices_to={"kind": "hall"})
    number = models.PositiveSmallIntegerField(_("window number"))
    label = models.CharField(_("label"), max_length=40, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    clerk = models.OneToOneField("accounts.User", verbose_name=_("clerk at the window"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="counter_window")
    opened_at = models.DateTimeField(_("clerk signed in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("window")
        verbose_name_plural = _("windows")
        ordering = ["hall", "number"]
        constraints = [models.UniqueConstraint(fields=["hall", "number"], name="window_number_unique_in_hall")]
        permissions = [
            ("operate_window", _("Can work at a window: call tickets and accept business at the desk")),
            ("monitor_hall", _("Can see a hall's day, bookings and statistics")),
            ("manage_hall", _("Can manage a hall's appointment slots and screens")),
            ("monitor_channels", _("Can see the city's channel mix")),
        ]

    def __str__(self) -> str:
        return _("Window %(number)s") % {"number": self.number}


class HallScreen(models.Model):
    """The hall's entrance dispenser and display board run without a login, behind this unguessable token."""

    hall = models.OneToOneField("accounts.Office", verbose_name=_("hall"), on_delete=models.CASCADE,
                                related_name="hall_screen", limit_choices_to={"kind": "hall"})
    token = models.CharField(_("screen key"), max_length=64, unique=True, default=new_screen_token)
    rotated_at = models.DateTimeField(_("key issued"), default=timezone.now)

    class Meta:
        verbose_name = _("hall screen key")
        verbose_name_plural = _("hall screen keys")

    def __str__(self) -> str:
        return str(self.hall)
