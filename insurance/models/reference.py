"""Reference figures as data with effective periods: rates, bases, average wages, retirement rules,
pension divisors, the reimbursement policy. Each row says where it comes from and whether it is verified."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from insurance.models.choices import InsuranceType, Scheme
from workflow.models.sourced import Effective, Sourced


class ContributionRate(Effective):
    """Employer and individual rates of one insurance type (and, for work injury, one industry class)."""

    insurance_type = models.CharField(_("insurance type"), max_length=16, choices=InsuranceType.choices)
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices, default=Scheme.EMPLOYEE)
    # Work-injury insurance: the employer's industry risk class (1-8); 0 for the other types.
    industry_class = models.PositiveSmallIntegerField(_("industry risk class"), default=0)
    employer_rate = models.DecimalField(_("employer rate"), max_digits=6, decimal_places=4)
    individual_rate = models.DecimalField(_("individual rate"), max_digits=6, decimal_places=4)
    # Pension: the share of the base credited to the personal account.
    account_rate = models.DecimalField(_("personal-account rate"), max_digits=6, decimal_places=4, default=0)

    class Meta:
        verbose_name = _("contribution rate")
        verbose_name_plural = _("contribution rates")
        ordering = ["insurance_type", "scheme", "industry_class", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["insurance_type", "scheme", "industry_class", "valid_from"],
                                    name="rate_unique_start"),
            models.CheckConstraint(name="rate_period_ordered",
                                   condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from"))),
        ]

    def __str__(self) -> str:
        return f"{self.get_insurance_type_display()} {self.valid_from:%Y-%m}"


class ContributionBase(Effective):
    """The provincial average wage and the contribution base floor and ceiling (60% and 300% of it)."""

    average_wage = models.DecimalField(_("provincial average monthly wage"), max_digits=10, decimal_places=2)
    floor = models.DecimalField(_("base floor per month"), max_digits=10, decimal_places=2)
    ceiling = models.DecimalField(_("base ceiling per month"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("contribution base and average wage")
        verbose_name_plural = _("contribution bases and average wages")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["valid_from"], name="base_unique_start"),
            models.CheckConstraint(name="base_floor_below_ceiling", condition=Q(floor__lte=models.F("ceiling"))),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%Y-%m} {self.floor}–{self.ceiling}"


class PensionCalculationBase(Sourced):
    """The provincial pension calculation base (计发基数) of a year."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    amount = models.DecimalField(_("calculation base per month"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("pension calculation base")
        verbose_name_plural = _("pension calculation bases")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} {self.amount}"


class RetirementAgeRule(Sourced):
    """The gradual raise of the statutory retirement age for one group: one month later for every
    `birth_months_per_step` months of birth date from `schedule_starts`, up to the target age."""

    class Group(models.TextChoices):
        MALE = "male", _("Men (from 60)")
        FEMALE_55 = "female_55", _("Women whose age was 55")
        FEMALE_50 = "female_50", _("Women whose age was 50")

    group = models.CharField(_("group"), max_length=10, choices=Group.choices, unique=True)
    original_age_months = models.PositiveSmallIntegerField(_("original age (months)"))
    target_age_months = models.PositiveSmallIntegerField(_("target age (months)"))
    schedule_starts = models.DateField(_("first birth month raised"))
    birth_months_per_step = models.PositiveSmallIntegerField(_("birth months per month of raise"))
    effective_from = models.DateField(_("in force from"))

    class Meta:
        verbose_name = _("retirement-age rule")
        verbose_name_plural = _("retirement-age rules")
        ordering = ["group"]

    def __str__(self) -> str:
        return self.get_group_display()


class MinimumContribution(Sourced):
    """Minimum contribution months to draw a monthly pension, for those retiring from `from_year` on."""

    from_year = models.PositiveSmallIntegerField(_("retiring from year"), unique=True)
    months = models.PositiveSmallIntegerField(_("minimum contribution months"))

    class Meta:
        verbose_name = _("minimum contribution period")
        verbose_name_plural = _("minimum contribution periods")
        ordering = ["from_year"]

    def __str__(self) -> str:
        return f"{self.from_year}: {self.months}"


class PensionDivisor(Sourced):
    """Months divisor of the personal-account pension by age at retirement (whole years)."""

    age = models.PositiveSmallIntegerField(_("age at retirement"), unique=True)
    months = models.DecimalField(_("months divisor"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("pension months divisor")
        verbose_name_plural = _("pension months divisors")
        ordering = ["age"]

    def __str__(self) -> str:
        return f"{self.age}: {self.months}"


class ReimbursementPolicy(Effective):
    """Hospitalisation reimbursement of the employees' medical insurance by hospital level."""

    class Level(models.IntegerChoices):
        PRIMARY = 1, _("Level 1 hospital or community health centre")
        SECONDARY = 2, _("Level 2 hospital")
        TERTIARY = 3, _("Level 3 hospital")

    hospital_level = models.PositiveSmallIntegerField(_("hospital level"), choices=Level.choices)
    deductible = models.DecimalField(_("deductible per admission"), max_digits=10, decimal_places=2)
    ratio = models.DecimalField(_("reimbursed share above the deductible"), max_digits=5, decimal_places=4)
    yearly_cap = models.DecimalField(_("yearly cap"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("reimbursement policy")
        verbose_name_plural = _("reimbursement policies")
        ordering = ["hospital_level", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["hospital_level", "valid_from"],
                                               name="reimbursement_unique_start")]

    def __str__(self) -> str:
        return f"{self.get_hospital_level_display()} {self.valid_from:%Y-%m}"
