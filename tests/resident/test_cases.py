"""My cases: every case of mine from every channel with stage, countdown and timeline (staff numbers, never staff
names); another person's case does not exist for me; withdrawing before a decision."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import system_user
from workflow.models import Case
from workflow.registry import Channel, Kind, ServiceSpec, registry
from workflow.services import case_accept, case_approve, case_claim, case_request_supplement
from workflow.services.catalogue import service_types_sync

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("test_services")]

AMOUNT = {"amount": "100.00"}


@pytest.fixture
def exchange_service(test_services):
    """A business raised by data exchange or by the system (the API and sweeps), for the channel list."""
    spec = ServiceSpec(code="test.exchange", name="Test exchange service", domain="test", kind=Kind.IMMEDIATE,
                       channels=frozenset({Channel.API, Channel.SYSTEM}))
    registry.register(spec)
    service_types_sync()
    yield spec
    registry.unregister(spec.code)


def timed(actor, person, channel="counter"):
    return case_accept(service_code="test.timed", actor=actor, channel=channel, person=person, data=AMOUNT)


def test_my_cases_lists_every_channel(client, users, make_resident, exchange_service):
    user = make_resident()
    person = user.person
    counter = timed(users["clerk"], person)
    online = timed(user, person, "online")
    kiosk = timed(user, person, "kiosk")
    api = case_accept(service_code="test.exchange", actor=system_user(), channel="api", person=person)
    system = case_accept(service_code="test.exchange", actor=system_user(), channel="system", person=person)
    someone_else = timed(users["clerk"], users["resident"].person)
    client.force_login(user)
    page = client.get(reverse("resident:cases")).content.decode()
    for case in (counter, online, kiosk, api, system):
        assert reverse("resident:case-detail", args=[case.number]) in page
    assert someone_else.number not in page
    for label in ("窗口", "网上", "自助终端"):
        assert label in page
    open_only = client.get(reverse("resident:cases"), {"show": "open"}).content.decode()
    assert counter.number in open_only and api.number not in open_only  # completed at once


def test_the_case_page_shows_stage_countdown_and_a_timeline_without_staff_names(client, users, make_resident):
    user = make_resident()
    case = timed(users["clerk"], user.person)
    case_claim(case=case, actor=users["reviewer"])
    client.force_login(user)
    page = client.get(reverse("resident:case-detail", args=[case.number])).content.decode()
    assert case.formatted_tracking_code in page
    assert 'class="stage stage-current" aria-current="step"' in page and "审核中" in page
    assert "countdown" in page
    assert users["clerk"].staff_number in page and users["reviewer"].staff_number in page
    assert users["clerk"].last_name not in page and users["reviewer"].last_name not in page
    assert case.jurisdiction_office.name in page
    assert reverse("receipts:receipt", args=[case.number]) in page


def test_the_office_note_asking_for_material_is_shown(client, users, make_resident):
    user = make_resident()
    case = timed(users["clerk"], user.person)
    case_claim(case=case, actor=users["reviewer"])
    case_request_supplement(case=case, actor=users["reviewer"], materials=["form"], note="请补充签字页")
    client.force_login(user)
    page = client.get(reverse("resident:case-detail", args=[case.number])).content.decode()
    assert "请补充签字页" in page and 'id="material-requested"' in page and "申请表" in page


def test_another_persons_case_does_not_exist_for_me(client, users, make_resident):
    mine, theirs = make_resident(), make_resident()
    case = timed(users["clerk"], theirs.person)
    client.force_login(mine)
    assert client.get(reverse("resident:case-detail", args=[case.number])).status_code == 404
    assert client.post(reverse("resident:case-withdraw", args=[case.number]), {"confirm": "on"}).status_code == 404
    assert client.get(reverse("resident:apply-done", args=[case.number])).status_code == 404
    case.refresh_from_db()
    assert case.status == Case.Status.ROUTED


def test_i_withdraw_my_case_before_a_decision(client, users, make_resident):
    user = make_resident()
    case = timed(user, user.person, "online")
    client.force_login(user)
    url = reverse("resident:case-withdraw", args=[case.number])
    unconfirmed = client.post(url, {"note": "不需要了"}, follow=True).content.decode()
    assert "请勾选以确认撤回" in unconfirmed
    case.refresh_from_db()
    assert case.status == Case.Status.ROUTED
    client.post(url, {"note": "不需要了", "confirm": "on"})
    case.refresh_from_db()
    assert case.status == Case.Status.WITHDRAWN and case.events.filter(kind="withdrawn", actor=user).exists()


def test_a_decided_case_cannot_be_withdrawn(client, users, make_resident):
    user = make_resident()
    case = timed(users["clerk"], user.person)
    case_claim(case=case, actor=users["reviewer"])
    case_approve(case=case, actor=users["reviewer"])
    client.force_login(user)
    page = client.get(reverse("resident:case-detail", args=[case.number])).content.decode()
    assert 'id="withdraw"' not in page
    response = client.post(reverse("resident:case-withdraw", args=[case.number]), {"confirm": "on"}, follow=True)
    assert "此办件已不能在网上撤回" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.COMPLETED


def test_an_employers_filing_for_me_is_shown_but_not_withdrawn_by_me(client, users, make_resident, test_services):
    from tests.factories import EmployerFactory

    user = make_resident()
    employer = EmployerFactory()
    case = case_accept(service_code="test.calendar", actor=users["clerk"], channel="counter", person=user.person,
                       employer=employer)
    client.force_login(user)
    page = client.get(reverse("resident:case-detail", args=[case.number])).content.decode()
    assert case.number in page and 'id="withdraw"' not in page
    client.post(reverse("resident:case-withdraw", args=[case.number]), {"confirm": "on"})
    case.refresh_from_db()
    assert case.status == Case.Status.ROUTED
    # The service refuses it too, whoever calls it.
    from workflow.exceptions import NotAllowed
    from workflow.services import case_withdraw

    with pytest.raises(NotAllowed):
        case_withdraw(case=case, actor=user)
    case.refresh_from_db()
    assert case.status == Case.Status.ROUTED


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_and_the_case_page_make_the_same_queries_however_many_cases_and_steps(client, users, make_resident,
                                                                                   test_services):
    few, many = make_resident(), make_resident()
    small = timed(users["clerk"], few.person)
    big = timed(users["clerk"], many.person)
    for _ in range(25):
        timed(users["clerk"], many.person)
    case_claim(case=big, actor=users["reviewer"])
    for _ in range(6):
        case_request_supplement(case=big, actor=users["reviewer"], materials=["form"], note="again")
        from workflow.services import case_supplement_received

        case_supplement_received(case=big, actor=users["reviewer"])
    client.force_login(few)
    list_few, page_few = _queries(client, reverse("resident:cases")), _queries(
        client, reverse("resident:case-detail", args=[small.number]))
    client.force_login(many)
    list_many, page_many = _queries(client, reverse("resident:cases")), _queries(
        client, reverse("resident:case-detail", args=[big.number]))
    assert (list_few, page_few) == (list_many, page_many)
    assert list_many <= 12 and page_many <= 14
