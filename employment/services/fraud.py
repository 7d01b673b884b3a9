"""The fraud check (冒领): benefit months paid while an employer declared or paid contributions for the person,
or an employment was open, are flagged once; payments stop and a review case opens in the back office of the
person's district with the overpaid amount, its timeline saying why."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.money import ZERO, to_cent
from accounts.services import system_user
from employment.models import BenefitClaim, FraudFlag, FraudReview, Prompt
from employment.rules.prompts import FRAUD_REVIEW
from employment.selectors.fraud import overlaps, paid_benefit_months
from employment.services.benefits import benefit_resume, benefit_stop, benefit_suspend, benefits_suspend
from employment.services.prompts import prompt_raise, prompts_raise_many, prompts_resolve
from employment.services.sql import insert_select
from workflow.exceptions import InvalidTransition
from workflow.models import Case, CaseEvent
from workflow.registry import Channel
from workflow.services import case_accept, case_event_add, cases_accept_routed

logger = logging.getLogger(__name__)

REVIEW_SERVICE = "employment.fraud_review"


def fraud_flag(*, person_ids: list[int] | None = None, months: list[date] | None = None,
               source: str = FraudFlag.Source.SWEEP) -> int:
    """Flag every paid benefit month that overlaps work: one INSERT ... SELECT per kind of evidence, whatever
    the number of beneficiaries; a month already flagged is skipped. Returns the months flagged."""
    now = timezone.now()
    flagged = 0
    with transaction.atomic():
        for reason, rows in overlaps(paid_benefit_months(person_ids=person_ids, months=months)).items():
            flagged += insert_select(FraudFlag, rows, {
                "person": F("person_id"), "claim": F("claim_id"), "payment": F("pk"), "month": F("month"),
                "reason": Value(reason), "employer": F("employer_ref"), "amount": F("amount"),
                "source": Value(source), "detected_at": Value(now),
            })
    return flagged


def fraud_detect(*, person_ids: list[int] | None = None, months: list[date] | None = None,
                 source: str = FraudFlag.Source.SWEEP) -> int:
    """Flag the overlapping months, then open or extend the reviews of the entitlements flagged."""
    flagged = fraud_flag(person_ids=person_ids, months=months, source=source)
    fraud_reviews_open(person_ids=person_ids)
    return flagged


BATCH = 500  # reviews opened per transaction by the sweep


def fraud_reviews_open(*, person_ids: list[int] | None = None) -> int:
    """A review for every entitlement with months flagged but not yet reviewed, opened in batches (each batch in a
    fixed number of queries, whatever its size: fraud_reviews_open_batch). A batch that cannot open is tried again
    one review at a time, each in its own savepoint: a review that cannot open (e.g. no back office) never undoes
    the contributions being recorded, nor the other reviews; the nightly sweep tries again."""
    flags = FraudFlag.objects.filter(review__isnull=True)
    if person_ids is not None:
        flags = flags.filter(person_id__in=person_ids)
    claim_ids = sorted(set(flags.values_list("claim_id", flat=True)))
    opened, actor = 0, system_user()
    for start in range(0, len(claim_ids), BATCH):
        batch = claim_ids[start:start + BATCH]
        try:
            with transaction.atomic():
                opened += fraud_reviews_open_batch(claim_ids=batch, actor=actor)
            continue
        except Exception:
            logger.warning("A batch of %s fraud reviews could not open together; opening them one by one.",
                           len(batch), exc_info=True)
        for claim_id in batch:
            try:
                with transaction.atomic():
                    fraud_review_open(claim_id=claim_id, actor=actor)
                opened += 1
            except Exception:
                logger.exception("Could not open the fraud review of benefit %s; the nightly sweep retries.",
                                 claim_id)
    return opened


def _review_data(review: FraudReview, all_flags: list[dict]) -> dict:
    return {"review": review.pk, "claim": review.claim_id, "overpaid": str(review.overpaid),
            "months": [{"month": f"{f['month']:%Y-%m}", "amount": str(f["amount"]), "reason": f["reason"],
                        "employer_id": f["employer_id"]} for f in all_flags]}


@transaction.atomic
def fraud_reviews_open_batch(*, claim_ids: list[int], actor: User) -> int:
    """fraud_review_open for many entitlements at once, with the same outcome for each (its unreviewed flags
    attached to its open review or a new one with its case routed to the person's district, the entitlement
    suspended, the reason on the case's timeline, the person's prompt), in a number of queries that does not grow
    with the number of entitlements. Returns the entitlements whose flags were reviewed."""
    claims = {c.pk: c for c in BenefitClaim.objects.select_for_update(of=("self",)).filter(pk__in=claim_ids)
              .select_related("person__hukou_region", "person__residence_region").order_by("pk")}
    flags: dict[int, list[FraudFlag]] = {}
    for flag in (FraudFlag.objects.filter(claim_id__in=list(claims), review__isnull=True).select_related("employer")
                 .order_by("claim_id", "month")):
        flags.setdefault(flag.claim_id, []).append(flag)
    if not flags:
        return 0
    now = timezone.now()
    reviews = {r.claim_id: r for r in FraudReview.objects.select_for_update(of=("self",)).select_related("case")
               .filter(claim_id__in=list(flags), status=FraudReview.Status.OPEN)}
    new = [FraudReview(person=claims[claim_id].person, claim=claims[claim_id], opened_at=now)
           for claim_id in flags if claim_id not in reviews]
    reviews.update({review.claim_id: review for review in FraudReview.objects.bulk_create(new)})
    for claim_id, review in reviews.items():
        review.person, review.claim = claims[claim_id].person, claims[claim_id]
    FraudFlag.objects.filter(pk__in=[f.pk for rows in flags.values() for f in rows]).update(
        review=Subquery(FraudReview.objects.filter(claim_id=OuterRef("claim_id"), status=FraudReview.Status.OPEN)
                        .values("pk")[:1]))
    all_flags: dict[int, list[dict]] = {}
    for row in (FraudFlag.objects.filter(review__in=[r.pk for r in reviews.values()]).order_by("month", "pk")
                .values("review_id", "month", "amount", "reason", "employer_id")):
        all_flags.setdefault(row["review_id"], []).append(row)
    for review in reviews.values():
        review.overpaid = to_cent(sum((f["amount"] for f in all_flags[review.pk]), ZERO))
    benefits_suspend(claims=[claims[claim_id] for claim_id in flags])
    opening = [review for review in reviews.values() if review.case_id is None]
    extended = [review for review in reviews.values() if review.case_id is not None]
    cases = cases_accept_routed(service_code=REVIEW_SERVICE, actor=actor, channel=Channel.SYSTEM, applications=[
        (review.person, _review_data(review, all_flags[review.pk])) for review in opening])
    for review, case in zip(opening, cases, strict=True):
        review.case = case
    for review in extended:
        review.case.data = _review_data(review, all_flags[review.pk])
    Case.objects.bulk_update([review.case for review in extended], ["data"])
    FraudReview.objects.bulk_update(list(reviews.values()), ["overpaid", "case"])
    CaseEvent.objects.bulk_create([
        CaseEvent(case=reviews[claim_id].case, kind=CaseEvent.Kind.NOTE, actor=actor, office=actor.office,
                  note=_why(rows), at=now) for claim_id, rows in flags.items()])
    prompts_raise_many(rule=FRAUD_REVIEW, now=now, items=[
        (review.person, {"amount": str(review.overpaid), "case": review.case.number})
        for review in reviews.values()])
    return len(flags)


def _why(flags: list[FraudFlag]) -> str:
    """The timeline's explanation, in the bureau's language."""
    reasons = dict(FraudFlag.Reason.choices)
    with translation.override("zh-hans"):
        lines = [_("Benefit of %(month)s (%(amount)s yuan) was paid while: %(reason)s%(employer)s.") % {
            "month": f"{f.month:%Y-%m}", "amount": f.amount, "reason": reasons[f.reason],
            "employer": f" ({f.employer.name})" if f.employer_id else ""} for f in flags]
        total = sum((f.amount for f in flags), ZERO)
        lines.append(_("Further payments are stopped; %(total)s yuan overpaid in these months.") % {"total": total})
    return "\n".join(lines)


@transaction.atomic
def fraud_review_open(*, claim_id: int, actor: User | None = None) -> FraudReview | None:
    """Attach the entitlement's unreviewed flags to its open review (opening one, with its case, if none),
    suspend the entitlement and say why on the case's timeline."""
    claim = BenefitClaim.objects.select_for_update(of=("self",)).select_related("person").get(pk=claim_id)
    flags = list(FraudFlag.objects.filter(claim=claim, review__isnull=True).select_related("employer")
                 .order_by("month"))
    if not flags:
        return None
    now, actor = timezone.now(), actor or system_user()
    review = FraudReview.objects.select_for_update().filter(claim=claim, status=FraudReview.Status.OPEN).first()
    if review is None:
        review = FraudReview.objects.create(person=claim.person, claim=claim, opened_at=now)
    FraudFlag.objects.filter(pk__in=[f.pk for f in flags]).update(review=review)
    all_flags = list(review.flags.order_by("month").values("month", "amount", "reason", "employer_id"))
    review.overpaid = to_cent(sum((f["amount"] for f in all_flags), ZERO))
    benefit_suspend(claim=claim)
    data = {"review": review.pk, "claim": claim.pk, "overpaid": str(review.overpaid),
            "months": [{"month": f"{f['month']:%Y-%m}", "amount": str(f["amount"]), "reason": f["reason"],
                        "employer_id": f["employer_id"]} for f in all_flags]}
    if review.case_id is None:
        review.case = case_accept(service_code=REVIEW_SERVICE, actor=actor, channel=Channel.SYSTEM,
                                  person=claim.person, data=data)
    else:
        review.case.data = data
        review.case.save(update_fields=["data"])
    review.save(update_fields=["overpaid", "case"])
    case_event_add(case=review.case, kind=CaseEvent.Kind.NOTE, actor=actor, note=_why(flags))
    prompt_raise(person=claim.person, rule=FRAUD_REVIEW, data={"amount": str(review.overpaid),
                                                               "case": review.case.number})
    return review


