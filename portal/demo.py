"""Demo cases across the city, so that every back office, board and hall has something to show (idempotent).

They go through the real services (the counter's and the online channel's case_accept, claims, requests for
material, decisions); only their age is then set back, so that some are due soon and some overdue, and the
escalation sweep runs over them as the scheduler would have. The businesses vary: reimbursements, vocational
training subsidies, work-injury recognitions, back payments and retirements, each where the person qualifies
(a reimbursement otherwise). The demo resident's own cases are portal.resident.demo's.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from accounts.models import Employer, Person, User
from insurance.selectors import current_employer_id, enrolment_status, is_pensioner, statutory_retirement_date
from portal.resident import demo as resident_demo
from portal.resident import demo_proactive
from workflow import demo as workflow_demo
from workflow.exceptions import WorkflowError
from workflow.models import Case, Sequence
from workflow.registry import Channel, registry
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
REIMBURSEMENT = "insurance.reimbursement"


def reimbursement_data(rng: random.Random, today: date) -> dict:
    admitted = today - timedelta(days=rng.randint(20, 60))
    total = Decimal(rng.randint(3000, 40000))
    return {"hospital": rng.choice(["东营市人民医院", "胜利油田中心医院", "广饶县人民医院", "利津县中心医院"]),
            "hospital_level": rng.choice([2, 3]), "admitted_on": admitted.isoformat(),
            "discharged_on": (admitted + timedelta(days=rng.randint(3, 12))).isoformat(),
            "total_cost": f"{total:.2f}", "eligible_cost": f"{total * Decimal('0.8'):.2f}"}


# --- The businesses, each a function (rng, person, today) -> the application, or None where it does not fit -----

def _reimbursement(rng, person, today) -> dict:
    return {"code": REIMBURSEMENT, "data": reimbursement_data(rng, today),
            "materials": MATERIALS if rng.random() < 0.7 else MATERIALS[:2]}


def _vocational_training(rng, person, today) -> dict:
    return {"code": "employment.subsidy_vocational_training", "materials": ["id_card", "certificate"],
            "data": {"certificate": f"ZY{today:%Y}{rng.randrange(10_000):04d}", "level": rng.choice(
                ["primary", "intermediate", "advanced"]), "course": rng.choice(["电工", "焊工", "养老护理员", "中式烹调师"])}}


def _employer(person) -> Employer | None:
    employer_id = current_employer_id(person=person)
    return Employer.objects.filter(pk=employer_id).first() if employer_id else None


def _injury_recognition(rng, person, today) -> dict | None:
    employer = _employer(person)
    if employer is None:
        return None
    accident = today - timedelta(days=rng.randint(5, 25))
    return {"code": "insurance.injury_recognition", "employer": employer, "materials": ["application", "diagnosis"],
            "data": {"accident_at": f"{accident:%Y-%m-%d} 10:30", "place": f"{employer.name}生产车间",
                     "description": rng.choice(["搬运货物时滑倒，右腕骨折", "操作机床时左手食指受伤", "下班途中发生交通事故，左腿挫伤"]),
                     "applied_by": "employer", "report_case": ""}}


def _back_payment(rng, person, today) -> dict | None:
    employer, pension = _employer(person), enrolment_status(person=person).get("pension")
    if employer is None or pension is None or pension["since"] < date(2024, 7, 1):
        return None  # months before 2024 have no reference figures in the demo
    since = pension["since"]
    first, last = (since - timedelta(days=85)).replace(day=1), (since - timedelta(days=1)).replace(day=1)
    return {"code": "insurance.back_payment", "employer": employer, "materials": ["contract", "payroll"],
            "data": {"first_month": f"{first:%Y-%m}", "last_month": f"{last:%Y-%m}", "wage": "5600.00",
                     "types": ["pension", "medical", "unemployment", "work_injury"], "reason": "入职手续办理延误"}}


def _retirement(rng, person, today) -> dict | None:
    if is_pensioner(person=person):
        return None
    retires = statutory_retirement_date(person=person)
    if not today - timedelta(days=60) <= retires <= today + timedelta(days=90):
        return None
    return {"code": "insurance.retirement", "materials": ["id_card", "file", "bank"],
            "data": {"retirement_date": retires.isoformat(), "female_group": "female_55"}}


BUSINESSES: list[Callable] = [_reimbursement, _vocational_training, _injury_recognition, _back_payment, _retirement]


def _age(case: Case, days: int) -> None:
    """Pretend the case was accepted `days` ago (demo only): its timeline, deadline and next reminder follow."""
    if not days:
        return
    shift = timedelta(days=days)
    case.accepted_at = case.accepted_at - shift
    calendar = work_calendar()
    if case.deadline is not None:
        case.deadline = compute_deadline(case=case, calendar=calendar)
        schedule_next_step(case=case, calendar=calendar)
    Case.objects.filter(pk=case.pk).update(accepted_at=case.accepted_at, deadline=case.deadline,
                                           next_step_at=case.next_step_at)
    case.events.update(at=F("at") - shift)


def accept(application: dict, *, person: Person, actor: User, channel: str, office=None) -> Case:
    return case_accept(service_code=application["code"], actor=actor, channel=channel, person=person,
                       employer=application.get("employer"), data=application["data"],
                       materials=application.get("materials", ()), office=office)


def _accept(rng: random.Random, person: Person, clerks: list[User], today: date, turn: int) -> Case | None:
    """The first business, from the turn's on, that the person qualifies for, accepted at a window."""
    start = turn % len(BUSINESSES)
    for make in BUSINESSES[start:] + BUSINESSES[:start]:
        application = make(rng, person, today)
        if application is None:
            continue
        try:
            with transaction.atomic():
                return accept(application, person=person, actor=rng.choice(clerks), channel=Channel.COUNTER)
        except WorkflowError:
            continue
    return None


