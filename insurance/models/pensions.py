"""Pensioners: the pension granted on retirement, and their yearly proof of life."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Pension(models.Model):
    """A person's basic pension: the estimate computed on approval, and whether it is paid."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Paid")
        SUSPENDED = "suspended", _("Suspended (proof of life overdue)")
        STOPPED = "stopped", _("Stopped")

    person = models.OneToOneField("accounts.Person", verbose_name=_("pensioner"), on_delete=models.PROTECT,
                                  related_name="pension")
    case = models.ForeignKey("workflow.Case", verbose_name=_("retirement approval"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    retirement_date = models.DateField(_("retired on"))
    starts_month = models.DateField(_("paid from month"))
    age_years = models.PositiveSmallIntegerField(_("age at retirement (years)"))
    age_months = models.PositiveSmallIntegerField(_("and months"))
    contribution_months = models.PositiveSmallIntegerField(_("contribution months"))
    average_index = models.DecimalField(_("average contribution index"), max_digits=5, decimal_places=4)
    calculation_base = models.DecimalField(_("calculation base"), max_digits=10, decimal_places=2)
    account_balance = models.DecimalField(_("personal-account balance"), max_digits=12, decimal_places=2)
    divisor = models.DecimalField(_("months divisor"), max_digits=5, decimal_places=1)
    basic_amount = models.DecimalField(_("basic pension per month"), max_digits=10, decimal_places=2)
    account_amount = models.DecimalField(_("personal-account pension per month"), max_digits=10, decimal_places=2)
    monthly_amount = models.DecimalField(_("pension per month"), max_digits=10, decimal_places=2)
    # What the estimate rests on, for the reviewer and the pensioner (years assumed, base year used).
    notes = models.JSONField(_("calculation notes"), default=list, blank=True)
    last_proof_on = models.DateField(_("last proof of life"))
    next_proof_due = models.DateField(_("next proof of life due"))
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    stop_reason = models.CharField(_("reason stopped"), max_length=100, blank=True)
    history = HistoricalRecords(verbose_name=_("pension change history"),
                                verbose_name_plural=_("pension change history"))

    class Meta:
        verbose_name = _("pension")
        verbose_name_plural = _("pensions")
        ordering = ["next_proof_due"]
        indexes = [models.Index(fields=["status", "next_proof_due"], name="pension_proof_due")]
        permissions = [("manage_pensioners", _("Can follow pensioners' proof of life"))]

    def __str__(self) -> str:
        return f"{self.person_id} {self.monthly_amount}"


class ProofOfLife(models.Model):
    class Method(models.TextChoices):
        KIOSK = "kiosk", _("Face recognition at a kiosk")
        ONLINE = "online", _("Face recognition online")
        COUNTER = "counter", _("In person at a counter")
        HOME_VISIT = "home_visit", _("Home visit by staff")

    pension = models.ForeignKey(Pension, verbose_name=_("pension"), on_delete=models.CASCADE,
                                related_name="proofs")
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    proved_at = models.DateTimeField(_("proved at"))
    recorded_by = models.ForeignKey("accounts.User", verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")
    case = models.ForeignKey("workflow.Case", verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("proof of life")
        verbose_name_plural = _("proofs of life")
        ordering = ["-proved_at"]

    def __str__(self) -> str:
        return f"{self.pension_id} {self.proved_at:%Y-%m-%d}"
