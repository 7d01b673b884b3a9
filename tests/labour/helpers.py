"""What the labour tests share: filing a complaint or an application as a worker online."""

from __future__ import annotations

from datetime import date

from accounts.models import User
from labour.catalogue import ARBITRATION, COMPLAINT
from workflow.services import case_accept


def complaint_data(employer, *, start: date, end: date, amount: str = "8000.00", kind: str = "wages") -> dict:
    return {"employer": employer.credit_code, "kind": kind, "period_from": start.isoformat(),
            "period_to": end.isoformat(), "amount": amount, "description": "工资拖欠三个月"}


def file_online(person, employer, **kwargs):
    """The worker files online from their own login, as the resident's apply page does."""
    actor = User.objects.get(person=person)
    case = case_accept(service_code=COMPLAINT, actor=actor, channel="online", person=person,
                       data=complaint_data(employer, **kwargs))
    return case.labour_complaint


def apply_arbitration(person, employer, *, arose: date, actor=None):
    actor = actor or User.objects.get(person=person)
    case = case_accept(service_code=ARBITRATION, actor=actor, channel="online", person=person,
                       data={"employer": employer.credit_code, "claims": "支付拖欠工资及经济补偿金",
                             "amount": "30000.00", "dispute_arose_on": arose.isoformat()})
    return case.labour_arbitration
