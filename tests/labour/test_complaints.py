"""A wage complaint filed online by two workers against one employer: grouped into one matter, routed to the
inspection team of the employer's district with the legal acceptance deadline, answered by the employer online,
accepted, extended only with approval, concluded; escalated as any case when nobody acts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from freezegun import freeze_time

from labour import services
from labour.models import Complaint, WageMatter
from tests.labour.helpers import file_online
from workflow.exceptions import InvalidTransition, NotAllowed
from workflow.models import CaseEvent, CaseStep
from workflow.rules.calendar import SHANGHAI
from workflow.rules.escalation import WARN
from workflow.rules.states import Status
from workflow.services import escalation_sweep

FILED = datetime(2026, 4, 30, 10, 0, tzinfo=SHANGHAI)  # a Thursday before the May holiday (1–5 May)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def two(employer, workers):
    with freeze_time(FILED):
        first = file_online(workers[0], employer, start=date(2026, 1, 1), end=date(2026, 3, 31))
        second = file_online(workers[1], employer, start=date(2026, 3, 1), end=date(2026, 4, 20), amount="5200.50")
    return first, second


def test_two_workers_are_one_matter_at_the_employers_district_team(two, employer, staff):
    first, second = two
    assert first.matter_id == second.matter_id is not None
    matter = WageMatter.objects.get(pk=first.matter_id)
    assert (matter.period_from, matter.period_to) == (date(2026, 1, 1), date(2026, 4, 20))
    assert matter.office.code == "INSP-370502"
    assert first.case.jurisdiction_office == second.case.jurisdiction_office == matter.office
    assert first.case.person.hukou_region.code.startswith("370503")  # the worker's own district is another
    assert first.case.status == Status.ROUTED and second.amount == Decimal("5200.50")


def test_acceptance_deadline_is_five_working_days_over_the_may_holiday(two):
    # 1–5 May are days off, Saturday 9 May is worked: 6, 7, 8, 9 and 11 May.
    assert two[0].case.deadline == at(2026, 5, 11, 17, 0)


def test_a_later_complaint_not_overlapping_opens_another_matter(two, employer, workers):
    with freeze_time(FILED):
        third = file_online(workers[0], employer, start=date(2025, 1, 1), end=date(2025, 6, 30))
    assert third.matter_id != two[0].matter_id


def test_another_kind_of_complaint_is_not_a_wage_matter(employer, workers):
    with freeze_time(FILED):
        other = file_online(workers[0], employer, start=date(2026, 1, 1), end=date(2026, 3, 31), kind="contract",
                            amount="0")
    assert other.matter_id is None


def test_employer_answers_online_and_only_the_employer_named(two, employer, workers):
    from accounts.services import employer_user_create

    own = employer_user_create(actor=None, employer=employer, username="labour-emp", password="Dongying@2026x",
                               is_admin=True, name="经办")
    services.complaint_answer(complaint=two[0], actor=own, text="  本月底前支付  ")
    two[0].refresh_from_db()
    assert two[0].answer == "本月底前支付" and two[0].answered_by == own
    assert two[0].case.events.filter(kind=CaseEvent.Kind.NOTE).exists()
    from accounts.models import User

    other_employer = User.objects.get(username="employer")
    with pytest.raises(NotAllowed):
        services.complaint_answer(complaint=two[1], actor=other_employer, text="与我无关")
    with pytest.raises(NotAllowed):
        services.complaint_answer(complaint=two[1], actor=own, text="   ")


def test_accept_sets_the_conclusion_deadline_then_the_extension_needs_the_head(two, staff):
    complaint = two[0]
    with freeze_time(at(2026, 5, 6, 9, 30)):
        services.complaint_accept(complaint=complaint, actor=staff["inspector02"])
    complaint.refresh_from_db()
    case = complaint.case
    assert case.status == Status.IN_REVIEW and case.reviewer == staff["inspector02"]
    from workflow.services import work_calendar

    calendar = work_calendar()
    assert case.deadline == calendar.working_deadline(at(2026, 5, 6, 9, 30), 60)
    assert case.events.filter(kind=CaseEvent.Kind.DEADLINE_CHANGED).count() == 1
    with pytest.raises(InvalidTransition):
        services.complaint_accept(complaint=complaint, actor=staff["inspector02"])
    with freeze_time(at(2026, 6, 1, 10, 0)):
        with pytest.raises(NotAllowed):  # a reviewer is not the approving head
            services.complaint_extend(complaint=complaint, actor=staff["inspector02"], note="涉及人数多")
        with pytest.raises(NotAllowed):  # an approval says why
            services.complaint_extend(complaint=complaint, actor=staff["inspector-head"], note=" ")
        before = case.deadline
        services.complaint_extend(complaint=complaint, actor=staff["inspector-head"], note="涉及人数多")
        case.refresh_from_db()
        assert case.deadline == calendar.working_deadline(before, 30)
        with pytest.raises(InvalidTransition):  # once only
            services.complaint_extend(complaint=complaint, actor=staff["inspector-head"], note="再次延长")


def test_extension_refused_once_the_deadline_has_passed(two, staff):
    complaint = two[0]
    with freeze_time(at(2026, 5, 6, 9, 30)):
        services.complaint_accept(complaint=complaint, actor=staff["inspector02"])
    complaint.case.refresh_from_db()
    deadline = complaint.case.deadline
    with freeze_time(deadline):  # on the deadline itself: still in time
        services.complaint_extend(complaint=complaint, actor=staff["inspector-head"], note="案情复杂")
    second = two[1]
    with freeze_time(at(2026, 5, 6, 9, 30)):
        services.complaint_accept(complaint=second, actor=staff["inspector02"])
    second.case.refresh_from_db()
    with freeze_time(second.case.deadline + timedelta(seconds=1)), pytest.raises(InvalidTransition):
        services.complaint_extend(complaint=second, actor=staff["inspector-head"], note="案情复杂")


def test_conclude_records_the_outcome_and_closes_the_matter_with_the_last(two, staff):
    first, second = two
    with freeze_time(at(2026, 5, 6, 9, 30)):
        with pytest.raises(InvalidTransition):  # not before acceptance
            services.complaint_conclude(complaint=first, actor=staff["inspector02"], outcome="paid")
        services.complaint_accept(complaint=first, actor=staff["inspector02"])
        services.complaint_conclude(complaint=first, actor=staff["inspector02"], outcome="paid",
                                    recovered=Decimal("8000.00"))
        first.refresh_from_db()
        assert first.case.status == Status.COMPLETED and first.case.result["outcome"] == "paid"
        assert WageMatter.objects.get(pk=first.matter_id).status == WageMatter.Status.OPEN
        services.complaint_refuse(complaint=second, actor=staff["inspector02"], reason="已申请仲裁")
    second.refresh_from_db()
    assert second.case.status == Status.REJECTED
    assert WageMatter.objects.get(pk=first.matter_id).status == WageMatter.Status.CLOSED


def test_another_districts_inspector_may_not_decide(two, staff):
    with pytest.raises(NotAllowed):
        services.complaint_accept(complaint=two[0], actor=staff["inspector03"])
    with pytest.raises(NotAllowed):
        services.complaint_accept(complaint=two[0], actor=staff["reviewer2"])  # 东营区's back office, not the team


def test_nobody_accepting_escalates_as_any_case(two):
    deadline = two[0].case.deadline
    escalation_sweep(now=deadline)
    warned = CaseStep.objects.get(case=two[0].case, step=WARN)
    assert warned.target_office.code == "INSP-370502"


def test_outcome_must_be_a_known_one(two, staff):
    with freeze_time(at(2026, 5, 6, 9, 30)):
        services.complaint_accept(complaint=two[0], actor=staff["inspector02"])
        with pytest.raises(NotAllowed):
            services.complaint_conclude(complaint=two[0], actor=staff["inspector02"], outcome="<script>")
    assert Complaint.objects.get(pk=two[0].pk).outcome == ""


def test_the_case_pages_plain_approval_needs_the_outcome_first(two, staff):
    from workflow.services import case_approve, case_claim, case_reject

    case_claim(case=two[0].case, actor=staff["inspector02"])
    with pytest.raises(NotAllowed):
        case_approve(case=two[0].case, actor=staff["inspector02"])
    assert Complaint.objects.get(pk=two[0].pk).case.status == Status.IN_REVIEW
    # Rejecting both on the case page closes their matter as refusing them here does.
    case_reject(case=two[0].case, actor=staff["inspector02"], reason="不属于监察范围")
    services.complaint_refuse(complaint=two[1], actor=staff["inspector02"], reason="不属于监察范围")
    assert WageMatter.objects.get(pk=two[0].matter_id).status == WageMatter.Status.CLOSED


def test_any_counter_files_it_for_the_worker_and_it_goes_by_the_employer(employer, workers, staff):
    from labour.catalogue import COMPLAINT
    from tests.labour.helpers import complaint_data
    from workflow.services import case_accept

    clerk = staff["clerk"]  # 广饶县's hall
    with freeze_time(FILED):
        case = case_accept(service_code=COMPLAINT, actor=clerk, channel="counter", person=workers[0],
                           office=clerk.office, materials=["identity"],
                           data=complaint_data(employer, start=date(2026, 1, 1), end=date(2026, 3, 31)))
    assert case.accepted_office.code == "HALL-370523" and case.jurisdiction_office.code == "INSP-370502"
    assert case.labour_complaint.matter is not None
