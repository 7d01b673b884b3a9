"""Proof of life by photo: the pensioner sends a photo (kiosk or phone), a reviewer confirms or refuses it.

A connected face-comparison service (insurance.face, off by default) may add its score; the decision stays the
reviewer's. The pending row is the face check's outbox: the beat task asks again until the service answers.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Office, Person, User
from insurance.exceptions import InsuranceError
from insurance.face import FaceServiceDown, face_provider
from insurance.models import Pension, ProofMethod, ProofPhoto
from insurance.notifications import sms
from insurance.rules.photos import photo_check
from insurance.selectors.proof import card_photo_of
from insurance.services.pensions import proof_of_life_record
from workflow.background import publish
from workflow.sms import sms_kind_register

logger = logging.getLogger(__name__)

CONFIRMED_TEXT = sms_kind_register("insurance.proof-photo-confirmed", gettext_lazy(
    "Your proof-of-life photo was confirmed. Your next proof of life is due by %(due)s."))
REFUSED_TEXT = sms_kind_register("insurance.proof-photo-refused", gettext_lazy(
    "Your proof-of-life photo was not accepted: %(reasons)s. Send a new photo or prove it at any service hall."))
FACE_BATCH = 50


def _photo_method_counts() -> bool:
    return ProofMethod.objects.filter(code=ProofMethod.Code.PHOTO, counts=True).exists()


def proof_photo_submit(*, person: Person, upload, actor: User, channel: str, office: Office | None = None
                       ) -> ProofPhoto:
    """Keep a pensioner's photo for review: checked first (a real JPEG or PNG within the limits), stored under a
    random name; nothing is stored when it is refused (InsuranceError with the reason)."""
    try:
        content_type = photo_check(upload)
    except ValidationError as exc:
        raise InsuranceError(exc.messages[0], code=exc.code or "photo") from None
    if not _photo_method_counts():
        raise InsuranceError(_("The bureau does not accept photos as proof of life at present: please prove it at "
                               "any service hall with your identity card."), code="method_not_counted")
    with transaction.atomic():
        pension = Pension.objects.select_for_update().filter(person=person).first()
        if pension is None or pension.status == Pension.Status.STOPPED:
            raise InsuranceError(_("This person receives no pension."), code="not_pensioner")
        if pension.photos.filter(status=ProofPhoto.Status.PENDING).exists():
            raise InsuranceError(_("Your earlier photo is still waiting for review: you will be told by SMS."),
                                 code="photo_pending")
        ask_face = face_provider() is not None and card_photo_of(person=person) is not None
        photo = ProofPhoto(pension=pension, content_type=content_type, size=upload.size, channel=channel,
                           office=office, submitted_by=actor,
                           face_state=ProofPhoto.FaceState.PENDING if ask_face else ProofPhoto.FaceState.NOT_ASKED)
        photo.photo.save("photo", upload, save=False)
        try:
            photo.save()
        except Exception:
            photo.photo.delete(save=False)
            raise
    if ask_face:
        transaction.on_commit(lambda: _publish_face_check(photo.pk), robust=True)
    return photo


def _publish_face_check(pk: int) -> None:
    from insurance.tasks import proof_photo_face_check_task

    publish(proof_photo_face_check_task, pk)


@transaction.atomic
def proof_photo_confirm(*, photo: ProofPhoto, actor: User) -> ProofPhoto:
    """The reviewer saw the photo and accepts it: a proof of life by photo, linked to the photo."""
    photo = ProofPhoto.objects.select_for_update().select_related("pension__person").get(pk=photo.pk)
    if photo.status != ProofPhoto.Status.PENDING:
        raise InsuranceError(_("This photo has already been decided."), code="decided")
    proof = proof_of_life_record(person=photo.pension.person, method=ProofMethod.Code.PHOTO, actor=actor,
                                 office=photo.office)
    photo.status, photo.reviewer, photo.reviewed_at, photo.proof = (
        ProofPhoto.Status.CONFIRMED, actor, timezone.now(), proof)
    photo.save(update_fields=["status", "reviewer", "reviewed_at", "proof"])
    pension = proof.pension
    sms(key=f"proof-photo-confirmed:{photo.pk}", phone=pension.person.phone, text=CONFIRMED_TEXT,
        params={"due": f"{pension.next_proof_due:%Y-%m-%d}"})
    return photo


@transaction.atomic
def proof_photo_refuse(*, photo: ProofPhoto, actor: User, reason: str) -> ProofPhoto:
    """The reviewer refuses the photo, with the reason the pensioner is sent by SMS; nothing is proved."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise InsuranceError(_("Give the reason: the pensioner is told it by SMS."), code="reason")
    photo = ProofPhoto.objects.select_for_update().select_related("pension__person").get(pk=photo.pk)
    if photo.status != ProofPhoto.Status.PENDING:
        raise InsuranceError(_("This photo has already been decided."), code="decided")
    photo.status, photo.reviewer, photo.reviewed_at, photo.refusal_reason = (
        ProofPhoto.Status.REFUSED, actor, timezone.now(), reason[:200])
    photo.save(update_fields=["status", "reviewer", "reviewed_at", "refusal_reason"])
    sms(key=f"proof-photo-refused:{photo.pk}", phone=photo.pension.person.phone, text=REFUSED_TEXT,
        params={"reasons": photo.refusal_reason})
    return photo


def proof_photo_face_check(*, pk: int) -> bool:
    """Ask the face-comparison service about one waiting photo; True when it answered. Safe to repeat: a photo
    already answered (or decided) is left alone; a service that is down leaves it waiting for the next run."""
    provider = face_provider()
    photo = ProofPhoto.objects.select_related("pension__person").filter(
        pk=pk, face_state=ProofPhoto.FaceState.PENDING).first()
    if provider is None or photo is None:
        return False
    card = card_photo_of(person=photo.pension.person)
    if card is None:
        ProofPhoto.objects.filter(pk=pk).update(face_state=ProofPhoto.FaceState.NOT_ASKED)
        return False
    try:
        with photo.photo.open("rb") as mine, card.photo.open("rb") as theirs:
            answer = provider.compare(photo=mine.read(), reference=theirs.read(),
                                      timeout=settings.PROOF_FACE_TIMEOUT)
    except (FaceServiceDown, OSError, TimeoutError) as exc:
        logger.warning("Face comparison of proof photo %s failed: %s", pk, exc)
        return False
    ProofPhoto.objects.filter(pk=pk, face_state=ProofPhoto.FaceState.PENDING).update(
        face_state=ProofPhoto.FaceState.ANSWERED, face_provider=answer.provider[:40], face_score=answer.score,
        face_answered_at=timezone.now())
    return True


def proof_photo_face_checks() -> int:
    """The beat's run: every photo still waiting for the service (oldest first, a batch at a time)."""
    if face_provider() is None:
        return 0
    pks = list(ProofPhoto.objects.filter(face_state=ProofPhoto.FaceState.PENDING, status=ProofPhoto.Status.PENDING)
               .order_by("submitted_at").values_list("pk", flat=True)[:FACE_BATCH])
    return sum(proof_photo_face_check(pk=pk) for pk in pks)
