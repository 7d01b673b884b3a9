"""Claims decided on cases: hospitalisation reimbursement, work-injury reports and recognition."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from insurance.models.reference import ReimbursementPolicy


class Reimbursement(models.Model):
    """A hospitalisation reimbursement, computed by the policy table when the case is approved."""

    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                                related_name="reimbursement")
    person = models.ForeignKey("accounts.Person", verbose_name=_("patient"), on_delete=models.PROTECT,
                               related_name="reimbursements")
    hospital = models.CharField(_("hospital"), max_length=100)
    hospital_level = models.PositiveSmallIntegerField(_("hospital level"), choices=ReimbursementPolicy.Level.choices)
    admitted_on = models.DateField(_("admitted on"))
    discharged_on = models.DateField(_("discharged on"))
    total_cost = models.DecimalField(_("total cost"), max_digits=12, decimal_places=2)
    eligible_cost = models.DecimalField(_("cost eligible under the policy"), max_digits=12, decimal_places=2)
    deductible = models.DecimalField(_("deductible"), max_digits=10, decimal_places=2)
    ratio = models.DecimalField(_("ratio"), max_digits=5, decimal_places=4)
    amount = models.DecimalField(_("reimbursed"), max_digits=12, decimal_places=2)
    capped = models.BooleanField(_("limited by the yearly cap"), default=False)
    year = models.PositiveSmallIntegerField(_("policy year"))
    decided_at = models.DateTimeField(_("decided at"))

    class Meta:
        verbose_name = _("hospitalisation reimbursement")
        verbose_name_plural = _("hospitalisation reimbursements")
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["person", "year"], name="reimbursement_person_year")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.amount}"


class InjuryReport(models.Model):
    """An employer's quick report of a work accident (工伤快报), due within 24 hours."""

    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                                related_name="injury_report")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="injury_reports")
    person = models.ForeignKey("accounts.Person", verbose_name=_("injured worker"), on_delete=models.PROTECT,
                               related_name="injury_reports")
    accident_at = models.DateTimeField(_("accident at"))
    reported_at = models.DateTimeField(_("reported at"))
    place = models.CharField(_("place"), max_length=200)
    description = models.TextField(_("what happened"))
    late = models.BooleanField(_("reported after 24 hours"), default=False)

    class Meta:
        verbose_name = _("work-injury quick report")
        verbose_name_plural = _("work-injury quick reports")
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.accident_at:%Y-%m-%d %H:%M}"


class InjuryDecision(models.Model):
    """The decision on a work-injury recognition application, sent to the worker and the employer."""

    class Outcome(models.TextChoices):
        RECOGNISED = "recognised", _("Recognised as a work injury")
        NOT_RECOGNISED = "not_recognised", _("Not recognised as a work injury")

    case = models.OneToOneField("workflow.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                                related_name="injury_decision")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                 related_name="injury_decisions")
    person = models.ForeignKey("accounts.Person", verbose_name=_("worker"), on_delete=models.PROTECT,
                               related_name="injury_decisions")
    report = models.ForeignKey(InjuryReport, verbose_name=_("quick report"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="decisions")
    accident_at = models.DateTimeField(_("accident at"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"), blank=True)
    decided_at = models.DateTimeField(_("decided at"))
    decided_by = models.ForeignKey("accounts.User", verbose_name=_("decided by"), on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("work-injury decision")
        verbose_name_plural = _("work-injury decisions")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_outcome_display()}"
