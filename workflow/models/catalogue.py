"""The catalogue as data: service types mirrored from the registry, with what the bureau edits in the admin."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from workflow.registry import Applicant, Kind, LimitUnit
from workflow.rules.escalation import Policy


class EscalationPolicy(models.Model):
    name = models.CharField(_("policy name"), max_length=60, unique=True)
    remind_before_days = models.PositiveSmallIntegerField(_("remind the reviewer (working days before)"), default=1)
    grace_days = models.PositiveSmallIntegerField(_("escalate after the deadline (working days)"), default=1)
    level_interval_days = models.PositiveSmallIntegerField(_("working days between further levels"), default=2)
    max_levels = models.PositiveSmallIntegerField(_("levels above the office"), default=2)

    class Meta:
        verbose_name = _("escalation policy")
        verbose_name_plural = _("escalation policies")

    def __str__(self) -> str:
        return self.name

    def as_rule(self) -> Policy:
        return Policy(self.remind_before_days, self.grace_days, self.level_interval_days, self.max_levels)


class ServiceType(models.Model):
    """One row per registered service. Code, names, kind, channels come from the registry on every migrate;
    the limit, materials and escalation policy are the bureau's to edit."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150)
    domain = models.CharField(_("domain"), max_length=30)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    applicant = models.CharField(_("applicant"), max_length=10, choices=Applicant.choices)
    channels = models.JSONField(_("channels"), default=list)
    limit = models.PositiveSmallIntegerField(_("time limit"), null=True, blank=True)
    limit_unit = models.CharField(_("limit counted in"), max_length=10, choices=LimitUnit.choices,
                                  default=LimitUnit.WORKING_DAYS)
    escalation_policy = models.ForeignKey(EscalationPolicy, verbose_name=_("escalation policy"), null=True,
                                          blank=True, on_delete=models.PROTECT)
    is_active = models.BooleanField(_("offered"), default=True)
    in_registry = models.BooleanField(_("registered in code"), default=True, editable=False)
    use_count = models.PositiveIntegerField(_("cases accepted"), default=0, editable=False)

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["domain", "code"]

    def __str__(self) -> str:
        return self.name  # people read names; the code is for the code (and for search)

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_zh

    @property
    def is_immediate(self) -> bool:
        return self.kind == Kind.IMMEDIATE


class ServiceMaterial(models.Model):
    service = models.ForeignKey(ServiceType, verbose_name=_("service"), on_delete=models.CASCADE,
                                related_name="materials")
    code = models.CharField(_("code"), max_length=40)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=150)
    required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["service", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["service", "code"], name="material_unique_per_service")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_zh
