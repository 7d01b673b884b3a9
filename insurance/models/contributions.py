"""Contributions: one row per person, month, insurance type and payer."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from insurance.models.choices import InsuranceType, Payer


class Contribution(models.Model):
    class Status(models.TextChoices):
        PAID = "paid", _("Paid")
        OWED = "owed", _("Owed")

    # Both foreign keys are served by the composite indexes below (no single-column index of their own).
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="contributions", db_index=False)
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="contributions", db_index=False)
    # The first day of the month the contribution is for.
    month = models.DateField(_("month"))
    insurance_type = models.CharField(_("insurance type"), max_length=16, choices=InsuranceType.choices)
    payer = models.CharField(_("payer"), max_length=12, choices=Payer.choices)
    base = models.DecimalField(_("contribution base"), max_digits=10, decimal_places=2)
    employer_part = models.DecimalField(_("employer part"), max_digits=10, decimal_places=2, default=0)
    individual_part = models.DecimalField(_("individual part"), max_digits=10, decimal_places=2, default=0)
    # Pension: the amount credited to the personal account.
    account_part = models.DecimalField(_("credited to the personal account"), max_digits=10, decimal_places=2,
                                       default=0)
    status = models.CharField(_("status"), max_length=4, choices=Status.choices, default=Status.PAID)
    order = models.ForeignKey("insurance.PaymentOrder", verbose_name=_("payment order"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="contributions")
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    # A payment without a payment order (flexible employment) keeps the tax bureau's voucher number (电子税票号);
    # an order keeps its own (PaymentOrder.reference).
    tax_reference = models.CharField(_("tax voucher number"), max_length=60, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["person_id", "month", "insurance_type"]
        constraints = [
            # Its index (person, month, type, payer) is also the index of "this person's history".
            models.UniqueConstraint(fields=["person", "month", "insurance_type", "payer"],
                                    name="contribution_once_per_payer"),
            models.CheckConstraint(name="contribution_month_first_day", condition=Q(month__day=1)),
            models.CheckConstraint(name="contribution_paid_has_date",
                                   condition=~Q(status="paid") | Q(paid_on__isnull=False)),
        ]
        indexes = [
            # This employer's month.
            models.Index(fields=["employer", "month"], name="contribution_employer_month"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.month:%Y-%m} {self.get_insurance_type_display()} {self.get_payer_display()}"

    @property
    def total(self):
        return self.employer_part + self.individual_part
