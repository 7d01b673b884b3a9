"""The vocabulary of social insurance: insurance types, schemes, payers, statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InsuranceType(models.TextChoices):
    PENSION = "pension", _("Basic pension insurance")
    MEDICAL = "medical", _("Basic medical insurance")
    UNEMPLOYMENT = "unemployment", _("Unemployment insurance")
    WORK_INJURY = "work_injury", _("Work-injury insurance")
    # Merged into medical insurance in Shandong; kept for history and for places where it is separate.
    MATERNITY = "maternity", _("Maternity insurance")


class Scheme(models.TextChoices):
    EMPLOYEE = "employee", _("Through an employer")
    FLEXIBLE = "flexible", _("Flexible-employment individual")


class Payer(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    FLEXIBLE = "flexible", _("Flexible-employment individual")
    SUBSIDY = "subsidy", _("Social-insurance subsidy")
    BACK_PAYMENT = "back_payment", _("Back payment")


# The types an employer enrols its employees in, and those open to flexible-employment individuals.
EMPLOYEE_TYPES = (InsuranceType.PENSION, InsuranceType.MEDICAL, InsuranceType.UNEMPLOYMENT,
                  InsuranceType.WORK_INJURY)
FLEXIBLE_TYPES = (InsuranceType.PENSION, InsuranceType.MEDICAL)
