"""What the bureau sends the tax bureau to collect (an outbox: declarations' payment orders and flexible-employment
assessments) and the payments the tax bureau reports back, matched to them or not."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.exchange.outbox import OutboxEntry
from accounts.identifiers import mask_id_number


class TaxSubmission(OutboxEntry):
    """One item for the tax bureau to collect. The key is what the tax bureau is idempotent by: the payment
    order's number (JF…) for a declaration or its correction, LH-<person>-<YYYYMM> for a flexible assessment."""

    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("Employer's declaration")
        FLEXIBLE = "flexible", _("Flexible-employment assessment")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    month = models.DateField(_("month"))
    order = models.OneToOneField("insurance.PaymentOrder", verbose_name=_("payment order"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="tax_submission")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    payload = models.JSONField(_("what is sent"), default=dict)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission to the tax bureau")
        verbose_name_plural = _("submissions to the tax bureau")
        ordering = ["-created_at"]
        permissions = [("reconcile_tax", _("Can see the reconciliation with the tax bureau"))]
        indexes = [
            models.Index(fields=["next_attempt_at"], name="tax_submission_due", condition=Q(status="queued")),
            models.Index(fields=["month", "kind"], name="tax_submission_month"),
            models.Index(fields=["person", "month"], name="tax_submission_person",
                         condition=Q(kind="flexible")),
        ]
        constraints = [
            models.CheckConstraint(name="tax_submission_month_first_day", condition=Q(month__day=1)),
            models.CheckConstraint(name="tax_submission_has_payer",
                                   condition=Q(employer__isnull=False) | Q(person__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.key


REASONS = {
    "unknown_order": _("No payment order has this number."),
    "payer_mismatch": _("The order is for another payer."),
    "amount_mismatch": _("The amount differs from what was due."),
    "refund": _("The order is a refund."),
    "cancelled": _("The order was cancelled."),
    "already_paid": _("Already paid some other way."),
    "not_registered": _("No person with this identity number is registered."),
    "name_mismatch": _("The name does not match the registered person."),
    "not_covered": _("No flexible-employment enrolment covers these months."),
    "not_enrolled": _("No active flexible-employment enrolment."),
    "partly_recorded": _("Some of these months were already recorded."),
    "future_month": _("Months after the current one."),
}


class TaxPayment(models.Model):
    """A collection the tax bureau reported through the API, whether it matched what was sent or not."""

    class Outcome(models.TextChoices):
        MATCHED = "matched", _("Matched")
        MISMATCHED = "mismatched", _("Mismatched")

    key = models.CharField(_("idempotency key"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=TaxSubmission.Kind.choices)
    named = models.CharField(_("order or identity number named"), max_length=40)
    reference = models.CharField(_("tax voucher number"), max_length=60, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    month = models.DateField(_("month"))
    paid_at = models.DateTimeField(_("paid at"))
    submission = models.ForeignKey(TaxSubmission, verbose_name=_("submission"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="payments")
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    code = models.CharField(_("reason code"), max_length=40, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment reported by the tax bureau")
        verbose_name_plural = _("payments reported by the tax bureau")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["month", "outcome"], name="tax_payment_month")]
        constraints = [models.CheckConstraint(name="tax_payment_month_first_day", condition=Q(month__day=1))]

    def __str__(self) -> str:
        return f"{self.named_shown} {self.get_outcome_display()}"

    @property
    def reason_shown(self) -> str:
        """The reason in the reader's language where the code is known, else as the API gave it."""
        return str(REASONS[self.code]) if self.code in REASONS else self.reason

    @property
    def named_shown(self) -> str:
        """An order number as is; an identity number masked."""
        return mask_id_number(self.named) if self.kind == TaxSubmission.Kind.FLEXIBLE else self.named
