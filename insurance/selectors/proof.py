"""Reads of proof of life beyond the counter: the nearest point, the photo review queue, silent evidence."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from accounts.models import Office, Person, Region
from accounts.selectors import POINT_LEVELS, nearest_points
from insurance.models import Card, Pension, ProofPhoto, Reimbursement, SilentEvidenceKind
from insurance.rules.proof import Evidence
from workflow.models import Case
from workflow.registry import Channel


def nearest_point(*, region: Region | None) -> Office | None:
    """Where a pensioner can prove they are alive nearest to where they live: the nearest service point
    (accounts.selectors.nearest_points: their community's station, their street's centre, then those inside their
    region), else the hall of their district or of the city. At most two queries."""
    if region is None:
        return None
    points = nearest_points(region=region)
    if points:
        return points[0]
    return (Office.objects.filter(kind=Office.Kind.HALL, is_active=True, region__path__in=region.ancestor_paths)
            .exclude(region__level__in=POINT_LEVELS).select_related("region")
            .order_by(Length("region__path").desc(), "code").first())


def proof_photo_queue(*, persons: QuerySet[Person]) -> QuerySet[ProofPhoto]:
    """Photos waiting for review among `persons`, oldest first, with the pensioner, the kiosk's hall and the
    pensioner's cards that have a photo (3 queries, whatever the number of rows)."""
    with_photo = Card.objects.exclude(photo="").order_by("-applied_at")
    return (ProofPhoto.objects.filter(status=ProofPhoto.Status.PENDING, pension__person__in=persons)
            .select_related("pension__person", "office")
            .prefetch_related(Prefetch("pension__person__cards", queryset=with_photo, to_attr="photo_cards"))
            .order_by("submitted_at", "pk"))


def proof_photo_for_reviewer(*, persons: QuerySet[Person], pk: int) -> ProofPhoto | None:
    """One photo (any status) of a person the reviewer may see; None otherwise (the view answers 404)."""
    return (ProofPhoto.objects.filter(pk=pk, pension__person__in=persons)
            .select_related("pension__person", "office", "reviewer", "proof").first())


def card_photo_of(*, person: Person) -> Card | None:
    """The person's latest card with a photo on file, or None: the reviewer is then told there is none."""
    return Card.objects.filter(person=person).exclude(photo="").order_by("-applied_at", "-pk").first()


def proof_photo_latest(*, person: Person) -> ProofPhoto | None:
    """The pensioner's own latest photo, to show them where it stands."""
    return ProofPhoto.objects.filter(pension__person=person).order_by("-submitted_at", "-pk").first()


def silent_evidence_counted() -> list[str]:
    """The codes of the evidence the bureau counts (the admin's ticks)."""
    return list(SilentEvidenceKind.objects.filter(counts=True).values_list("code", flat=True))


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def silent_evidence_for(*, pension: Pension, kinds: list[str], since: date) -> Evidence | None:
    """The latest record of the counted kinds showing the pensioner present after `since` (their last proof), or
    None. A few queries per pensioner, each on an indexed person column."""
    found: list[Evidence] = []
    person_id = pension.person_id
    if SilentEvidenceKind.Code.HOSPITAL in kinds:
        stay = (Reimbursement.objects.filter(person_id=person_id, discharged_on__gt=since).select_related("case")
                .order_by("-discharged_on", "-pk").first())
        if stay is not None:
            found.append(Evidence(kind=SilentEvidenceKind.Code.HOSPITAL, ref=f"reimbursement:{stay.case.number}",
                                  on=stay.discharged_on, at=_at(stay.discharged_on)))
    if SilentEvidenceKind.Code.COUNTER in kinds:
        # The pensioner's own business accepted at a window: they stood at it (no employer applied for them).
        case = (Case.objects.filter(person_id=person_id, employer__isnull=True, channel=Channel.COUNTER,
                                    accepted_at__gt=_end_of(since))
                .order_by("-accepted_at", "-pk").first())
        if case is not None:
            on = timezone.localdate(case.accepted_at)
            found.append(Evidence(kind=SilentEvidenceKind.Code.COUNTER, ref=f"case:{case.number}", on=on,
                                  at=case.accepted_at))
    if SilentEvidenceKind.Code.CARD in kinds:
        card = (Card.objects.filter(person_id=person_id, issued_at__isnull=False, hall__isnull=False,
                                    issued_at__gt=_end_of(since))
                .order_by("-issued_at", "-pk").first())
        if card is not None:
            found.append(Evidence(kind=SilentEvidenceKind.Code.CARD, ref=f"card:{card.number}",
                                  on=timezone.localdate(card.issued_at), at=card.issued_at))
    return max(found, key=lambda e: e.at, default=None)
