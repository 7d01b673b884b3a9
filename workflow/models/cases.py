"""Cases: one application from acceptance to its end, its timeline, pauses and escalation steps."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workflow.registry import Channel
from workflow.rules.codes import format_tracking_code
from workflow.rules.escalation import REMIND, WARN
from workflow.rules.states import CLOCK_RUNNING, FINAL, OPEN, Status


class Case(models.Model):
    Status = Status

    number = models.CharField(_("case number"), max_length=15, unique=True)
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    service = models.ForeignKey("workflow.ServiceType", verbose_name=_("service"), on_delete=models.PROTECT,
                                related_name="cases")
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="cases")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="cases")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    accepted_office = models.ForeignKey("accounts.Office", verbose_name=_("accepting office"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="accepted_cases")
    accepted_by = models.ForeignKey("accounts.User", verbose_name=_("accepted by"), on_delete=models.PROTECT,
                                    related_name="accepted_cases")
    jurisdiction_office = models.ForeignKey("accounts.Office", verbose_name=_("deciding office"), null=True,
                                            blank=True, on_delete=models.PROTECT, related_name="jurisdiction_cases")
    reviewer = models.ForeignKey("accounts.User", verbose_name=_("reviewer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="reviewed_cases")
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.ACCEPTED)
    data = models.JSONField(_("application data"), default=dict, blank=True)
    checks = models.JSONField(_("check results"), default=list, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    materials_received = models.JSONField(_("materials received"), default=list, blank=True)
    materials_missing = models.JSONField(_("materials requested"), default=list, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    accepted_at = models.DateTimeField(_("accepted at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    paused_at = models.DateTimeField(_("clock paused at"), null=True, blank=True)
    next_step_at = models.DateTimeField(_("next reminder or escalation"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-accepted_at"]
        constraints = [
            models.CheckConstraint(
                name="case_has_an_applicant", condition=Q(person__isnull=False) | Q(employer__isnull=False)
            ),
        ]
        indexes = [
            # The sweep: open cases whose next reminder or escalation is due, by time.
            models.Index(fields=["next_step_at"], name="case_sweep_due",
                         condition=Q(status__in=sorted(CLOCK_RUNNING)) & Q(next_step_at__isnull=False)),
            # Workbenches: an office's open cases by deadline. It carries every column the work lists' and boards'
            # counts read, so they count from the index alone (an index-only scan over the open cases, never the
            # decided ones: their time follows the work in progress, not the city's history); the accepting office too,
            # for the halls' open cases.
            models.Index(fields=["jurisdiction_office", "deadline", "id"], name="case_office_open_deadline",
                         include=["status", "reviewer", "paused_at", "escalation_level", "accepted_office"],
                         condition=Q(status__in=sorted(OPEN))),
            # Boards and the city overview: on-time rates over recently decided cases (a range of decided_at,
            # counted from the index alone too), for the back offices and for the halls that accepted them.
            models.Index(fields=["jurisdiction_office", "decided_at"], name="case_office_decided",
                         include=["status", "deadline", "reviewer", "accepted_office"],
                         condition=Q(decided_at__isnull=False)),
            models.Index(fields=["person", "-accepted_at"], name="case_person_recent"),
            models.Index(fields=["employer", "-accepted_at"], name="case_employer_recent"),
            models.Index(fields=["accepted_at", "channel"], name="case_accepted_channel"),
            # Supervision of where cases are accepted (halls and service points): an office's recent intake,
            # counted from the index alone.
            models.Index(fields=["accepted_office", "accepted_at"], name="case_accepted_office_at",
                         include=["status", "deadline", "decided_at"]),
        ]
        permissions = [
            ("accept_case", _("Can accept cases at a counter")),
            ("review_case", _("Can review cases of the office")),
            ("manage_office_cases", _("Can assign and reassign the office's cases")),
            ("view_city_overview", _("Can see every office's cases")),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("workflow:case-detail", kwargs={"number": self.number})

    @property
    def formatted_tracking_code(self) -> str:
        return format_tracking_code(self.tracking_code)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    @property
    def clock_running(self) -> bool:
        return self.status in CLOCK_RUNNING


class CaseEvent(models.Model):
    """The append-only timeline of a case."""

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        ROUTED = "routed", _("Sent to the back office")
        CLAIMED = "claimed", _("Taken up for review")
        ASSIGNED = "assigned", _("Assigned to a reviewer")
        RELEASED = "released", _("Returned to the office queue")
        SUPPLEMENT_REQUESTED = "supplement_requested", _("Material requested")
        SUPPLEMENT_RECEIVED = "supplement_received", _("Material received")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REASSIGNED = "reassigned", _("Reassigned")
        REMINDED = "reminded", _("Reviewer reminded of the deadline")
        WARNED = "warned", _("Overdue: office head warned")
        ESCALATED = "escalated", _("Escalated to the level above")
        DEADLINE_CHANGED = "deadline_changed", _("Deadline recalculated with the holiday calendar")
        NOTE = "note", _("Note")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=24, choices=Kind.choices)
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey("accounts.User", verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey("accounts.Office", verbose_name=_("office"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(_("from"), max_length=24, blank=True, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=24, blank=True, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="caseevent_case_at")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The case timeline is append-only.")
        super().save(*args, **kwargs)


class CasePause(models.Model):
    """A stretch of time the deadline clock stood still (waiting for material)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField(_("from"))
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    extended_by_seconds = models.PositiveIntegerField(_("deadline extended by (working seconds)"), default=0)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(ended_at__isnull=True), name="one_open_pause"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.started_at}–{self.ended_at or '…'}"


class CaseStep(models.Model):
    """A reminder, warning or escalation: done once per case, whatever the schedulers and workers do."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("step"), max_length=20)
    level = models.PositiveSmallIntegerField(_("level"))
    due_at = models.DateTimeField(_("due"))
    done_at = models.DateTimeField(_("done"))
    target_office = models.ForeignKey("accounts.Office", verbose_name=_("to office"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="case_steps")
    target_user = models.ForeignKey("accounts.User", verbose_name=_("to"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="case_steps")
    acknowledged_at = models.DateTimeField(_("seen"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder or escalation")
        verbose_name_plural = _("reminders and escalations")
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="casestep_once_per_case")]
        indexes = [
            models.Index(fields=["target_office", "-done_at"], name="casestep_office_recent"),
            # The boards' unseen warnings and escalations, newest first, to an office and to a person by name: the
            # ones nobody acknowledged, read in order from these alone (workflow.selectors.backoffice.open_alerts).
            models.Index(fields=["target_office", "-done_at", "-id"], name="casestep_office_unseen",
                         condition=Q(acknowledged_at__isnull=True, level__gte=1)),
            models.Index(fields=["target_user", "-done_at", "-id"], name="casestep_user_unseen",
                         condition=Q(acknowledged_at__isnull=True, level__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.label}"

    @property
    def label(self) -> str:
        """What the step is, as the case page and the admin name it (the stored step is a code)."""
        if self.step == REMIND:
            return gettext("Reminder to the reviewer")
        if self.step == WARN:
            return gettext("Overdue warning to the office head")
        return gettext("Escalation to the leadership, level %(level)s") % {"level": self.level - 1}
