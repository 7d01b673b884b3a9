"""Ratings (好差评): validation, one per case and channel, the rectification a bad one opens, its reply by SMS."""

from datetime import datetime

import pytest
from freezegun import freeze_time

from tests.factories import PersonFactory, region
from workflow.exceptions import InvalidTransition, NotAllowed
from workflow.models import Case, OutboundMessage, Rating
from workflow.rules.calendar import SHANGHAI
from workflow.rules.states import Status
from workflow.services import case_accept, case_approve, case_claim
from workflow.services.ratings import rating_give_case, rectification_record, rectification_reply

pytestmark = pytest.mark.django_db


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def completed(test_services, users):
    person = PersonFactory(hukou_region=region("370503001"), phone="13900001111")
    with freeze_time(sh(2026, 3, 2, 10)):
        case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
        case_claim(case=case, actor=users["reviewer"])
        case_approve(case=case, actor=users["reviewer"], note="材料齐全")
    case.refresh_from_db()
    return case


def test_the_completion_sms_carries_a_rating_link(completed):
    body = OutboundMessage.objects.get(key=f"case:{completed.pk}:approved").body
    assert "/ratings/sms/" in body


def test_a_good_rating_opens_nothing(completed, users):
    rating = rating_give_case(case=completed, channel="online", score=5)
    assert rating.office == completed.jurisdiction_office and rating.staff == users["reviewer"]
    assert rating.rectification is None and rating.person == completed.person


def test_a_bad_rating_opens_one_rectification_at_the_handling_office(completed, users):
    with freeze_time(sh(2026, 3, 6, 16)):  # a Friday: the reply is due at the close of Monday
        rating = rating_give_case(case=completed, channel="receipt", score=1, reasons=["attitude", "slow"],
                                  comment="等了很久")
    rectification = rating.rectification
    assert rectification.service.code == "workflow.rectification" and rectification.channel == "system"
    assert rectification.jurisdiction_office == completed.jurisdiction_office
    assert rectification.person == completed.person and rectification.status == Status.ROUTED
    assert rectification.deadline == sh(2026, 3, 9, 17)
    assert Case.objects.filter(service__code="workflow.rectification").count() == 1
    # Another channel's good rating of the same case opens nothing more.
    rating_give_case(case=completed, channel="online", score=4)
    assert Case.objects.filter(service__code="workflow.rectification").count() == 1


def test_rating_twice_through_one_channel_is_refused(completed):
    rating_give_case(case=completed, channel="sms", score=2)
    with pytest.raises(NotAllowed) as refused:
        rating_give_case(case=completed, channel="sms", score=5)
    assert "已" in refused.value.message or "already" in refused.value.message
    assert Rating.objects.filter(case=completed).count() == 1
    assert Case.objects.filter(service__code="workflow.rectification").count() == 1


@pytest.mark.parametrize("kwargs", [
    {"score": 0}, {"score": 6}, {"score": 3, "reasons": ["bribes"]}, {"score": 3, "comment": "长" * 301},
    {"score": 3, "reasons": ["attitude", "attitude"]},
])
def test_hostile_input_is_refused(completed, kwargs):
    with pytest.raises(NotAllowed):
        rating_give_case(case=completed, channel="online", **kwargs)
    assert not Rating.objects.exists()


def test_an_open_case_and_a_rectification_are_not_rated(completed, users, test_services):
    person = PersonFactory(hukou_region=region("370503001"))
    open_case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
    with pytest.raises(NotAllowed):
        rating_give_case(case=open_case, channel="online", score=5)
    rectification = rating_give_case(case=completed, channel="online", score=1).rectification
    rectification.status = Status.COMPLETED  # even once ended
    with pytest.raises(NotAllowed):
        rating_give_case(case=rectification, channel="online", score=5)


def test_reply_reaches_the_rater_by_sms_then_the_rectification_completes(completed, users):
    with freeze_time(sh(2026, 3, 6, 16)):
        rating = rating_give_case(case=completed, channel="online", score=2, reasons=["guide"])
    case = rating.rectification
    with pytest.raises(NotAllowed):
        rectification_reply(case=case, actor=users["reviewer2"], text="另一区")
    with pytest.raises(InvalidTransition):
        rectification_record(case=case, actor=users["reviewer"], text="先整改")
    with freeze_time(sh(2026, 3, 9, 9)):
        rectification_reply(case=case, actor=users["reviewer"], text="已核实，向您致歉，将修订办事指南。")
    sms = OutboundMessage.objects.get(key=f"rating:{rating.pk}:reply")
    assert sms.phone == "13900001111" and "修订办事指南" in sms.body and completed.number in sms.body
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW and case.deadline == sh(2026, 3, 27, 17)  # 15 working days
    with pytest.raises(InvalidTransition):
        rectification_reply(case=case, actor=users["reviewer"], text="再答复一次")
    rectification_record(case=case, actor=users["reviewer"], text="办事指南已修订并公示。")
    case.refresh_from_db()
    rating.refresh_from_db()
    assert case.status == Status.COMPLETED and rating.rectified_at is not None


def test_the_generic_approve_does_not_end_a_rectification(completed, users):
    case = rating_give_case(case=completed, channel="online", score=1).rectification
    case_claim(case=case, actor=users["reviewer"])
    with pytest.raises(NotAllowed):
        case_approve(case=case, actor=users["reviewer"])
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW
