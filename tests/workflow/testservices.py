"""Services of the tests' own, registered for a test and removed after it: workflow has no business of its own."""

from __future__ import annotations

from django import forms

from workflow.forms import ServiceForm
from workflow.registry import Applicant, Channel, Check, Kind, LimitUnit, Material, ServiceSpec

COMPLETIONS: list[tuple[str, int]] = []


class AmountForm(ServiceForm):
    amount = forms.DecimalField(max_digits=10, decimal_places=2, min_value=0)


def _checks(application):
    amount = application.data.get("amount")
    yield Check(code="amount_limit", label="amount within limit", passed=amount is None or float(amount) <= 1000,
                detail=f"amount={amount}", data={"amount": amount})
    yield Check(code="hint", label="a prompt", passed=False, blocking=False, suggests="test.immediate")


def _complete(*, case, actor):
    COMPLETIONS.append((case.service.code, case.pk))
    case.result = {"done_by": actor.pk}
    case.save(update_fields=["result"])


IMMEDIATE = ServiceSpec(
    code="test.immediate", name="Test immediate service", domain="test", kind=Kind.IMMEDIATE,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}), complete=_complete,
)
TIMED = ServiceSpec(
    code="test.timed", name="Test time-limited service", domain="test", kind=Kind.TIME_LIMITED, limit=5,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK}), form=AmountForm, checks=_checks,
    complete=_complete, materials=(Material("id_card", "Identity card"), Material("form", "Application form")),
)
CALENDAR = ServiceSpec(
    code="test.calendar", name="Test calendar-day service", domain="test", kind=Kind.TIME_LIMITED, limit=60,
    limit_unit=LimitUnit.CALENDAR_DAYS, applicant=Applicant.BOTH, route_by="employer",
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}), complete=_complete,
)
EMPLOYER = ServiceSpec(
    code="test.employer", name="Test employer service", domain="test", kind=Kind.TIME_LIMITED, limit=3,
    applicant=Applicant.EMPLOYER, channels=frozenset({Channel.COUNTER, Channel.ONLINE}), complete=_complete,
)
ALL = (IMMEDIATE, TIMED, CALENDAR, EMPLOYER)
