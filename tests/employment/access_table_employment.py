"""Permission-table rows for employment's staff pages: a person's employment record, benefit recipients and their
payments, subsidy criteria and prompts (counter and back-office staff, the leadership), fraud flags (the back
office and the leadership), the fund report (office heads and the leadership), a bank's payment result (office
heads). A back office sees its own district only: another district's person is not found."""

from __future__ import annotations

from tests.architecture.access import Page

VIEW = ("clerk", "reviewer", "head", "leader")
OTHER_DISTRICT = {"reviewer": 404, "head": 404}


def _benefit(person, clerk):
    """An entitlement with one pending payment, written directly (the services are the tests' business)."""
    from decimal import Decimal

    from django.utils import timezone

    from employment.models import BenefitClaim, Payment
    from tests.workflow import testservices
    from workflow.models import ServiceType
    from workflow.registry import registry
    from workflow.services import case_accept
    from workflow.services.catalogue import service_types_sync

    if testservices.IMMEDIATE.code not in registry:  # stays registered for the session (as the counter's table)
        registry.register(testservices.IMMEDIATE)
    if not ServiceType.objects.filter(code=testservices.IMMEDIATE.code).exists():
        service_types_sync()
    case = case_accept(service_code=testservices.IMMEDIATE.code, actor=clerk, channel="counter", person=person)
    month = timezone.localdate().replace(day=1)
    claim = BenefitClaim.objects.create(
        person=person, case=case, separated_on=month, contribution_months=24, new_months=12, entitled_months=12,
        monthly_amount=Decimal("1980.00"), first_month=month, last_month=month.replace(year=month.year + 1),
        granted_by=clerk)
    payment = Payment.objects.create(reference=f"UBACCESS{claim.pk:08d}", item="benefit", person=person, claim=claim,
                                     month=month, amount=claim.monthly_amount, fund="ui_fund",
                                     created_at=timezone.now())
    return claim, payment


def context(ctx: dict) -> dict:
    hekou, hekou_payment = _benefit(ctx["person_hekou"], ctx["clerk"])
    dongying, dongying_payment = _benefit(ctx["person_dongying"], ctx["clerk2"])
    return {"claim_hekou": hekou, "claim_dongying": dongying, "payment_hekou": hekou_payment,
            "payment_dongying": dongying_payment}


_RESULT = {"method": "post", "ok": 302, "data": lambda ctx: {"status": "paid"}}

PAGES = [
    Page("employment:person", allow=VIEW, kwargs=lambda ctx: {"pk": ctx["person_hekou"].pk}),
    Page("employment:person", allow=VIEW, kwargs=lambda ctx: {"pk": ctx["person_dongying"].pk},
         overrides=OTHER_DISTRICT),
    Page("employment:benefit-list", allow=VIEW),
    Page("employment:benefit-detail", allow=VIEW, kwargs=lambda ctx: {"pk": ctx["claim_hekou"].pk}),
    Page("employment:benefit-detail", allow=VIEW, kwargs=lambda ctx: {"pk": ctx["claim_dongying"].pk},
         overrides=OTHER_DISTRICT),
    Page("employment:payment-result", allow=("head",),
         kwargs=lambda ctx: {"reference": ctx["payment_hekou"].reference}, **_RESULT),
    Page("employment:payment-result", allow=("head",),
         kwargs=lambda ctx: {"reference": ctx["payment_dongying"].reference}, overrides={"head": 404}, **_RESULT),
    Page("employment:subsidy-criteria", allow=VIEW),
    Page("employment:prompt-list", allow=VIEW),
    Page("employment:fraud-list", allow=("reviewer", "head", "leader")),
    Page("employment:fund-report", allow=("head", "leader")),
]
