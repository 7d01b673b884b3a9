"""An arbitration application through acceptance, a hearing appointment with its SMS, and the award; the 45-day
limit counted in calendar days and its 15-day extension with the chair's approval."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from freezegun import freeze_time

from labour import services
from tests.labour.helpers import apply_arbitration
from workflow.exceptions import InvalidTransition, NotAllowed
from workflow.models import OutboundMessage
from workflow.rules.calendar import SHANGHAI
from workflow.rules.states import Status

APPLIED = datetime(2026, 4, 30, 10, 0, tzinfo=SHANGHAI)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def application(employer, workers):
    with freeze_time(APPLIED):
        return apply_arbitration(workers[0], employer, arose=date(2026, 3, 1))


def test_goes_to_the_city_commission_with_five_calendar_days(application):
    case = application.case
    assert case.jurisdiction_office.code == "ARB-370500" and case.status == Status.ROUTED
    assert case.deadline == at(2026, 5, 5, 17, 0)  # calendar days: the May holiday is not skipped


def test_accept_hearing_with_sms_and_award(application, staff, workers):
    arbitrator = staff["arbitrator"]
    with freeze_time(at(2026, 5, 2, 10, 0)):
        with pytest.raises(InvalidTransition):  # no hearing before acceptance
            services.hearing_schedule(arbitration=application, actor=arbitrator, at=at(2026, 5, 20, 9, 0),
                                      place="第一仲裁庭")
        services.arbitration_accept(arbitration=application, actor=arbitrator)
        application.case.refresh_from_db()
        assert application.case.deadline == at(2026, 6, 16, 17, 0)  # 45 calendar days after 2 May
        with pytest.raises(NotAllowed):  # the hearing lies ahead
            services.hearing_schedule(arbitration=application, actor=arbitrator, at=at(2026, 5, 1, 9, 0),
                                      place="第一仲裁庭")
        hearing = services.hearing_schedule(arbitration=application, actor=arbitrator, at=at(2026, 5, 20, 9, 0),
                                            place="第一仲裁庭")
    sms = OutboundMessage.objects.get(key=f"labour:hearing:{hearing.pk}")
    assert sms.phone == workers[0].phone and sms.kind == "labour.hearing"
    assert "2026-05-20" in sms.body and "09:00" in sms.body and "第一仲裁庭" in sms.body
    with freeze_time(at(2026, 5, 25, 10, 0)):
        with pytest.raises(NotAllowed):
            services.arbitration_award(arbitration=application, actor=arbitrator, award="upheld", text=" ")
        services.arbitration_award(arbitration=application, actor=arbitrator, award="partly",
                                   text="裁决单位支付拖欠工资20000元")
    application.refresh_from_db()
    assert application.award == "partly" and application.case.status == Status.COMPLETED
    assert application.case.result == {"award": "partly"}


def test_extension_only_by_the_chair_once(application, staff):
    with freeze_time(at(2026, 5, 2, 10, 0)):
        services.arbitration_accept(arbitration=application, actor=staff["arbitrator"])
        with pytest.raises(NotAllowed):
            services.arbitration_extend(arbitration=application, actor=staff["arbitrator"], note="案情复杂")
        services.arbitration_extend(arbitration=application, actor=staff["arbitration-chair"], note="案情复杂")
        application.case.refresh_from_db()
        assert application.case.deadline == at(2026, 6, 16, 17, 0) + timedelta(days=15)
        with pytest.raises(InvalidTransition):
            services.arbitration_extend(arbitration=application, actor=staff["arbitration-chair"], note="再延")


def test_an_inspector_is_not_the_commission(application, staff):
    with pytest.raises(NotAllowed):
        services.arbitration_accept(arbitration=application, actor=staff["inspector02"])
