"""A person's employment status over time: employed by an employer, flexibly employed or registered
unemployed. One status at a time (at most one open period per person); ended periods are the history."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from employment.models.choices import EndReason, StatusKind


class StatusPeriod(models.Model):
    Kind = StatusKind

    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="employment_periods")
    kind = models.CharField(_("status"), max_length=12, choices=StatusKind.choices)
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="employment_periods")
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("reason it ended"), max_length=20, choices=EndReason.choices, blank=True)
    # For an employment: whether the separation was not the person's choice (opens the right to benefit).
    involuntary = models.BooleanField(_("involuntary separation"), null=True, blank=True)
    # What the registration said: contract type, position, occupation, why unemployed...
    details = models.JSONField(_("details"), default=dict, blank=True)
    opened_by_case = models.ForeignKey("workflow.Case", verbose_name=_("registered by case"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    closed_by_case = models.ForeignKey("workflow.Case", verbose_name=_("ended by case"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey("accounts.User", verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("employment status period")
        verbose_name_plural = _("employment status periods")
        ordering = ["person", "-started_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(ended_on__isnull=True),
                                    name="one_open_status_per_person"),
            models.CheckConstraint(name="status_employed_has_employer",
                                   condition=(Q(kind="employed") & Q(employer__isnull=False))
                                   | (~Q(kind="employed") & Q(employer__isnull=True))),
            models.CheckConstraint(name="status_period_ordered",
                                   condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on"))),
            models.CheckConstraint(name="status_ended_has_reason",
                                   condition=Q(ended_on__isnull=True) | ~Q(end_reason="")),
        ]
        indexes = [
            models.Index(fields=["person", "started_on"], name="status_person_start"),
            models.Index(fields=["employer", "ended_on"], name="status_employer"),
            models.Index(fields=["kind", "started_on"], name="status_open_kind",
                         condition=Q(ended_on__isnull=True)),
        ]
        permissions = [
            ("view_employment_records", _("Can see employment records, benefits and subsidies")),
            ("view_fraud_flags", _("Can see benefit fraud flags and their reviews")),
            ("view_fund_report", _("Can see the spending of each fund")),
            ("record_payment_result", _("Can record a bank's payment result")),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_kind_display()} {self.started_on}–{self.ended_on or '…'}"
