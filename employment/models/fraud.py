"""The fraud check (冒领): benefit months paid while an employer declared or paid contributions for the
person or an employment was open, and the back-office review each detection opens."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FraudReview(models.Model):
    """One review case per benefit entitlement at a time; later detections add their months to it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Under review")
        CONFIRMED = "confirmed", _("Confirmed: overpayment to recover")
        CLEARED = "cleared", _("Cleared: payments resume")

    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="fraud_reviews")
    claim = models.ForeignKey("employment.BenefitClaim", verbose_name=_("benefit"), on_delete=models.PROTECT,
                              related_name="fraud_reviews")
    case = models.OneToOneField("workflow.Case", verbose_name=_("review case"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    overpaid = models.DecimalField(_("overpaid"), max_digits=12, decimal_places=2, default=0)
    opened_at = models.DateTimeField(_("opened at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey("accounts.User", verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decision_note = models.TextField(_("decision"), blank=True)

    class Meta:
        verbose_name = _("fraud review")
        verbose_name_plural = _("fraud reviews")
        ordering = ["-opened_at"]
        constraints = [models.UniqueConstraint(fields=["claim"], condition=Q(status="open"),
                                               name="one_open_review_per_benefit")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.overpaid}"


class FraudFlag(models.Model):
    """A benefit month paid while the person worked: flagged once, whatever detects it again."""

    class Reason(models.TextChoices):
        EMPLOYER_CONTRIBUTIONS = "contributions", _("An employer paid contributions for the month")
        EMPLOYER_DECLARED = "declared", _("An employer declared the person for the month")
        OPEN_EMPLOYMENT = "employment", _("An employment was registered for the month")

    class Source(models.TextChoices):
        CONTRIBUTIONS = "contributions", _("Contributions recorded")
        PAYMENT = "payment", _("Payment confirmed by the bank")
        SWEEP = "sweep", _("Nightly sweep")

    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="fraud_flags")
    claim = models.ForeignKey("employment.BenefitClaim", verbose_name=_("benefit"), on_delete=models.PROTECT,
                              related_name="fraud_flags")
    payment = models.OneToOneField("employment.Payment", verbose_name=_("payment"), on_delete=models.PROTECT,
                                   related_name="fraud_flag")
    month = models.DateField(_("month"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount paid"), max_digits=12, decimal_places=2)
    source = models.CharField(_("detected by"), max_length=16, choices=Source.choices)
    detected_at = models.DateTimeField(_("detected at"))
    review = models.ForeignKey(FraudReview, verbose_name=_("review"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="flags")

    class Meta:
        verbose_name = _("fraud flag")
        verbose_name_plural = _("fraud flags")
        ordering = ["person", "month"]
        constraints = [models.UniqueConstraint(fields=["person", "month"], name="fraudflag_once_per_month")]
        indexes = [models.Index(fields=["detected_at"], name="fraudflag_unreviewed",
                                condition=Q(review__isnull=True))]

    def __str__(self) -> str:
        return f"{self.person_id} {self.month:%Y-%m}"