def _decided(case, actor: User, status: str, note: str) -> FraudReview:
    review = FraudReview.objects.select_for_update().select_related("claim").filter(case=case).first()
    if review is None:  # a review case is opened with its review; one without (e.g. made by hand) cannot be decided
        raise InvalidTransition(_("This case has no benefit review to decide; ask the administrator."))
    review.status, review.decided_at, review.decided_by = status, timezone.now(), actor
    review.decision_note = note
    review.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    prompts_resolve(person=review.person, only=[FRAUD_REVIEW], resolution=Prompt.Resolution.ACTED_ON, case=case)
    return review


@transaction.atomic
def fraud_review_confirm(*, case, actor: User) -> FraudReview:
    """Approval of the review: the benefit stops for good and the overpaid amount is to be recovered."""
    review = _decided(case, actor, FraudReview.Status.CONFIRMED, case.decision_note)
    first = review.flags.order_by("month").values_list("month", flat=True).first()
    benefit_stop(claim=review.claim, reason=BenefitClaim.StopReason.FRAUD_CONFIRMED, on=first, actor=actor)
    case.result = {"decision": "confirmed", "overpaid": str(review.overpaid), "stopped_from": f"{first:%Y-%m}"}
    case.save(update_fields=["result"])
    return review


@transaction.atomic
def fraud_review_clear(*, case, actor: User) -> FraudReview:
    """Rejection of the review (the flag was unfounded): payments resume, held-back months are sent."""
    review = _decided(case, actor, FraudReview.Status.CLEARED, case.decision_note)
    if review.person.death_reported_on is None:  # else the district's verification of the death decides
        benefit_resume(claim=review.claim)
    case.result = {"decision": "cleared"}
    case.save(update_fields=["result"])
    return review


def fraud_sweep() -> dict:
    """The nightly sweep over every beneficiary; also opens reviews that could not open before. Each review is
    its own transaction: one long transaction would update the same workflow rows (the case sequence, the
    service's use count) over and over, each update slower than the last."""
    flagged = fraud_detect(source=FraudFlag.Source.SWEEP)
    return {"flagged": flagged, "unreviewed": FraudFlag.objects.filter(review__isnull=True).count()}
