"""Demo labour cases (idempotent): two workers' unpaid-wage complaints against the demo employer, grouped in one
matter, one accepted and answered; a third worker's complaint elsewhere; an arbitration application accepted with
a hearing. They go through the real services: the counter's case_accept, the team's and the commission's
decisions, the employer's answer."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Employer, Person, User
from labour import services
from labour.catalogue import ARBITRATION, COMPLAINT
from labour.models import Arbitration, Complaint
from workflow.models import Sequence
from workflow.registry import Channel
from workflow.services import case_accept

MARKER = "demo:labour-cases"


def _complaint(*, clerk: User, person: Person, employer: Employer, months: int, amount: str) -> Complaint:
    today = timezone.localdate()
    data = {"employer": employer.credit_code, "kind": "wages", "period_from": (today - timedelta(days=30 * months))
            .isoformat(), "period_to": (today - timedelta(days=10)).isoformat(), "amount": amount,
            "description": "工程完工后单位以资金紧张为由拖欠工资，多次催要未果。"}
    case = case_accept(service_code=COMPLAINT, actor=clerk, channel=Channel.COUNTER, person=person, data=data,
                       materials=["identity"], office=clerk.office)
    return case.labour_complaint


@transaction.atomic
def seed() -> dict:
    if Sequence.objects.filter(key=MARKER).exists():
        return {}
    clerk = User.objects.select_related("office").get(username="clerk2")
    employer_user = User.objects.select_related("employer__region").get(username="employer")
    employer = employer_user.employer
    persons = list(Person.objects.filter(date_of_death__isnull=True, login__isnull=True).exclude(phone="")
                   .order_by("pk")[10:13])
    first = _complaint(clerk=clerk, person=persons[0], employer=employer, months=4, amount="18600.00")
    _complaint(clerk=clerk, person=persons[1], employer=employer, months=3, amount="12400.00")
    inspector = User.objects.filter(office=first.case.jurisdiction_office, is_active=True).order_by("pk").first()
    if inspector is not None:
        services.complaint_accept(complaint=first, actor=inspector, note="多人投诉同一单位，并案调查")
    services.complaint_answer(complaint=first, actor=employer_user,
                              text="工程款尚未结算，我单位承诺于本月底前足额支付所欠工资。")
    other = Employer.objects.exclude(pk=employer.pk).order_by("pk").first()
    _complaint(clerk=clerk, person=persons[2], employer=other, months=2, amount="6800.00")
    case = case_accept(service_code=ARBITRATION, actor=clerk, channel=Channel.COUNTER, person=persons[2],
                       data={"employer": other.credit_code, "claims": "请求裁决单位支付解除劳动合同经济补偿金",
                             "amount": "24000.00", "dispute_arose_on": (timezone.localdate() - timedelta(days=40))
                             .isoformat()}, materials=["application"], office=clerk.office)
    arbitration: Arbitration = case.labour_arbitration
    arbitrator = User.objects.filter(username="arbitrator").first()
    if arbitrator is not None and arbitrator.office_id == case.jurisdiction_office_id:
        services.arbitration_accept(arbitration=arbitration, actor=arbitrator)
        hearing_day = timezone.localtime() + timedelta(days=14)
        services.hearing_schedule(arbitration=arbitration, actor=arbitrator, place="市仲裁院第一仲裁庭",
                                  at=hearing_day.replace(hour=9, minute=30, second=0, microsecond=0))
    Sequence.objects.create(key=MARKER, value=4)
    return {"labour_cases": 4}
