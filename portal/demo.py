"""Demo cases across the city, so that every back office, board and hall has something to show (idempotent).

They go through the real services (the counter's and the online channel's case_accept, claims, requests for
material, decisions); only their age is then set back, so that some are due soon and some overdue, and the
escalation sweep runs over them as the scheduler would have.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Person, User
from workflow.exceptions import WorkflowError
from workflow.models import Case, Sequence
from workflow.registry import Channel
from workflow.services import (
    case_accept,
    case_approve,
    case_claim,
    case_reject,
    case_request_supplement,
    escalation_sweep,
    work_calendar,
)
from workflow.services.deadlines import compute_deadline, schedule_next_step

MARKER = "demo:portal-cases"
# (district prefix, cases) — the districts with demo reviewers get more.
DISTRICTS = [("370503", 12), ("370502", 10), ("370505", 4), ("370522", 4), ("370523", 4)]
# Days back each case is set to have been accepted: a spread from overdue (the limit is 20 working days)
# through due soon to fresh.
AGES = [32, 29, 27, 25, 18, 15, 12, 8, 5, 2, 1, 0]
MATERIALS = ["invoice", "discharge", "cost_list"]


def _reimbursement(rng: random.Random, today) -> dict:
    admitted = today - timedelta(days=rng.randint(20, 60))
    total = Decimal(rng.randint(3000, 40000))
    return {"hospital": rng.choice(["东营市人民医院", "胜利油田中心医院", "广饶县人民医院", "利津县中心医院"]),
            "hospital_level": rng.choice([2, 3]), "admitted_on": admitted.isoformat(),
            "discharged_on": (admitted + timedelta(days=rng.randint(3, 12))).isoformat(),
            "total_cost": f"{total:.2f}", "eligible_cost": f"{total * Decimal('0.8'):.2f}"}


def _age(case: Case, days: int) -> None:
    """Pretend the case was accepted `days` ago (demo only): its timeline, deadline and next reminder follow."""
    if not days:
        return
    shift = timedelta(days=days)
    case.accepted_at = case.accepted_at - shift
    calendar = work_calendar()
    case.deadline = compute_deadline(case=case, calendar=calendar)
    schedule_next_step(case=case, calendar=calendar)
    Case.objects.filter(pk=case.pk).update(accepted_at=case.accepted_at, deadline=case.deadline,
                                           next_step_at=case.next_step_at)
    case.events.update(at=F("at") - shift)


def _accept(rng: random.Random, person: Person, clerks: list[User], today) -> Case | None:
    online = person.login if hasattr(person, "login") and rng.random() < 0.3 else None
    actor, channel = (online, Channel.ONLINE) if online else (rng.choice(clerks), Channel.COUNTER)
    for _ in range(3):
        try:
            materials = MATERIALS if rng.random() < 0.7 else MATERIALS[:2]
            return case_accept(service_code="insurance.reimbursement", actor=actor, channel=channel, person=person,
                               data=_reimbursement(rng, today), materials=materials)
        except WorkflowError:
            continue
    return None


@transaction.atomic
def seed() -> dict:
    if Sequence.objects.filter(key=MARKER).exists():
        return {}
    rng = random.Random(2026)
    today = timezone.localdate()
    clerks = list(User.objects.filter(username__in=["clerk", "clerk2"]))
    reviewers = {u.office.region.code: u for u in User.objects.filter(username__in=["reviewer", "reviewer2"])
                 .select_related("office__region")}
    made = []
    for prefix, count in DISTRICTS:
        persons = list(Person.objects.filter(hukou_region__path__startswith=prefix, date_of_death__isnull=True)
                       .order_by("pk")[: count * 3])
        rng.shuffle(persons)
        cases = [c for c in (_accept(rng, p, clerks, today) for p in persons[:count * 2]) if c][:count]
        reviewer = reviewers.get(prefix)
        for i, case in enumerate(cases):
            _age(case, AGES[i % len(AGES)])
            if reviewer is None:
                continue
            if i in (1, 3, 5):  # taken up for review; the older ones are overdue in review
                case_claim(case=case, actor=reviewer)
            elif i == 4:
                case_claim(case=case, actor=reviewer)
                case_request_supplement(case=case, actor=reviewer, materials=["invoice"],
                                        note="请补充住院费用发票原件")
            elif i in (6, 7):
                case_claim(case=case, actor=reviewer)
                if i == 6:
                    case_approve(case=case, actor=reviewer, note="材料齐全，符合报销政策")
                else:
                    case_reject(case=case, actor=reviewer, reason="超出医保目录范围")
        made += cases
    Sequence.objects.create(key=MARKER, value=len(made))
    # Sweep day by day over the weeks the cases pretend to have lived, as the scheduler would have: each
    # reminder, warning and escalation is recorded on its own day.
    now, steps = timezone.now(), 0
    for days_ago in range(max(AGES), -1, -1):
        steps += escalation_sweep(now=now - timedelta(days=days_ago)).steps
    return {"cases": len(made), "steps": steps}
