"""Daily roll-ups: per day, deciding office and reviewer, how many cases were decided and how many of them in time;
per day and accepting office (halls and service points), how many were accepted, sent on, and decided. The office
board and the city overview read them for closed days and count only the open edges of their period live
(workflow.selectors.backoffice.decided and .intake)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DailyOfficeFigures(models.Model):
    """The cases a back office decided on one local day (Asia/Shanghai) that had a deadline, by reviewer (none: the
    cases decided with no reviewer recorded). The office's day is the sum of its rows. Rewritten whole for a day
    by workflow.services.rollups.daily_figures_rollup; never edited by hand."""

    day = models.DateField(_("day"))
    office = models.ForeignKey("accounts.Office", verbose_name=_("deciding office"), on_delete=models.CASCADE,
                               related_name="+")
    reviewer = models.ForeignKey("accounts.User", verbose_name=_("reviewer"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    decided = models.PositiveIntegerField(_("decided"), default=0)
    on_time = models.PositiveIntegerField(_("decided in time"), default=0)

    class Meta:
        verbose_name = _("daily figures of an office")
        verbose_name_plural = _("daily figures of offices")
        constraints = [
            models.UniqueConstraint(fields=["office", "day", "reviewer"], condition=Q(reviewer__isnull=False),
                                    name="dailyfigures_office_day_reviewer"),
            models.UniqueConstraint(fields=["office", "day"], condition=Q(reviewer__isnull=True),
                                    name="dailyfigures_office_day_unassigned"),
            models.CheckConstraint(condition=Q(on_time__lte=models.F("decided")), name="dailyfigures_on_time_le"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.office_id}/{self.reviewer_id}: {self.on_time}/{self.decided}"

    @property
    def late(self) -> int:
        return self.decided - self.on_time


class DailyIntakeFigures(models.Model):
    """What one hall or service point's intake came to on one local day (Asia/Shanghai): the cases it accepted that
    day (`accepted`; `routed`: of them, the time-limited ones sent to a back office) and its time-limited cases,
    accepted there on any day, that a back office decided that day (`decided`; `on_time`: by their deadline).
    Rewritten whole for a day, with the day's DailyOfficeFigures, by workflow.services.rollups.daily_figures_rollup;
    never edited by hand."""

    day = models.DateField(_("day"))
    office = models.ForeignKey("accounts.Office", verbose_name=_("accepting office"), on_delete=models.CASCADE,
                               related_name="+")
    accepted = models.PositiveIntegerField(_("cases accepted"), default=0)
    routed = models.PositiveIntegerField(_("sent to a back office"), default=0)
    decided = models.PositiveIntegerField(_("decided"), default=0)
    on_time = models.PositiveIntegerField(_("decided in time"), default=0)

    class Meta:
        verbose_name = _("daily intake of an office")
        verbose_name_plural = _("daily intake of offices")
        constraints = [
            models.UniqueConstraint(fields=["office", "day"], name="dailyintake_office_day"),
            models.CheckConstraint(condition=Q(routed__lte=models.F("accepted")), name="dailyintake_routed_le"),
            models.CheckConstraint(condition=Q(on_time__lte=models.F("decided")), name="dailyintake_on_time_le"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.office_id}: {self.accepted}/{self.routed}, {self.on_time}/{self.decided}"


class DailyFiguresDay(models.Model):
    """A day whose figures are rolled up (all its rows, of both tables, written in one transaction). Days are rolled
    up oldest first up to yesterday, each run filling every missing day of the period, so the days up to the latest
    one written are complete; the pages count live from `covered_until` (the next local midnight) on."""

    day = models.DateField(_("day"), unique=True)
    covered_until = models.DateTimeField(_("covered until"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("rolled-up day")
        verbose_name_plural = _("rolled-up days")

    def __str__(self) -> str:
        return str(self.day)
