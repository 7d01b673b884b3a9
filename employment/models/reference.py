"""Rule tables as data with effective dates: subsidy amounts, the minimum wage, the benefit level, the fund
classification. Each row says where it comes from and whether it was seen in a published text."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from employment.models.choices import CertificateLevel, Fund, PaymentItem, Situation, Subsidy
from workflow.models.sourced import Effective


def _ordered(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(name=name,
                                  condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")))


class SubsidyRule(Effective):
    """A subsidy's amount (per person, per job or per certificate level) and the unemployment-insurance
    months it requires (0: exempt)."""

    class Unit(models.TextChoices):
        CASE = "case", _("per application")
        PERSON = "person", _("per person placed")
        JOB = "job", _("per job created")
        CONTRIBUTIONS = "contributions", _("a share of the contributions paid")

    subsidy = models.CharField(_("subsidy"), max_length=24, choices=Subsidy.choices)
    variant = models.CharField(_("variant"), max_length=30, blank=True,
                               help_text=_("E.g. the certificate level; empty for the subsidy's one amount."))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=13, choices=Unit.choices, default=Unit.CASE)
    required_insurance_months = models.PositiveSmallIntegerField(
        _("unemployment-insurance months required"), default=0, help_text=_("0: exempt from the check."))

    class Meta:
        verbose_name = _("subsidy rule")
        verbose_name_plural = _("subsidy rules")
        ordering = ["subsidy", "variant", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["subsidy", "variant", "valid_from"], name="subsidyrule_unique_start"),
            _ordered("subsidyrule_period_ordered"),
            models.CheckConstraint(name="subsidyrule_amount_positive", condition=Q(amount__gte=0)),
        ]

    def __str__(self) -> str:
        label = self.get_subsidy_display()
        return f"{label} {self.variant_label} {self.valid_from:%Y-%m-%d}".replace("  ", " ")

    @property
    def variant_label(self) -> str:
        """The variant as people read it (a certificate level's name), or as the bureau typed it."""
        if self.subsidy == Subsidy.VOCATIONAL_TRAINING and self.variant in CertificateLevel.values:
            return str(CertificateLevel(self.variant).label)
        return self.variant


class MinimumWage(Effective):
    """The province's monthly minimum wage of a tier: data for the bureau to confirm."""

    tier = models.PositiveSmallIntegerField(_("tier"), default=1)
    amount = models.DecimalField(_("monthly minimum wage (yuan)"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")
        ordering = ["tier", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["tier", "valid_from"], name="minimumwage_unique_start"),
            _ordered("minimumwage_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.tier} {self.amount} {self.valid_from:%Y-%m-%d}"


class BenefitLevel(Effective):
    """Unemployment benefit per month as a share of the minimum wage of the city's tier."""

    percent = models.DecimalField(_("percent of the minimum wage"), max_digits=5, decimal_places=2)
    wage_tier = models.PositiveSmallIntegerField(_("the city's minimum-wage tier"), default=1)

    class Meta:
        verbose_name = _("unemployment benefit level")
        verbose_name_plural = _("unemployment benefit levels")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["valid_from"], name="benefitlevel_unique_start"),
            _ordered("benefitlevel_period_ordered"),
            models.CheckConstraint(name="benefitlevel_percent_range",
                                   condition=Q(percent__gt=0) & Q(percent__lte=100)),
        ]

    def __str__(self) -> str:
        return f"{self.percent}% {self.valid_from:%Y-%m-%d}"


class FundRule(Effective):
    """Which fund pays an item for a person in a situation (a named situation beats "anyone"; then priority)."""

    item = models.CharField(_("payment item"), max_length=24, choices=PaymentItem.choices)
    situation = models.CharField(_("person's situation"), max_length=12, choices=Situation.choices,
                                 default=Situation.ANY)
    fund = models.CharField(_("fund"), max_length=16, choices=Fund.choices)
    priority = models.SmallIntegerField(_("priority"), default=0)

    class Meta:
        verbose_name = _("fund classification rule")
        verbose_name_plural = _("fund classification rules")
        ordering = ["item", "-priority", "situation"]
        constraints = [
            models.UniqueConstraint(fields=["item", "situation", "valid_from"], name="fundrule_unique_start"),
            _ordered("fundrule_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} · {self.get_situation_display()} → {self.get_fund_display()}"
