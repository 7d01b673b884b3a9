"""Employers' filings online: the labour-contract filing is done on the spot; the special-working-hours approval is
time-limited, decided by the district's back office, and valid for the period of the rule table."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.services import employer_user_create
from labour.catalogue import CONTRACT_FILING, SPECIAL_HOURS
from labour.models import Filing
from workflow.exceptions import NotEligible
from workflow.rules.states import Status
from workflow.services import case_accept, case_approve, case_claim


@pytest.fixture
def employer_user(employer):
    return employer_user_create(actor=None, employer=employer, username="labour-filer", password="Dongying@2026x",
                                is_admin=True, name="经办")


def test_contract_filing_is_done_on_the_spot(employer, employer_user):
    today = timezone.localdate()
    case = case_accept(service_code=CONTRACT_FILING, actor=employer_user, channel="online", employer=employer,
                       data={"workers": 12, "contract_type": "fixed", "starts_on": today.isoformat()})
    assert case.status == Status.COMPLETED
    filing = Filing.objects.get(case=case)
    assert (filing.kind, filing.workers, filing.valid_to) == (Filing.Kind.CONTRACT, 12, None)


def test_special_hours_goes_to_the_back_office_and_is_valid_a_year(employer, employer_user, staff):
    starts = timezone.localdate() + timedelta(days=3)
    case = case_accept(service_code=SPECIAL_HOURS, actor=employer_user, channel="online", employer=employer,
                       data={"system": "comprehensive", "posts": "装卸工", "workers": 30,
                             "starts_on": starts.isoformat()})
    assert case.status == Status.ROUTED and case.jurisdiction_office.code == "BACK-370502"
    assert case.deadline is not None
    reviewer = staff["reviewer2"]
    case_claim(case=case, actor=reviewer)
    case_approve(case=case, actor=reviewer)
    filing = Filing.objects.get(case=case)
    assert filing.valid_to == starts + timedelta(days=364)


@pytest.mark.parametrize("data", [
    {"system": "comprehensive", "posts": "装卸工", "workers": 0, "starts_on": "2030-01-01"},
    {"system": "<script>", "posts": "装卸工", "workers": 3, "starts_on": "2030-01-01"},
    {"system": "flexible", "posts": "x" * 500, "workers": 3, "starts_on": "2030-01-01"},
    {"system": "flexible", "posts": "司机", "workers": 3, "starts_on": "2000-01-01"},
    {"system": "flexible", "posts": "司机", "workers": "1e9", "starts_on": "2030-01-01"},
])
def test_hostile_special_hours_data_is_refused_and_nothing_written(employer, employer_user, data):
    from workflow.models import Case

    before = Case.objects.count()
    with pytest.raises(NotEligible):
        case_accept(service_code=SPECIAL_HOURS, actor=employer_user, channel="online", employer=employer, data=data)
    assert Case.objects.count() == before


def test_a_case_whose_form_lost_its_workers_is_refused_with_a_message_not_a_crash(employer, employer_user, staff):
    from workflow.exceptions import NotAllowed
    from workflow.models import Case

    case = case_accept(service_code=SPECIAL_HOURS, actor=employer_user, channel="online", employer=employer,
                       data={"system": "comprehensive", "posts": "装卸工", "workers": 30,
                             "starts_on": (timezone.localdate() + timedelta(days=3)).isoformat()})
    Case.objects.filter(pk=case.pk).update(data={"system": "comprehensive"})  # e.g. imported from an old system
    reviewer = staff["reviewer2"]
    case = case_claim(case=Case.objects.get(pk=case.pk), actor=reviewer)
    with pytest.raises(NotAllowed, match="incomplete"):
        case_approve(case=case, actor=reviewer)
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW and not Filing.objects.filter(case=case).exists()
