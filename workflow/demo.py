"""Ratings in the demo (好差评): a few ended cases rated through each channel, and one bad rating whose rectification
case waits at the office that decided it. Idempotent (the ratings' own unique rows); the cases come from the domain
demos, so the portal's demo calls this again once they exist."""

from __future__ import annotations

from django.db import transaction

from workflow.exceptions import WorkflowError
from workflow.models import Case, Rating
from workflow.registry import Kind
from workflow.rules.states import Status
from workflow.services.ratings import RECTIFICATION, rating_give_case

# (score, channel, reasons, comment) for the first ended cases, newest first.
RATINGS = [
    (5, "desk", [], ""),
    (4, "online", [], "办理很快"),
    (5, "sms", [], ""),
    (3, "receipt", ["wait"], ""),
    (2, "desk", ["slow", "guide"], "办事指南没写清楚需要出院小结，多跑了一趟"),
]


@transaction.atomic
def seed() -> dict:
    if Rating.objects.exists():
        return {}
    ended = list(Case.objects.filter(status=Status.COMPLETED).exclude(service__code=RECTIFICATION)
                 .select_related("service", "jurisdiction_office", "accepted_office", "accepted_by", "reviewer")
                 .order_by("-closed_at", "-pk")[:50])
    # The bad rating goes to a case a back office decided: its reviewers and head answer it (the demo's halls have
    # clerks only).
    ended.sort(key=lambda case: case.service.kind == Kind.TIME_LIMITED)
    ended = ended[:len(RATINGS) - 1] + ended[-1:] if len(ended) >= len(RATINGS) else ended
    made = 0
    for case, (score, channel, reasons, comment) in zip(ended, RATINGS, strict=False):
        try:
            rating_give_case(case=case, channel=channel, score=score, reasons=reasons, comment=comment)
        except WorkflowError:
            continue
        made += 1
    return {"ratings": made} if made else {}
