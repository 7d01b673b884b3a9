"""Labour relations: the time-limit rule table, wage matters and the complaints grouped in them, arbitration
applications with their hearings, and employers' filings. Each business record hangs on its workflow case."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workflow.models.sourced import TimeLimitTable

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class TimeLimitRule(TimeLimitTable):
    """One legal time limit with its source: the figures the labour services read (the bureau edits them)."""

    class Code(models.TextChoices):
        COMPLAINT_ACCEPT = "complaint_accept", _("Inspection complaint: accept or refuse")
        COMPLAINT_CONCLUDE = "complaint_conclude", _("Inspection complaint: conclude after acceptance")
        COMPLAINT_EXTEND = "complaint_extend", _("Inspection complaint: extension with approval")
        ARBITRATION_ACCEPT = "arbitration_accept", _("Arbitration: decide on acceptance")
        ARBITRATION_AWARD = "arbitration_award", _("Arbitration: award after acceptance")
        ARBITRATION_EXTEND = "arbitration_extend", _("Arbitration: extension with the chair's approval")
        SPECIAL_HOURS = "special_hours", _("Special working hours: decision")
        SPECIAL_HOURS_VALID = "special_hours_valid", _("Special working hours: approval valid for (days)")

    code = models.CharField(_("time limit"), max_length=24, choices=Code.choices, unique=True)

    class Meta(TimeLimitTable.Meta):
        verbose_name = _("labour time limit")
        verbose_name_plural = _("labour time limits")


class WageMatter(models.Model):
    """Many workers' unpaid-wage complaints against one employer for overlapping periods: handled as one matter."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="wage_matters")
    office = models.ForeignKey("accounts.Office", verbose_name=_("inspection team"), on_delete=models.PROTECT,
                               related_name="wage_matters")
    period_from = models.DateField(_("wages owed from"))
    period_to = models.DateField(_("wages owed until"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("wage matter")
        verbose_name_plural = _("wage matters")
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["employer", "status"], name="wagematter_employer_status"),
                   models.Index(fields=["office", "status"], name="wagematter_office_status")]
        constraints = [models.CheckConstraint(name="wagematter_period_ordered",
                                              condition=Q(period_to__gte=models.F("period_from")))]

    def __str__(self) -> str:
        return f"{self.employer} {self.period_from:%Y-%m}–{self.period_to:%Y-%m}"


class Complaint(models.Model):
    """A labour-inspection complaint (劳动保障监察投诉): a worker against an employer."""

    class Kind(models.TextChoices):
        WAGES = "wages", _("Unpaid wages")
        INSURANCE = "insurance", _("Social insurance not paid")
        CONTRACT = "contract", _("No written labour contract")
        HOURS = "hours", _("Excessive working hours")
        OTHER = "other", _("Other breach of labour law")

    class Outcome(models.TextChoices):
        PAID = "paid", _("Paid after intervention")
        ORDERED = "ordered", _("Order to pay issued")
        TRANSFERRED = "transferred", _("Transferred (arbitration, court or police)")

    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                                related_name="labour_complaint")
    matter = models.ForeignKey(WageMatter, verbose_name=_("wage matter"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="complaints")
    person = models.ForeignKey("accounts.Person", verbose_name=_("worker"), on_delete=models.PROTECT,
                               related_name="labour_complaints")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="labour_complaints")
    kind = models.CharField(_("complaint about"), max_length=10, choices=Kind.choices, default=Kind.WAGES)
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("until"))
    amount = models.DecimalField(_("amount owed (yuan)"), **MONEY)
    accepted_at = models.DateTimeField(_("accepted (立案) at"), null=True, blank=True)
    extended_at = models.DateTimeField(_("extension approved at"), null=True, blank=True)
    extended_by = models.ForeignKey("accounts.User", verbose_name=_("extension approved by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    answer = models.TextField(_("employer's answer"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey("accounts.User", verbose_name=_("answered by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    recovered = models.DecimalField(_("amount recovered (yuan)"), null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = _("labour-inspection complaint")
        verbose_name_plural = _("labour-inspection complaints")
        ordering = ["-case__accepted_at"]
        indexes = [models.Index(fields=["employer", "outcome"], name="complaint_employer_outcome"),
                   models.Index(fields=["person", "outcome"], name="complaint_person_outcome")]
        constraints = [models.CheckConstraint(name="complaint_period_ordered",
                                              condition=Q(period_to__gte=models.F("period_from")))]
        permissions = [("approve_extension", _("Can approve the extension of a labour case's time limit"))]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_kind_display()}"

    def clean(self):
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise ValidationError(_("The period must end on or after its start."))
        if self.recovered is not None and self.amount is not None and self.recovered > self.amount * 10:
            raise ValidationError(_("The amount recovered is out of proportion to the amount owed."))


class Arbitration(models.Model):
    """A labour-dispute arbitration application (劳动人事争议仲裁)."""

    class Award(models.TextChoices):
        UPHELD = "upheld", _("Claims upheld")
        PARTLY = "partly", _("Claims partly upheld")
        DISMISSED = "dismissed", _("Claims dismissed")
        SETTLED = "settled", _("Settled by mediation")

    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                                related_name="labour_arbitration")
    person = models.ForeignKey("accounts.Person", verbose_name=_("applicant"), on_delete=models.PROTECT,
                               related_name="labour_arbitrations")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("respondent"), on_delete=models.PROTECT,
                                 related_name="labour_arbitrations")
    claims = models.TextField(_("claims"), max_length=2000)
    amount = models.DecimalField(_("amount claimed (yuan)"), null=True, blank=True, **MONEY)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    extended_at = models.DateTimeField(_("extension approved at"), null=True, blank=True)
    extended_by = models.ForeignKey("accounts.User", verbose_name=_("extension approved by"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    award = models.CharField(_("award"), max_length=10, choices=Award.choices, blank=True)
    award_text = models.TextField(_("award text"), blank=True, max_length=4000)
    awarded_at = models.DateTimeField(_("awarded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("arbitration application")
        verbose_name_plural = _("arbitration applications")
        ordering = ["-case__accepted_at"]

    def __str__(self) -> str:
        return str(self.case_id)


class Hearing(models.Model):
    """A hearing appointment of an arbitration (the latest one is the one in force)."""

    arbitration = models.ForeignKey(Arbitration, verbose_name=_("arbitration"), on_delete=models.CASCADE,
                                    related_name="hearings")
    at = models.DateTimeField(_("hearing at"))
    place = models.CharField(_("place"), max_length=120)
    scheduled_by = models.ForeignKey("accounts.User", verbose_name=_("scheduled by"), on_delete=models.PROTECT,
                                     related_name="+")
    scheduled_at = models.DateTimeField(_("scheduled at"))

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["-scheduled_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.arbitration_id} {self.at:%Y-%m-%d %H:%M}"


class Filing(models.Model):
    """An employer's labour-contract filing or special-working-hours approval, as completed."""

    class Kind(models.TextChoices):
        CONTRACT = "contract", _("Labour-contract filing")
        SPECIAL_HOURS = "special_hours", _("Special working hours approval")

    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                                related_name="labour_filing")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="labour_filings")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    workers = models.PositiveIntegerField(_("workers concerned"), validators=[MaxValueValidator(100000)])
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("labour filing")
        verbose_name_plural = _("labour filings")
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.employer}"
