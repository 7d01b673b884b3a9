"""Social-security cards: applied, produced in batches, ready at a hall, issued, activated, lost, replaced."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from insurance.rules.photos import validate_photo


def card_photo_path(instance, filename: str) -> str:
    """A random name: the photo is served only through a checked view, never by its path."""
    ext = ".png" if filename.lower().endswith(".png") else ".jpg"
    return f"card-photos/{secrets.token_hex(16)}{ext}"


# A person holds at most one card in these states at a time.
LIVE_CARD_STATES = ("applied", "in_production", "ready", "issued", "active")


class CardBatch(models.Model):
    """A production batch sent to the card maker, then delivered to a service hall."""

    class Status(models.TextChoices):
        IN_PRODUCTION = "in_production", _("In production")
        DELIVERED = "delivered", _("Delivered to the hall")

    number = models.CharField(_("batch number"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.IN_PRODUCTION)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey("accounts.User", verbose_name=_("created by"), on_delete=models.PROTECT,
                                   related_name="+")
    hall = models.ForeignKey("accounts.Office", verbose_name=_("delivered to"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="card_batches")
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("card production batch")
        verbose_name_plural = _("card production batches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.number


class Card(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied for")
        IN_PRODUCTION = "in_production", _("In production")
        READY = "ready", _("Ready for collection")
        ISSUED = "issued", _("Issued, not yet activated")
        ACTIVE = "active", _("Active")
        LOST = "lost", _("Reported lost")
        REPLACED = "replaced", _("Replaced")
        CANCELLED = "cancelled", _("Cancelled")

    person = models.ForeignKey("accounts.Person", verbose_name=_("holder"), on_delete=models.PROTECT,
                               related_name="cards")
    number = models.CharField(_("card number"), max_length=12, unique=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.APPLIED)
    # Applied for by an employer for its staff (batch application), else by the person.
    employer = models.ForeignKey("accounts.Employer", verbose_name=_("applied for by employer"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="cards")
    batch = models.ForeignKey(CardBatch, verbose_name=_("production batch"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="cards")
    # The hall where the holder collects it (chosen on application; the batch goes there).
    hall = models.ForeignKey("accounts.Office", verbose_name=_("collect at"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="cards")
    replaces = models.OneToOneField("self", verbose_name=_("replaces"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="replaced_by")
    case = models.ForeignKey("workflow.Case", verbose_name=_("application"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    applied_at = models.DateTimeField(_("applied at"))
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)
    lost_at = models.DateTimeField(_("reported lost at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The holder's photo as printed on the card, where the bureau has it (reviewers compare proof photos with it).
    photo = models.FileField(_("card photo"), upload_to=card_photo_path, max_length=200, blank=True,
                             validators=[validate_photo])
    history = HistoricalRecords(verbose_name=_("social-security card change history"),
                                verbose_name_plural=_("social-security card change history"))

    class Meta:
        verbose_name = _("social-security card")
        verbose_name_plural = _("social-security cards")
        ordering = ["-applied_at"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(status__in=LIVE_CARD_STATES),
                                    name="one_live_card_per_person"),
        ]
        indexes = [models.Index(fields=["status", "hall"], name="card_status_hall")]
        permissions = [("manage_cards", _("Can manage card production, delivery and issue"))]

    def __str__(self) -> str:
        return self.number

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_CARD_STATES
