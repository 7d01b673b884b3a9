"""Proof of life beyond the counter: photos sent for review, and the records the bureau counts as silent proof."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insurance.rules.photos import EXTENSIONS, FORMATS, validate_photo


def proof_photo_path(instance, filename: str) -> str:
    """A random name in a folder per month, never the sender's file name; served only through a checked view."""
    now = timezone.localtime()
    return f"proof-photos/{now:%Y/%m}/{secrets.token_hex(16)}{EXTENSIONS.get(instance.content_type, '')}"

class ProofPhoto(models.Model):
    """A photo a pensioner took for their proof of life (kiosk or phone), waiting for a reviewer's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    class Channel(models.TextChoices):
        KIOSK = "kiosk", _("Self-service kiosk")
        ONLINE = "online", _("Pensioner's own phone or computer")

    class FaceState(models.TextChoices):
        NOT_ASKED = "", _("No face-comparison service connected")
        PENDING = "pending", _("Waiting for the face-comparison service")
        ANSWERED = "answered", _("Answered")
        FAILED = "failed", _("The face-comparison service did not answer")

    pension = models.ForeignKey("insurance.Pension", verbose_name=_("pension"), on_delete=models.CASCADE,
                                related_name="photos")
    photo = models.FileField(_("photo"), upload_to=proof_photo_path, max_length=200, validators=[validate_photo])
    content_type = models.CharField(_("format"), max_length=20, choices=list(FORMATS.items()))
    size = models.PositiveIntegerField(_("size (bytes)"))
    channel = models.CharField(_("taken at"), max_length=10, choices=Channel.choices)
    office = models.ForeignKey("accounts.Office", verbose_name=_("kiosk's hall"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey("accounts.User", verbose_name=_("sent by"), on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reviewer = models.ForeignKey("accounts.User", verbose_name=_("reviewer"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason refused"), max_length=200, blank=True)
    proof = models.OneToOneField("insurance.ProofOfLife", verbose_name=_("proof of life"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="photo")
    # Filled only when a face-comparison service really answered: who answered and the score it gave, as given.
    face_state = models.CharField(_("face comparison"), max_length=10, choices=FaceState.choices, blank=True)
    face_provider = models.CharField(_("face-comparison service"), max_length=40, blank=True)
    face_score = models.DecimalField(_("score given by the service"), max_digits=5, decimal_places=4, null=True,
                                     blank=True)
    face_answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proof-of-life photo")
        verbose_name_plural = _("proof-of-life photos")
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="proofphoto_queue")]
        constraints = [
            # At most one photo waits for review per pension: a second is refused until the first is decided.
            models.UniqueConstraint(fields=["pension"], condition=models.Q(status="pending"),
                                    name="one_pending_photo_per_pension"),
        ]
        permissions = [("review_proof_photos", _("Can confirm or refuse proof-of-life photos"))]

    def __str__(self) -> str:
        return f"{self.pension_id} {self.submitted_at:%Y-%m-%d}"

    @property
    def face_answered(self) -> bool:
        return self.face_state == self.FaceState.ANSWERED and self.face_score is not None


class SilentEvidenceKind(models.Model):
    """A kind of record the bureau counts as the pensioner's presence (silent certification); the bureau ticks
    which ones count in the admin."""

    class Code(models.TextChoices):
        HOSPITAL = "hospital_reimbursement", _("Hospital stay reimbursed")
        COUNTER = "counter_visit", _("Business done in person at a counter")
        CARD = "card_collected", _("Social-security card collected in person at a hall")

    code = models.CharField(_("evidence"), max_length=30, primary_key=True, choices=Code.choices)
    counts = models.BooleanField(_("counts as silent proof of life"), default=False)
    note = models.CharField(_("the bureau's note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("silent proof-of-life evidence")
        verbose_name_plural = _("silent proof-of-life evidence")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.Code(self.code).label)
