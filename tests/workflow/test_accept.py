"""Accepting cases: checks, immediate completion, routing to the applicant's district, deadlines, messages."""

from datetime import datetime

import pytest
from freezegun import freeze_time

from accounts.models import Office
from tests.factories import EmployerFactory, PersonFactory, region
from workflow.exceptions import NotAllowed, NotEligible
from workflow.models import Case, OutboundMessage, ServiceType
from workflow.rules.calendar import SHANGHAI
from workflow.rules.states import Status
from workflow.services import case_accept, case_check

pytestmark = pytest.mark.django_db


def hekou_person():
    return PersonFactory(hukou_region=region("370503001"), residence_region=region("370523001"))


def test_a_case_accepted_in_guangrao_for_a_hekou_person_lands_in_hekou(test_services, users):
    clerk = users["clerk"]
    assert clerk.office.code == "HALL-370523"  # 广饶县's hall
    case = case_accept(service_code="test.timed", actor=clerk, channel="counter", person=hekou_person(),
                       data={"amount": "5"}, materials=["id_card"])
    assert case.status == Status.ROUTED
    assert case.accepted_office.code == "HALL-370523"
    assert case.jurisdiction_office.code == "BACK-370503"
    assert [e.kind for e in case.events.all()] == ["accepted", "routed"]


def test_a_migrant_worker_is_routed_by_residence(test_services, users):
    person = PersonFactory(division="410102", hukou_region=region("410000"), residence_region=region("370522001"))
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
    assert case.jurisdiction_office.code == "BACK-370522"


def test_employer_services_route_by_registered_region(test_services, users):
    employer = EmployerFactory(region=region("370505"))
    case = case_accept(service_code="test.employer", actor=users["clerk2"], channel="counter", employer=employer)
    assert case.jurisdiction_office.code == "BACK-370505"


def test_an_immediate_case_completes_on_the_spot_exactly_once(test_services, users):
    case = case_accept(service_code="test.immediate", actor=users["clerk"], channel="counter",
                       person=hekou_person())
    assert case.status == Status.COMPLETED and case.closed_at is not None and case.deadline is None
    assert test_services.COMPLETIONS == [("test.immediate", case.pk)]


def test_blocking_checks_refuse_and_save_nothing(test_services, users):
    before = Case.objects.count()
    with pytest.raises(NotEligible) as exc:
        case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=hekou_person(),
                    data={"amount": "5000"})
    assert [c.code for c in exc.value.errors] == ["amount_limit"]
    assert Case.objects.count() == before and OutboundMessage.objects.count() == 0


def test_prompts_are_kept_on_the_case_and_shown_before_accepting(test_services, users):
    person = hekou_person()
    checks = case_check(service_code="test.timed", actor=users["clerk"], channel="counter", person=person,
                        data={"amount": "5"})
    assert [(c.code, c.passed, c.blocking) for c in checks] == [("amount_limit", True, True),
                                                                  ("hint", False, False)]
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person,
                       data={"amount": "5"})
    assert case.checks[1]["code"] == "hint" and case.checks[1]["suggests"] == "test.immediate"


def test_deadline_counts_the_service_limit_in_working_days(test_services, users):
    with freeze_time(datetime(2026, 2, 12, 10, tzinfo=SHANGHAI)):
        case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter",
                           person=hekou_person())
    assert case.deadline == datetime(2026, 2, 26, 17, tzinfo=SHANGHAI)
    assert case.next_step_at == datetime(2026, 2, 26, 9, tzinfo=SHANGHAI)  # remind one working day before


def test_the_limit_is_the_bureaus_to_edit(test_services, users):
    ServiceType.objects.filter(code="test.timed").update(limit=1)
    with freeze_time(datetime(2026, 3, 9, 10, tzinfo=SHANGHAI)):
        case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter",
                           person=hekou_person())
    assert case.deadline == datetime(2026, 3, 10, 17, tzinfo=SHANGHAI)


def test_calendar_day_services_count_calendar_days(test_services, users):
    employer = EmployerFactory(region=region("370522"))
    with freeze_time(datetime(2026, 1, 10, 10, tzinfo=SHANGHAI)):
        case = case_accept(service_code="test.calendar", actor=users["clerk"], channel="counter",
                           person=hekou_person(), employer=employer)
    assert case.deadline == datetime(2026, 3, 11, 17, tzinfo=SHANGHAI)
    assert case.jurisdiction_office.code == "BACK-370522"  # routed by the employer, as the service says


def test_case_numbers_run_per_day_and_codes_are_unique(test_services, users):
    with freeze_time(datetime(2026, 3, 9, 10, tzinfo=SHANGHAI)):
        first = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=hekou_person())
        second = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=hekou_person())
    assert first.number[:14] == "20260309000001" and second.number[:14] == "20260309000002"
    assert first.tracking_code != second.tracking_code


def test_the_applicant_gets_an_sms_with_the_tracking_code(test_services, users):
    person = hekou_person()
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
    message = OutboundMessage.objects.get(case=case)
    assert message.phone == person.phone and case.formatted_tracking_code in message.body
    assert message.key == f"case:{case.pk}:accepted"


def test_channels_and_actors_are_enforced(test_services, users):
    person = hekou_person()
    with pytest.raises(NotAllowed):  # a resident may apply online only for themselves
        case_accept(service_code="test.timed", actor=users["resident"], channel="online", person=person)
    with pytest.raises(NotAllowed):  # the immediate test service is not offered at kiosks
        case_accept(service_code="test.immediate", actor=users["resident"], channel="kiosk",
                    person=users["resident"].person)
    with pytest.raises(NotAllowed):  # a reviewer does not accept at a counter
        case_accept(service_code="test.timed", actor=users["reviewer"], channel="counter", person=person)
    own = case_accept(service_code="test.timed", actor=users["resident"], channel="online",
                      person=users["resident"].person)
    assert own.accepted_office is None and own.channel == "online"


def test_an_inactive_service_is_not_offered(test_services, users):
    ServiceType.objects.filter(code="test.timed").update(is_active=False)
    with pytest.raises(NotAllowed):
        case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=hekou_person())


def test_every_back_office_district_is_covered(demo):
    for county in ("370502", "370503", "370505", "370522", "370523"):
        assert Office.objects.filter(kind=Office.Kind.BACK_OFFICE, region__code=county).exists()


def test_a_case_the_system_opens_sends_no_application_sms(test_services, users):
    from accounts.services import system_user
    from workflow.registry import Channel, registry

    spec = registry.get("test.timed")
    registry.unregister("test.timed")
    registry.register(type(spec)(**{**spec.__dict__, "channels": spec.channels | {Channel.SYSTEM}}))
    try:
        case = case_accept(service_code="test.timed", actor=system_user(), channel=Channel.SYSTEM,
                           person=hekou_person())
    finally:
        registry.unregister("test.timed")
        registry.register(spec)
    assert case.status == Status.ROUTED and not OutboundMessage.objects.filter(case=case).exists()
