"""The employment demo: consistent with insurance's contributions, every kind of record, a second run changes
nothing."""

import pytest
from django.core.management import call_command

from employment.models import (
    BenefitClaim,
    DifficultyDetermination,
    FraudFlag,
    FraudReview,
    Payment,
    Prompt,
    StatusPeriod,
    SubsidyGrant,
)
from employment.rules.months import add_months, month_start
from employment.selectors import facts

pytestmark = pytest.mark.django_db

MODELS = (StatusPeriod, BenefitClaim, Payment, SubsidyGrant, DifficultyDetermination, Prompt, FraudFlag, FraudReview)


def _counts():
    return {m.__name__: m.objects.count() for m in MODELS}


def test_the_demo_twice_changes_nothing_and_agrees_with_insurance(demo):
    from django.utils import timezone

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first
    assert set(StatusPeriod.objects.filter(ended_on__isnull=True).values_list("kind", flat=True)) == {
        "employed", "flexible", "unemployed"}
    assert BenefitClaim.objects.filter(status="active").exists()
    assert Payment.objects.filter(item="benefit", status="paid").exists()
    assert set(SubsidyGrant.objects.values_list("fund", flat=True)) == {"ui_fund", "employment_fund", "startup_fund"}
    assert Payment.objects.filter(grant__isnull=False, status="paid").exists()
    assert DifficultyDetermination.objects.exists()
    assert Prompt.objects.filter(resolved_at__isnull=True, rule="employment.may_qualify_difficulty").exists()
    assert FraudReview.objects.filter(status="open", case__status="routed").count() == 1
    # Everyone registered as employed is paid for by that employer in the last two months (insurance's demo),
    # but the one who took a job while drawing benefit and registered it late (the fraud check's demo case).
    recent = add_months(month_start(timezone.localdate()), -2)
    employed = StatusPeriod.objects.filter(kind="employed", ended_on__isnull=True).exclude(
        person__fraud_flags__isnull=False).select_related("person")
    assert employed.count() > 100
    for period in employed[:40]:
        months = facts.employers_since(person=period.person, since=recent, until=timezone.localdate())
        assert period.employer_id in months, period
