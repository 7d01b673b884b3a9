"""The vocabulary of employment services: statuses, reasons, subsidies, funds, payment items."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusKind(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    FLEXIBLE = "flexible", _("Flexibly employed")
    UNEMPLOYED = "unemployed", _("Registered unemployed")


class EndReason(models.TextChoices):
    # How an employment ends (the first four are involuntary: they open the right to benefit).
    CONTRACT_EXPIRED = "contract_expired", _("Contract expired and not renewed")
    DISMISSED = "dismissed", _("Dismissed by the employer")
    EMPLOYER_CLOSED = "employer_closed", _("Employer closed or bankrupt")
    EMPLOYER_PROPOSED = "employer_proposed", _("Ended by agreement at the employer's proposal")
    RESIGNED = "resigned", _("Resigned")
    # How any status ends.
    NEW_STATUS = "new_status", _("A new status was registered")
    OWN_REQUEST = "own_request", _("At the person's request")
    RETIRED = "retired", _("Retired")
    DIED = "died", _("Died")


SEPARATION_REASONS = (EndReason.CONTRACT_EXPIRED, EndReason.DISMISSED, EndReason.EMPLOYER_CLOSED,
                      EndReason.EMPLOYER_PROPOSED, EndReason.RESIGNED)


class Subsidy(models.TextChoices):
    JOB_REFERRAL = "job_referral", _("Job-referral subsidy")
    STARTUP = "startup", _("One-time start-up subsidy")
    STARTUP_JOBS = "startup_jobs", _("One-time start-up job-creation subsidy")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training subsidy")
    STARTUP_TRAINING = "startup_training", _("Start-up training subsidy")
    FLEXIBLE_INSURANCE = "flexible_insurance", _("Flexible-employment social-insurance subsidy")
    HIRING_INSURANCE = "hiring_insurance", _("Social-insurance subsidy for hiring an employment-difficulty person")


class CertificateLevel(models.TextChoices):
    """The vocational-training certificate levels: a subsidy rule's variant for the training subsidy."""

    PRIMARY = "primary", _("Primary (level 5)")
    INTERMEDIATE = "intermediate", _("Intermediate (level 4)")
    ADVANCED = "advanced", _("Advanced (level 3)")


class PaymentItem(models.TextChoices):
    BENEFIT = "benefit", _("Unemployment benefit")
    JOB_REFERRAL = Subsidy.JOB_REFERRAL.value, Subsidy.JOB_REFERRAL.label
    STARTUP = Subsidy.STARTUP.value, Subsidy.STARTUP.label
    STARTUP_JOBS = Subsidy.STARTUP_JOBS.value, Subsidy.STARTUP_JOBS.label
    VOCATIONAL_TRAINING = Subsidy.VOCATIONAL_TRAINING.value, Subsidy.VOCATIONAL_TRAINING.label
    STARTUP_TRAINING = Subsidy.STARTUP_TRAINING.value, Subsidy.STARTUP_TRAINING.label
    FLEXIBLE_INSURANCE = Subsidy.FLEXIBLE_INSURANCE.value, Subsidy.FLEXIBLE_INSURANCE.label
    HIRING_INSURANCE = Subsidy.HIRING_INSURANCE.value, Subsidy.HIRING_INSURANCE.label


class Fund(models.TextChoices):
    UNEMPLOYMENT_INSURANCE = "ui_fund", _("Unemployment-insurance fund")
    EMPLOYMENT_SUBSIDY = "employment_fund", _("Employment subsidy fund")
    STARTUP_SUPPORT = "startup_fund", _("Start-up support fund")


class Situation(models.TextChoices):
    """The person's situations a fund rule may name."""

    ANY = "any", _("Anyone")
    INSURED = "insured", _("Paid unemployment insurance for a year or more")
    NOT_INSURED = "not_insured", _("Not insured for a year")
    DIFFICULTY = "difficulty", _("Employment-difficulty person")
    UNEMPLOYED = "unemployed", _("Registered unemployed")
    FLEXIBLE = "flexible", _("Flexibly employed")
