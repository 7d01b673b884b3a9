"""Appointment slots of a hall (a capacity per business and time) and the residents' bookings."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import validate_mobile
from counter import rules


class AppointmentSlot(models.Model):
    """Places for one time slot at one hall: for one business, or for any business when none is named."""

    hall = models.ForeignKey("accounts.Office", verbose_name=_("hall"), on_delete=models.PROTECT,
                             related_name="appointment_slots", limit_choices_to={"kind": "hall"})
    service = models.ForeignKey("workflow.ServiceType", verbose_name=_("business"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="appointment_slots",
                                help_text=_("Leave empty for places open to any business."))
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    # Kept by the booking services with conditional updates; the database refuses more than capacity.
    booked = models.PositiveSmallIntegerField(_("booked"), default=0)

    class Meta:
        verbose_name = _("appointment slot")
        verbose_name_plural = _("appointment slots")
        ordering = ["date", "starts_at", "hall", "service"]
        constraints = [
            models.CheckConstraint(name="slot_never_overbooked", condition=Q(booked__lte=F("capacity"))),
            models.CheckConstraint(name="slot_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))),
            models.UniqueConstraint(fields=["hall", "service", "date", "starts_at"], name="slot_unique_per_service",
                                    condition=Q(service__isnull=False)),
            models.UniqueConstraint(fields=["hall", "date", "starts_at"], name="slot_unique_any_business",
                                    condition=Q(service__isnull=True)),
        ]
        indexes = [models.Index(fields=["hall", "date"], name="slot_hall_date")]

    def __str__(self) -> str:
        return f"{self.hall} {self.date:%Y-%m-%d} {self.starts_at:%H:%M}"

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CHECKED_IN = "checked_in", _("Checked in")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")

    code = models.CharField(_("booking code"), max_length=rules.BOOKING_CODE_LENGTH, unique=True)
    slot = models.ForeignKey(AppointmentSlot, verbose_name=_("slot"), on_delete=models.PROTECT,
                             related_name="appointments")
    service = models.ForeignKey("workflow.ServiceType", verbose_name=_("business"), on_delete=models.PROTECT,
                                related_name="appointments")
    person = models.ForeignKey("accounts.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="appointments")
    phone = models.CharField(_("mobile number"), max_length=11, blank=True, validators=[validate_mobile])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.BOOKED)
    booked_by = models.ForeignKey("accounts.User", verbose_name=_("booked by"), on_delete=models.PROTECT,
                                  related_name="+")
    booked_at = models.DateTimeField(_("booked"))
    moves = models.PositiveSmallIntegerField(_("times moved"), default=0)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    no_show_at = models.DateTimeField(_("recorded as not come"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["slot__date", "slot__starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "person"], condition=Q(status="booked"),
                                    name="appointment_once_per_slot"),
        ]
        indexes = [
            models.Index(fields=["person", "status"], name="appointment_person"),
            models.Index(fields=["status", "slot"], name="appointment_status_slot"),
        ]

    def __str__(self) -> str:
        return self.formatted_code

    @property
    def formatted_code(self) -> str:
        return rules.format_booking_code(self.code)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.BOOKED
