"""Who is insured in what: employers' insurance registration, enrolments per type, records carried over."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from insurance.models.choices import InsuranceType, Scheme


class InsuredEmployer(models.Model):
    """An employer's social-insurance registration: its work-injury risk class and its insurance number."""

    employer = models.OneToOneField("accounts.Employer", verbose_name=_("employer"), on_delete=models.PROTECT,
                                    related_name="insurance")
    insurance_number = models.CharField(_("insurance number"), max_length=20, unique=True)
    industry_class = models.PositiveSmallIntegerField(
        _("work-injury industry class"), default=1, help_text=_("Risk class 1 (lowest) to 8 (highest).")
    )
    registered_on = models.DateField(_("registered on"))
    history = HistoricalRecords(verbose_name=_("insured employer change history"),
                                verbose_name_plural=_("insured employer change history"))

    class Meta:
        verbose_name = _("insured employer")
        verbose_name_plural = _("insured employers")
        constraints = [models.CheckConstraint(name="industry_class_1_to_8",
                                              condition=Q(industry_class__gte=1) & Q(industry_class__lte=8))]
        permissions = [
            ("declare_contributions", _("Can declare contributions for an employer at the counter")),
            ("confirm_payment", _("Can confirm the payment of contributions")),
        ]

    def __str__(self) -> str:
        return f"{self.insurance_number} {self.employer_id}"


class Enrolment(models.Model):
    """A person's insurance of one type, through an employer or as a flexible-employment individual."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Insured")
        SUSPENDED = "suspended", _("Suspended")
        ENDED = "ended", _("Ended")

    class EndReason(models.TextChoices):
        LEFT_EMPLOYER = "left", _("Left the employer")
        OWN_REQUEST = "request", _("At the person's request")
        RETIRED = "retired", _("Retired")
        DIED = "died", _("Died")
        TRANSFERRED = "transferred", _("Transferred elsewhere")

    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="enrolments")
    insurance_type = models.CharField(_("insurance type"), max_length=16, choices=InsuranceType.choices)
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField(_("insured since"))
    suspended_on = models.DateField(_("suspended since"), null=True, blank=True)
    ended_on = models.DateField(_("insured until"), null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=12, choices=EndReason.choices, blank=True)
    # Flexible-employment individuals choose their base as a share of the average wage (0.60 to 3.00).
    base_ratio = models.DecimalField(_("chosen base (share of the average wage)"), max_digits=3, decimal_places=2,
                                     null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("enrolment change history"),
                                verbose_name_plural=_("enrolment change history"))

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["person_id", "insurance_type", "-started_on"]
        constraints = [
            # One person, one open record per insurance type at a time.
            models.UniqueConstraint(fields=["person", "insurance_type"], condition=~Q(status="ended"),
                                    name="one_open_enrolment_per_type"),
            models.CheckConstraint(
                name="enrolment_employee_has_employer",
                condition=(Q(scheme="employee") & Q(employer__isnull=False))
                | (Q(scheme="flexible") & Q(employer__isnull=True) & Q(insurance_type__in=["pension", "medical"])),
            ),
            models.CheckConstraint(name="enrolment_ended_has_date",
                                   condition=~Q(status="ended") | Q(ended_on__isnull=False)),
        ]
        indexes = [
            models.Index(fields=["employer", "status"], name="enrolment_employer_status"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_insurance_type_display()} {self.get_status_display()}"


class CarriedOverRecord(models.Model):
    """What the former system knew of a person's contributions before the merged platform took over:
    months paid, their average contribution index and the personal-account balance at that date."""

    person = models.OneToOneField("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                                  related_name="carried_over_record")
    through_month = models.DateField(_("up to and including month"))
    pension_months = models.PositiveSmallIntegerField(_("pension contribution months"))
    average_index = models.DecimalField(_("average contribution index"), max_digits=5, decimal_places=4)
    account_balance = models.DecimalField(_("personal-account balance"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("record carried over")
        verbose_name_plural = _("records carried over")

    def __str__(self) -> str:
        return f"{self.person_id} {self.pension_months}"