def material_asked(case: Case) -> tuple[str, str]:
    """The first material of the case's business, and a request for it in the words of the back office."""
    material = registry.get(case.service.code).materials[0]
    with translation.override("zh-hans"):
        return material.code, f"请补充{material.name}"


def _decide(case: Case, reviewer: User, i: int) -> None:
    """Taken up for review (the older ones are overdue in review), asked for material, approved or rejected."""
    if i in (1, 3, 5):
        case_claim(case=case, actor=reviewer)
    elif i == 4:
        case_claim(case=case, actor=reviewer)
        code, note = material_asked(case)
        case_request_supplement(case=case, actor=reviewer, materials=[code], note=note)
    elif i in (6, 7):
        case_claim(case=case, actor=reviewer)
        try:
            with transaction.atomic():
                if i == 6:
                    case_approve(case=case, actor=reviewer, note="材料齐全，符合政策规定")
                else:
                    case_reject(case=case, actor=reviewer, reason="不符合政策规定的条件")
        except WorkflowError:
            pass  # the business's completion refused it: the case stays in review


@transaction.atomic
def seed() -> dict:
    made = [] if Sequence.objects.filter(key=MARKER).exists() else _city_cases()
    tour = resident_demo.seed()
    tour |= demo_proactive.seed()  # a resident near retirement, offered the retirement approval
    rated = workflow_demo.seed()  # ratings of the cases just decided (好差评)
    return {"cases": len(made), **tour, **rated} if made or tour or rated else {}


def _city_cases() -> list[Case]:
    rng = random.Random(2026)
    today = timezone.localdate()
    clerks = list(User.objects.filter(username__in=["clerk", "clerk2"]))
    reviewers = {u.office.region.code: u for u in User.objects.filter(username__in=["reviewer", "reviewer2"])
                 .select_related("office__region")}
    made, turn = [], 0
    for prefix, count in DISTRICTS:
        persons = list(Person.objects.filter(hukou_region__path__startswith=prefix, date_of_death__isnull=True)
                       .exclude(login__isnull=False).order_by("pk")[: count * 3])
        rng.shuffle(persons)
        cases = []
        for person in persons[:count * 2]:
            if len(cases) == count:
                break
            case = _accept(rng, person, clerks, today, turn)
            turn += 1
            if case is not None:
                cases.append(case)
        for i, case in enumerate(cases):
            _age(case, AGES[i % len(AGES)])
            # An employer's business is decided where the employer is registered.
            reviewer = reviewers.get(case.jurisdiction_office.region.code)
            if reviewer is not None:
                _decide(case, reviewer, i)
        made += cases
    Sequence.objects.create(key=MARKER, value=len(made))
    # Sweep day by day over the weeks the cases pretend to have lived, as the scheduler would have: each
    # reminder, warning and escalation is recorded on its own day.
    now = timezone.now()
    for days_ago in range(max(AGES), -1, -1):
        escalation_sweep(now=now - timedelta(days=days_ago))
    return made
