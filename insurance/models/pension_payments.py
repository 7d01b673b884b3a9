"""The monthly pension payments: one row per pension and month due, each with its reference (the bank reports
on it); employment's payment batches send them to the banks (insurance never imports employment)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PensionPayment(models.Model):
    """A month of a pension, due to the pensioner: pending until a bank reports it paid or failed."""

    FUND = "pension_fund"

    class Status(models.TextChoices):
        PENDING = "pending", _("Due, not yet paid")
        PAID = "paid", _("Paid out")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    pension = models.ForeignKey("insurance.Pension", verbose_name=_("pension"), on_delete=models.PROTECT,
                                related_name="payments")
    reference = models.CharField(_("payment reference"), max_length=24, unique=True)
    month = models.DateField(_("month"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    failure_reason = models.CharField(_("why it failed"), max_length=200, blank=True)
    result_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pension payment")
        verbose_name_plural = _("pension payments")
        ordering = ["-month", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["pension", "month"], name="one_pension_payment_per_month"),
            models.CheckConstraint(name="pension_payment_month_first_day", condition=Q(month__day=1)),
            models.CheckConstraint(name="pension_payment_amount_positive", condition=Q(amount__gt=0)),
        ]
        indexes = [models.Index(fields=["status", "month"], name="pension_payment_status_month")]

    def __str__(self) -> str:
        return self.reference
