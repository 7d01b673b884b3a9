"""Services of the tests' own, registered for a test and removed after it: workflow has no business of its own."""

from __future__ import annotations

from django import forms

from workflow.forms import ServiceForm
from workflow.registry import Applicant, Channel, Check, Kind, LimitUnit, Material, ServiceSpec, registry

COMPLETIONS: list[tuple[str, int]] = []
registry.register_domain("test", "测试业务")


class AmountForm(ServiceForm):
    amount = forms.DecimalField(label="金额", max_digits=10, decimal_places=2, min_value=0)


def _checks(application):
    amount = application.data.get("amount")
    yield Check(code="amount_limit", label="金额在限额内", passed=amount is None or float(amount) <= 1000,
                detail=f"金额 {amount}" if amount is not None else "未填金额", data={"amount": amount})
    yield Check(code="hint", label="一条提示", passed=False, blocking=False, suggests="test.immediate")


def _complete(*, case, actor):
    COMPLETIONS.append((case.service.code, case.pk))
    case.result = {"done_by": actor.pk}
    case.save(update_fields=["result"])


IMMEDIATE = ServiceSpec(
    code="test.immediate", name="测试即办业务", domain="test", kind=Kind.IMMEDIATE,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}), complete=_complete,
)
TIMED = ServiceSpec(
    code="test.timed", name="测试限时业务", domain="test", kind=Kind.TIME_LIMITED, limit=5,
    channels=frozenset({Channel.COUNTER, Channel.ONLINE, Channel.KIOSK}), form=AmountForm, checks=_checks,
    complete=_complete, materials=(Material("id_card", "居民身份证"), Material("form", "申请表")),
)
CALENDAR = ServiceSpec(
    code="test.calendar", name="测试自然日限时业务", domain="test", kind=Kind.TIME_LIMITED, limit=60,
    limit_unit=LimitUnit.CALENDAR_DAYS, applicant=Applicant.BOTH, route_by="employer",
    channels=frozenset({Channel.COUNTER, Channel.ONLINE}), complete=_complete,
)
EMPLOYER = ServiceSpec(
    code="test.employer", name="测试单位业务", domain="test", kind=Kind.TIME_LIMITED, limit=3,
    applicant=Applicant.EMPLOYER, channels=frozenset({Channel.COUNTER, Channel.ONLINE}), complete=_complete,
)
ALL = (IMMEDIATE, TIMED, CALENDAR, EMPLOYER)
