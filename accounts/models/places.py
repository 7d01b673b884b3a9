"""Regions (five levels of GB/T 2260 divisions) and the bureau's offices."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Significant digits of a division code per level: a region's subtree is every
# region whose path starts with its path.
PATH_LENGTH = {"province": 2, "city": 4, "county": 6, "street": 9, "community": 12}


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        COUNTY = "county", _("County / district")
        STREET = "street", _("Street / township")
        COMMUNITY = "community", _("Community / village")

    code = models.CharField(_("division code"), max_length=12, unique=True)
    name = models.CharField(_("region name"), max_length=60)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("code prefix"), max_length=12, unique=True, editable=False)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]
        indexes = [
            models.Index(
                fields=["path"], name="region_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = self.path_for(self.code, self.level)
        super().save(*args, **kwargs)

    @staticmethod
    def path_for(code: str, level: str) -> str:
        return code[: PATH_LENGTH[level]]

    @property
    def ancestor_paths(self) -> list[str]:
        """Paths of this region and every region above it, nearest first."""
        return [self.path[:n] for n in sorted(set(PATH_LENGTH.values()), reverse=True) if n <= len(self.path)]

    def contains(self, other: "Region") -> bool:
        return other.path.startswith(self.path)

    @property
    def in_city(self) -> bool:
        return self.path.startswith(settings.PORTAL_CITY_PATH)


class Office(models.Model):
    class Kind(models.TextChoices):
        HALL = "hall", _("Service hall")
        BACK_OFFICE = "back_office", _("Back office")
        LEADERSHIP = "leadership", _("Leadership")
        # Labour relations (labour/): they decide cases like a back office, on their own kinds of business.
        INSPECTION = "inspection", _("Labour inspection team")
        ARBITRATION = "arbitration", _("Labour-dispute arbitration commission")

    code = models.CharField(_("office code"), max_length=20, unique=True)
    name = models.CharField(_("office name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="offices")
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(verbose_name=_("office change history"),
                                verbose_name_plural=_("office change history"))

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["region__path", "kind", "code"]
        indexes = [models.Index(fields=["kind", "region"], name="office_kind_region")]

    def __str__(self) -> str:
        return self.name

    @property
    def decides_cases(self) -> bool:
        """A back office, an inspection team or an arbitration commission: it has a work list, a board, reviewers."""
        return self.kind in DECIDING_KINDS


# The offices that decide cases routed to them (workflow's work lists and boards serve them all alike).
DECIDING_KINDS = frozenset({Office.Kind.BACK_OFFICE, Office.Kind.INSPECTION, Office.Kind.ARBITRATION})
