"""The fraud check (冒领): benefit months paid while an employer declared or paid contributions for the person,
or an employment was open, are flagged once; payments stop and a review case opens in the back office of the
person's district with the overpaid amount, its timeline saying why."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.db.models import F, Value
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.money import ZERO, to_cent
from accounts.services import system_user
from employment.models import BenefitClaim, FraudFlag, FraudReview, Prompt
from employment.rules.prompts import FRAUD_REVIEW
from employment.selectors.fraud import overlaps, paid_benefit_months
from employment.services.benefits import benefit_resume, benefit_stop, benefit_suspend
from employment.services.prompts import prompt_raise, prompts_resolve
from employment.services.sql import insert_select
from workflow.models import CaseEvent
from workflow.registry import Channel
from workflow.services import case_accept, case_event_add

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


def fraud_reviews_open(*, person_ids: list[int] | None = None) -> int:
    """A review for every entitlement with months flagged but not yet reviewed. Each in its own savepoint:
    a review that cannot open (e.g. no back office) never undoes the contributions being recorded; the
    nightly sweep tries again."""
    flags = FraudFlag.objects.filter(review__isnull=True)
    if person_ids is not None:
        flags = flags.filter(person_id__in=person_ids)
    opened, actor = 0, system_user()
    for claim_id in sorted(set(flags.values_list("claim_id", flat=True))):
        try:
            with transaction.atomic():
                fraud_review_open(claim_id=claim_id, actor=actor)
            opened += 1
        except Exception:
            logger.exception("Could not open the fraud review of benefit %s; the nightly sweep retries.", claim_id)
    return opened


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
    review = FraudReview.objects.select_for_update().select_related("claim").get(case=case)
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
