"""Queue tickets of a hall: one queue for every window, numbers restarting every day, and each ticket's log."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from counter import rules


class Ticket(models.Model):
    class Category(models.TextChoices):
        ORDINARY = rules.ORDINARY, _("Ordinary")
        PRIORITY = rules.PRIORITY, _("Priority")
        APPOINTMENT = rules.APPOINTMENT, _("Appointment")

    class PriorityReason(models.TextChoices):
        ELDERLY = "elderly", _("Elderly")
        DISABLED = "disabled", _("Disabled")
        PREGNANT = "pregnant", _("Pregnant")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        CALLED = "called", _("Called")
        SERVING = "serving", _("Being served")
        DONE = "done", _("Done")
        NO_SHOW = "no_show", _("Did not come")
        EXPIRED = "expired", _("Not called before closing")

    class IdentifiedBy(models.TextChoices):
        NUMBER = "number", _("Number entered")
        ECARD = "ecard", _("Electronic social-security card QR code")

    hall = models.ForeignKey("accounts.Office", verbose_name=_("hall"), on_delete=models.PROTECT,
                             related_name="tickets")
    day = models.DateField(_("day"))
    code = models.CharField(_("number"), max_length=8)
    category = models.CharField(_("kind"), max_length=12, choices=Category.choices, default=Category.ORDINARY)
    priority_reason = models.CharField(_("priority because"), max_length=10, choices=PriorityReason.choices,
                                       blank=True)
    appointment = models.OneToOneField("counter.Appointment", verbose_name=_("appointment"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="ticket")
    # The appointment's slot start, copied here so that calling orders without a join.
    slot_start = models.DateTimeField(_("appointment slot begins"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    issued_at = models.DateTimeField(_("issued"))
    # First call, first start: transfers and recalls keep them, so waiting times stay true.
    called_at = models.DateTimeField(_("called"), null=True, blank=True)
    last_called_at = models.DateTimeField(_("last called"), null=True, blank=True)
    started_at = models.DateTimeField(_("service started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    recalls = models.PositiveSmallIntegerField(_("recalls"), default=0)
    # The window and clerk that called it last (and finished it).
    window = models.ForeignKey("counter.Window", verbose_name=_("window"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="tickets")
    clerk = models.ForeignKey("accounts.User", verbose_name=_("clerk"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="counter_tickets")
    # Set when a window transfers the ticket: only that window calls it next, before anyone else.
    target_window = models.ForeignKey("counter.Window", verbose_name=_("transferred to"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("accounts.Person", verbose_name=_("person served"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="counter_tickets")
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("employer served"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="counter_tickets")
    # How the window identified whom it serves: the number typed (or read from a card by a scanner) or a
    # one-time e-card code (its use is in accounts.ECardUse).
    identified_by = models.CharField(_("identified by"), max_length=8, choices=IdentifiedBy.choices, blank=True)
    cases = models.ManyToManyField("workflow.Case", verbose_name=_("cases accepted at the window"), blank=True,
                                   related_name="counter_tickets")

    class Meta:
        verbose_name = _("queue ticket")
        verbose_name_plural = _("queue tickets")
        ordering = ["-day", "issued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hall", "day", "code"], name="ticket_code_unique_per_hall_day"),
            models.CheckConstraint(name="ticket_status_valid", condition=Q(status__in=[
                "waiting", "called", "serving", "done", "no_show", "expired"])),
        ]
        indexes = [
            # Calling: a hall's waiting tickets of the day in order of issue.
            models.Index(fields=["hall", "day", "issued_at"], name="ticket_waiting",
                         condition=Q(status="waiting")),
            # ... and the few that go ahead of the others: priority and appointment tickets, transfers.
            models.Index(fields=["hall", "day", "category", "issued_at"], name="ticket_waiting_ahead",
                         condition=Q(status="waiting", category__in=["priority", "appointment"])),
            models.Index(fields=["target_window"], name="ticket_transferred",
                         condition=Q(status="waiting", target_window__isnull=False)),
            # The board: a hall's latest calls.
            models.Index(fields=["hall", "day", "-last_called_at"], name="ticket_recent_calls",
                         condition=Q(last_called_at__isnull=False)),
            models.Index(fields=["window", "status"], name="ticket_window_status"),
            models.Index(fields=["hall", "day", "status"], name="ticket_hall_day_status"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.day:%Y-%m-%d})"

    @property
    def may_mark_no_show(self) -> bool:
        return self.status == self.Status.CALLED and rules.may_mark_no_show(self.recalls)


class TicketEvent(models.Model):
    """What happened to a ticket, when, at which window, by whom (append-only)."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("Issued")
        CALLED = "called", _("Called")
        RECALLED = "recalled", _("Called again")
        STARTED = "started", _("Service started")
        TRANSFERRED = "transferred", _("Transferred")
        FINISHED = "finished", _("Finished")
        NO_SHOW = "no_show", _("Did not come")
        EXPIRED = "expired", _("Not called before closing")

    ticket = models.ForeignKey(Ticket, verbose_name=_("ticket"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("time"))
    window = models.ForeignKey("counter.Window", verbose_name=_("window"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    clerk = models.ForeignKey("accounts.User", verbose_name=_("clerk"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A ticket's log is append-only.")
        super().save(*args, **kwargs)
