"""Claiming, asking for material, deciding, withdrawing: who may, and what each does to the clock."""

from datetime import datetime

import pytest
from freezegun import freeze_time

from tests.factories import PersonFactory, StaffFactory, region
from workflow.exceptions import InvalidTransition, NotAllowed
from workflow.models import CasePause, OutboundMessage
from workflow.rules.calendar import SHANGHAI
from workflow.rules.states import Status
from workflow.services import (
    case_accept,
    case_approve,
    case_assign,
    case_claim,
    case_reassign,
    case_reject,
    case_release,
    case_request_supplement,
    case_supplement_received,
    case_withdraw,
)

pytestmark = pytest.mark.django_db


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def case(test_services, users):
    person = PersonFactory(hukou_region=region("370503001"))
    with freeze_time(sh(2026, 3, 6, 10)):
        return case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)


def test_only_a_reviewer_of_the_deciding_office_claims(case, users):
    with pytest.raises(NotAllowed):
        case_claim(case=case, actor=users["reviewer2"])  # 东营区's reviewer
    with pytest.raises(NotAllowed):
        case_claim(case=case, actor=users["clerk"])
    claimed = case_claim(case=case, actor=users["reviewer"])
    assert claimed.status == Status.IN_REVIEW and claimed.reviewer == users["reviewer"]


def test_a_claimed_case_cannot_be_claimed_again(case, users):
    colleague = StaffFactory(office=users["reviewer"].office, roles=["reviewer"])
    case_claim(case=case, actor=users["reviewer"])
    with pytest.raises(InvalidTransition):
        case_claim(case=case, actor=colleague)
    case.refresh_from_db()
    assert case.reviewer == users["reviewer"]


def test_the_head_assigns_and_reviewers_release(case, users):
    case_assign(case=case, actor=users["head"], reviewer=users["reviewer"])
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW and case.reviewer == users["reviewer"]
    with pytest.raises(NotAllowed):  # only the deciding office's reviewers
        case_assign(case=case, actor=users["head"], reviewer=users["reviewer2"])
    case_release(case=case, actor=users["reviewer"])
    case.refresh_from_db()
    assert case.status == Status.ROUTED and case.reviewer is None


def test_supplement_pauses_the_clock_and_resuming_extends_the_deadline_exactly(case, users):
    assert case.deadline == sh(2026, 3, 13, 17)
    case_claim(case=case, actor=users["reviewer"])
    with freeze_time(sh(2026, 3, 9, 10)):
        case_request_supplement(case=case, actor=users["reviewer"], materials=["form"], note="缺申请表")
    case.refresh_from_db()
    assert case.status == Status.SUPPLEMENT_REQUESTED and case.next_step_at is None
    assert OutboundMessage.objects.filter(key=f"case:{case.pk}:supplement:1").exists()
    with freeze_time(sh(2026, 3, 11, 10)):  # two working days later, at any counter
        case_supplement_received(case=case, actor=users["clerk2"])
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
    assert case.deadline == sh(2026, 3, 17, 17)  # 16 working hours later
    assert case.materials_received == ["form"] and case.materials_missing == []
    pause = CasePause.objects.get(case=case)
    assert pause.extended_by_seconds == 16 * 3600


def test_approval_runs_the_completion_exactly_once(case, users, test_services):
    case_claim(case=case, actor=users["reviewer"])
    case_approve(case=case, actor=users["reviewer"], note="材料齐全")
    case.refresh_from_db()
    assert case.status == Status.COMPLETED and case.decided_at and case.closed_at
    assert test_services.COMPLETIONS == [("test.timed", case.pk)]
    with pytest.raises(InvalidTransition):
        case_approve(case=case, actor=users["reviewer"])
    assert test_services.COMPLETIONS == [("test.timed", case.pk)]
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds == ["accepted", "routed", "claimed", "approved", "completed"]
    assert OutboundMessage.objects.filter(key=f"case:{case.pk}:approved").exists()


def test_a_colleague_cannot_decide_a_case_in_someone_elses_review(case, users):
    colleague = StaffFactory(office=users["reviewer"].office, roles=["reviewer"])
    case_claim(case=case, actor=users["reviewer"])
    with pytest.raises(NotAllowed):
        case_approve(case=case, actor=colleague)
    case_approve(case=case, actor=users["head"])  # the head may


def test_rejection_needs_a_reason(case, users):
    case_claim(case=case, actor=users["reviewer"])
    with pytest.raises(NotAllowed):
        case_reject(case=case, actor=users["reviewer"], reason="  ")
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
    case_reject(case=case, actor=users["reviewer"], reason="不符合条件")
    case.refresh_from_db()
    assert case.status == Status.REJECTED and case.decision_note == "不符合条件"


def test_withdrawal_only_before_a_decision(case, users, test_services):
    person = case.person
    case_withdraw(case=case, actor=users["clerk2"], note="本人申请撤回")
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    decided = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
    case_claim(case=decided, actor=users["reviewer"])
    case_approve(case=decided, actor=users["reviewer"])
    with pytest.raises(InvalidTransition):
        case_withdraw(case=decided, actor=users["clerk"])


def test_the_head_sends_a_case_to_another_district(case, users):
    case_reassign(case=case, actor=users["head"], office=users["reviewer2"].office, note="户籍在东营区")
    case.refresh_from_db()
    assert case.jurisdiction_office == users["reviewer2"].office and case.status == Status.ROUTED
    with pytest.raises(NotAllowed):
        case_reassign(case=case, actor=users["head"], office=users["reviewer"].office)  # no longer theirs
