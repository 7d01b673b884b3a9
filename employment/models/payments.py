"""What the bureau pays: unemployment-benefit entitlements, subsidy grants, and every payment of either,
each with its unique reference (the bank reports on it) and the fund it is paid from."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from employment.models.choices import Fund, PaymentItem, Subsidy


class BenefitClaim(models.Model):
    """An approved unemployment-benefit entitlement: how many months, how much a month, from which month."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Being paid")
        SUSPENDED = "suspended", _("Suspended pending a fraud review")
        STOPPED = "stopped", _("Stopped")
        EXHAUSTED = "exhausted", _("Every month paid")

    class StopReason(models.TextChoices):
        RE_EMPLOYED = "re_employed", _("Re-employed")
        EMPLOYER_CONTRIBUTIONS = "employer_contributions", _("An employer pays contributions for the person")
        DIED = "died", _("Died")
        FRAUD_CONFIRMED = "fraud_confirmed", _("Drawn while employed (confirmed on review)")
        OWN_REQUEST = "own_request", _("At the person's request")

    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="benefit_claims")
    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    separated_on = models.DateField(_("employment ended on"))
    contribution_months = models.PositiveSmallIntegerField(_("contribution months counted"))
    new_months = models.PositiveSmallIntegerField(_("months from these contributions"))
    carried_months = models.PositiveSmallIntegerField(_("months carried over from the last entitlement"), default=0)
    entitled_months = models.PositiveSmallIntegerField(_("months of benefit"))
    monthly_amount = models.DecimalField(_("amount per month"), max_digits=10, decimal_places=2)
    first_month = models.DateField(_("first month"))
    last_month = models.DateField(_("last month"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    stop_reason = models.CharField(_("why it stopped"), max_length=24, choices=StopReason.choices, blank=True)
    # Months not drawn when it stopped: they combine with a later entitlement.
    unused_months = models.PositiveSmallIntegerField(_("months not drawn"), default=0)
    bank_account = models.CharField(_("bank account"), max_length=32, blank=True)
    granted_by = models.ForeignKey("accounts.User", verbose_name=_("granted by"), on_delete=models.PROTECT,
                                   related_name="+")
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("unemployment benefit entitlement")
        verbose_name_plural = _("unemployment benefit entitlements")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(status__in=["active", "suspended"]),
                                    name="one_live_benefit_per_person"),
            models.CheckConstraint(name="benefit_months_ordered", condition=Q(last_month__gte=models.F("first_month"))),
            models.CheckConstraint(name="benefit_at_most_24_months",
                                   condition=Q(entitled_months__gte=1) & Q(entitled_months__lte=24)),
        ]
        indexes = [models.Index(fields=["status", "first_month"], name="benefit_live",
                                condition=Q(status="active"))]

    def __str__(self) -> str:
        return f"{self.person_id} {self.first_month:%Y-%m}+{self.entitled_months}"

    @property
    def is_live(self) -> bool:
        return self.status in (self.Status.ACTIVE, self.Status.SUSPENDED)

    @property
    def masked_account(self) -> str:
        account = self.bank_account
        return f"{account[:4]}****{account[-4:]}" if len(account) > 8 else account


class SubsidyGrant(models.Model):
    """An approved subsidy: its amount from the rule table and the criteria it was granted on."""

    subsidy = models.CharField(_("subsidy"), max_length=24, choices=Subsidy.choices)
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="subsidy_grants")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="subsidy_grants")
    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+")
    variant = models.CharField(_("variant"), max_length=30, blank=True)
    quantity = models.PositiveSmallIntegerField(_("persons, jobs or months"), default=1)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    fund = models.CharField(_("fund"), max_length=16, choices=Fund.choices)
    # Months a flexible-employment social-insurance subsidy covers.
    first_month = models.DateField(_("first month covered"), null=True, blank=True)
    last_month = models.DateField(_("last month covered"), null=True, blank=True)
    criteria = models.JSONField(_("criteria it was granted on"), default=list, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    granted_by = models.ForeignKey("accounts.User", verbose_name=_("granted by"), on_delete=models.PROTECT,
                                   related_name="+")
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("subsidy grant")
        verbose_name_plural = _("subsidy grants")
        ordering = ["-granted_at"]
        constraints = [
            models.CheckConstraint(name="grant_has_a_recipient",
                                   condition=Q(person__isnull=False) | Q(employer__isnull=False)),
        ]
        indexes = [models.Index(fields=["person", "subsidy"], name="grant_person_subsidy"),
                   models.Index(fields=["employer", "subsidy"], name="grant_employer_subsidy")]

    def __str__(self) -> str:
        return f"{self.get_subsidy_display()} {self.amount}"


class Payment(models.Model):
    """One payment to a person or an employer: a month of benefit, or a subsidy. The bank reports its result
    against the reference."""

    # The failure reason of benefit payments held back while a review of benefit drawn while employed is open.
    SUSPENDED = "suspended"

    class Status(models.TextChoices):
        PENDING = "pending", _("Due, not yet paid")
        PAID = "paid", _("Paid out")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    reference = models.CharField(_("payment reference"), max_length=24, unique=True)
    item = models.CharField(_("item"), max_length=24, choices=PaymentItem.choices)
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="employment_payments")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="employment_payments")
    claim = models.ForeignKey(BenefitClaim, verbose_name=_("benefit"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="payments")
    grant = models.ForeignKey(SubsidyGrant, verbose_name=_("subsidy"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="payments")
    # Benefit: the month it is for. Subsidy: the month it was approved.
    month = models.DateField(_("month"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    fund = models.CharField(_("fund"), max_length=16, choices=Fund.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created"))
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    failure_reason = models.CharField(_("why it failed"), max_length=200, blank=True)
    result_by = models.ForeignKey("accounts.User", verbose_name=_("result recorded by"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    result_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-month", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "month"], condition=Q(claim__isnull=False),
                                    name="one_benefit_payment_per_month"),
            models.CheckConstraint(name="payment_for_claim_or_grant",
                                   condition=(Q(claim__isnull=False) & Q(grant__isnull=True))
                                   | (Q(claim__isnull=True) & Q(grant__isnull=False))),
            models.CheckConstraint(name="payment_has_a_payee",
                                   condition=Q(person__isnull=False) | Q(employer__isnull=False)),
            models.CheckConstraint(name="payment_month_first_day", condition=Q(month__day=1)),
            models.CheckConstraint(name="payment_amount_positive", condition=Q(amount__gt=0)),
        ]
        indexes = [
            # The fraud check: benefit months paid, by person and month.
            models.Index(fields=["person", "month"], name="payment_benefit_paid",
                         condition=Q(item="benefit", status="paid")),
            models.Index(fields=["month", "fund"], name="payment_month_fund"),
            models.Index(fields=["status", "month"], name="payment_status_month"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def failure_text(self) -> str:
        """Why it failed or was cancelled, in words: a cancelled benefit payment records the entitlement's stop
        reason, or the suspension, by its code; the bank's own words are shown as they came."""
        if self.failure_reason in BenefitClaim.StopReason.values:
            return str(BenefitClaim.StopReason(self.failure_reason).label)
        if self.failure_reason == self.SUSPENDED:
            return gettext("Suspended while a review of benefit drawn while employed is open")
        return self.failure_reason
