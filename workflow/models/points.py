"""Which services the street and community service points may accept: the bureau's table, one row per level and
service (every hall at city or county level keeps accepting the whole catalogue)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflow.models.catalogue import ServiceType
from workflow.registry import Channel


class PointService(models.Model):
    """A service that every service point of one level accepts at its counter."""

    class Level(models.TextChoices):
        # The values are accounts.Region levels: a point's level is its region's.
        STREET = "street", _("Street / township service centre")
        COMMUNITY = "community", _("Community / village service station")

    level = models.CharField(_("service point level"), max_length=10, choices=Level.choices)
    service = models.ForeignKey(ServiceType, verbose_name=_("service"), on_delete=models.CASCADE,
                                related_name="point_levels")

    class Meta:
        verbose_name = _("service accepted at service points")
        verbose_name_plural = _("services accepted at service points")
        ordering = ["level", "service__domain", "service__code"]
        constraints = [models.UniqueConstraint(fields=["level", "service"], name="point_service_once_per_level")]

    def __str__(self) -> str:
        return _("%(level)s: %(service)s") % {"level": self.get_level_display(), "service": self.service}

    def clean(self) -> None:
        super().clean()
        if self.service_id is None:
            return
        if Channel.COUNTER not in (self.service.channels or []):
            raise ValidationError({"service": _("“%(service)s” cannot be started at a counter, so no service "
                                                "point can accept it.") % {"service": self.service.name}})
