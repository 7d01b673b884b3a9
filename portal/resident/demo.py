"""The demo resident's own story, so that the README's tour can be followed (idempotent: its own marker).

The demo resident (the first resident login: a woman of 河口区 born in 1965) retired in 2020 on months carried
over from the former system; as her medical-insurance years fell short she pays medical insurance on as a
flexible-employment individual. Her cases, through the real services and channels: a hospital stay reimbursed
(decided), another waiting for the discharge summary the back office asked for (she uploads it under “My
cases”), a third just sent; a lost card reported and replaced online; her yearly proof of life at a kiosk.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Office, User
from accounts.services import system_user
from insurance.models import Card, Enrolment
from insurance.rules.months import add_months, iter_months, month_start
from insurance.services import enrolment_start, flexible_contribution_record
from portal.kiosk.services import kiosk_apply
from workflow.models import Case, Sequence
from workflow.registry import Channel
from workflow.services import case_accept, case_approve, case_claim, case_request_supplement

MARKER = "demo:resident-tour"
MEDICAL_SINCE = date(2024, 1, 1)
HALL = "HALL-370503"  # 河口区人社服务大厅, near her home


def _resident() -> User | None:
    return User.objects.filter(kind=User.Kind.RESIDENT).select_related("person").order_by("pk").first()


def _medical_insurance(person, today: date) -> None:
    """Medical insurance as a flexible-employment individual since 2024, paid up to last month."""
    actor = system_user()
    if not Enrolment.objects.filter(person=person, insurance_type="medical").exists():
        enrolment_start(actor=actor, person=person, types=["medical"], started_on=MEDICAL_SINCE,
                        base_ratio=Decimal("0.60"))
    flexible_contribution_record(person=person, months=list(iter_months(MEDICAL_SINCE, add_months(
        month_start(today), -1))), actor=actor, paid_on=today, tax_reference="DEMO-RESIDENT")


def _reimbursements(user: User, today: date) -> list[Case]:
    """Decided, waiting for her material, just sent: each a hospital stay, accepted at a window or online."""
    from portal.demo import _age, accept, reimbursement_data

    rng, person = random.Random(1242), user.person
    clerk = User.objects.filter(username="clerk2").first()
    reviewer = User.objects.filter(username="reviewer").first()
    cases = []
    for days, channel, materials in ((40, Channel.COUNTER, ["invoice", "discharge", "cost_list"]),
                                     (9, Channel.ONLINE, ["invoice", "cost_list"]),
                                     (1, Channel.ONLINE, ["invoice", "discharge", "cost_list"])):
        data = reimbursement_data(rng, today - timedelta(days=days))
        actor = clerk if channel == Channel.COUNTER and clerk is not None else user
        case = accept({"code": "insurance.reimbursement", "data": data, "materials": materials}, person=person,
                      actor=actor, channel=Channel.COUNTER if actor is clerk else Channel.ONLINE)
        _age(case, days)
        cases.append(case)
    if reviewer is not None:
        decided, waiting, _sent = cases
        case_claim(case=decided, actor=reviewer)
        case_approve(case=decided, actor=reviewer, note="材料齐全，按政策报销")
        case_claim(case=waiting, actor=reviewer)
        case_request_supplement(case=waiting, actor=reviewer, materials=["discharge"],
                                note="请上传出院小结（出院记录）的照片或扫描件")
    return cases


def _card_replaced(user: User) -> list[Case]:
    """Her card was lost: reported online, then a replacement applied for, to collect at 河口区's hall."""
    if not Card.objects.filter(person=user.person, status__in=[Card.Status.ACTIVE, Card.Status.ISSUED]).exists():
        return []
    lost = case_accept(service_code="insurance.card_report_lost", actor=user, channel=Channel.ONLINE,
                       person=user.person)
    replaced = case_accept(service_code="insurance.card_replace", actor=user, channel=Channel.ONLINE,
                           person=user.person, data={"hall": HALL})
    return [lost, replaced]


def _proof_at_a_kiosk(user: User) -> list[Case]:
    hall = Office.objects.filter(code=HALL).first()
    if hall is None or not hasattr(user.person, "pension"):
        return []
    return [kiosk_apply(hall=hall, person=user.person, service_code="insurance.proof_of_life")]


def seed() -> dict:
    user = _resident()
    if user is None or Sequence.objects.filter(key=MARKER).exists():
        return {}
    today = timezone.localdate()
    _medical_insurance(user.person, today)
    cases = [*_reimbursements(user, today), *_card_replaced(user), *_proof_at_a_kiosk(user)]
    Sequence.objects.create(key=MARKER, value=len(cases))
    return {"resident_cases": len(cases)}
