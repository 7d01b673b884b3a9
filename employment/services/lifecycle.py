"""What other apps' events mean for employment: a death, contributions recorded, civil affairs' facts changed.
The receivers in employment.receivers call these, one service each."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import DateField, F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import Person, User
from employment.models import (
    BenefitClaim,
    DifficultyDetermination,
    EndReason,
    FraudFlag,
    FraudReview,
    Prompt,
    StatusKind,
    StatusPeriod,
)
from employment.rules.months import month_start
from employment.selectors.benefits import live_claim
from employment.services.benefits import benefit_resume, benefit_stop, benefit_suspend, benefits_stop_for_contributions
from employment.services.fraud import fraud_detect
from employment.services.prompts import prompts_prejudge, prompts_resolve


@transaction.atomic
def employment_death_record(*, person: Person, date_of_death: date, actor: User) -> dict:
    """The open status ends, the difficulty determination ends, the benefit stops after the month of death
    (that month is still due), the prompts go away."""
    # A period begun after the date of death (a notice arriving late, records written meanwhile) ends on its first
    # day: it cannot end before it began.
    ended_on = Greatest(F("started_on"), Value(date_of_death, output_field=DateField()))
    ended = StatusPeriod.objects.filter(person=person, ended_on__isnull=True).update(
        ended_on=ended_on, end_reason=EndReason.DIED, updated_at=timezone.now())
    DifficultyDetermination.objects.filter(person=person, ended_on__isnull=True).update(
        ended_on=date_of_death, end_reason="died")
    claim = live_claim(person=person, for_update=True)
    if claim is not None:
        benefit_stop(claim=claim, reason=BenefitClaim.StopReason.DIED, on=date_of_death, actor=actor)
    prompts_resolve(person=person, resolution=Prompt.Resolution.DIED)
    return {"status_ended": ended, "benefit_stopped": claim is not None}


@transaction.atomic
def employment_death_reported(*, person: Person, actor: User) -> bool:
    """Another department reported the person dead and the district is verifying it: the benefit being paid is
    suspended (its pending payments held back); nothing ends until the death is confirmed."""
    claim = live_claim(person=person, for_update=True)
    if claim is None or claim.status != BenefitClaim.Status.ACTIVE:
        return False
    benefit_suspend(claim=claim)
    return True


def under_fraud_review(claim: BenefitClaim) -> bool:
    """The benefit is suspended by a fraud check: flags not yet reviewed, or a review not yet decided (1 query)."""
    return (FraudFlag.objects.filter(claim=claim, review__isnull=True).exists()
            or FraudReview.objects.filter(claim=claim, status=FraudReview.Status.OPEN).exists())


@transaction.atomic
def employment_death_report_withdrawn(*, person: Person, actor: User) -> bool:
    """The reported death was wrong: a suspended benefit resumes with its held-back payments, unless a fraud check
    suspends it too (that review decides)."""
    claim = live_claim(person=person, for_update=True)
    if claim is None or claim.status != BenefitClaim.Status.SUSPENDED or under_fraud_review(claim):
        return False
    benefit_resume(claim=claim)
    return True


@transaction.atomic
def contributions_received(*, person_ids: list[int], months: list[date], employer_id: int | None, source: str,
                           actor: User) -> dict:
    """Contributions were recorded as paid (inside the recording transaction): flag benefit months paid while
    an employer paid, stop live benefits an employer now pays for, and re-judge the prompts of the persons
    whose registered status the contributions contradict."""
    months = sorted({month_start(m) for m in months})
    flagged = fraud_detect(person_ids=person_ids, months=months, source=FraudFlag.Source.CONTRIBUTIONS)
    stopped = 0
    if employer_id is not None:
        stopped = benefits_stop_for_contributions(person_ids=person_ids, months=months, actor=actor)
        contradicted = StatusPeriod.objects.filter(person_id__in=person_ids, ended_on__isnull=True).exclude(
            kind=StatusKind.EMPLOYED).values_list("person_id", flat=True)
        for person in Person.objects.filter(pk__in=list(contradicted)):
            prompts_prejudge(person=person, actor=actor)
    return {"flagged": flagged, "stopped": stopped}


@transaction.atomic
def facts_changed(*, person: Person, actor: User | None) -> list[Prompt]:
    """Civil affairs changed a fact (household lists, disability): the difficulty rules are judged again."""
    return prompts_prejudge(person=person, actor=actor)
