"""The hall's screens: the dispenser prints tickets, the board shows calls and who is next, all without a login,
behind the hall's screen key, and without personal data."""

from datetime import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from freezegun import freeze_time

from counter.models import Appointment, AppointmentSlot, Ticket
from counter.services import (
    hall_screen_rotate,
    ticket_call_next,
    ticket_finish,
    ticket_identify,
    ticket_issue,
    ticket_recall,
    window_open,
)
from tests.counter.conftest import local
from tests.factories import StaffFactory
from workflow.models import ServiceType

pytestmark = pytest.mark.django_db


def token(hall):
    hall.hall_screen.refresh_from_db()
    return hall.hall_screen.token


def test_the_dispenser_prints_number_people_ahead_and_wait(client, hall, window2, users):
    with freeze_time(local(2026, 3, 10, 9)):
        served = ticket_issue(hall=hall)
        ticket_call_next(window=window2, actor=users["clerk"])
    with freeze_time(local(2026, 3, 10, 9, 10)):
        ticket_finish(ticket=served, actor=users["clerk"])  # 10 minutes handling
        for _ in range(3):
            ticket_issue(hall=hall)
        page = client.post(reverse("counter:dispenser-ticket", args=[token(hall)]),
                           {"category": "ordinary"}).content.decode()
    assert 'id="ticket-code">A005<' in page
    assert 'id="people-ahead">3<' in page
    assert "约30分钟" in page  # 3 ahead x 10 minutes, one open window


def test_the_printed_tickets_button_says_it_goes_back_to_the_start(client, hall):
    """The resident leaves with a ticket: nothing was done for them yet, so the button must not say "已办结"."""
    page = client.post(reverse("counter:dispenser-ticket", args=[token(hall)]), {"category": "ordinary"}).content
    button = page.decode().split('id="back-to-dispenser">')[1].split("</a>")[0]
    assert button == "返回首页"


def test_a_priority_ticket_goes_ahead_of_ordinary_ones(client, hall):
    ticket_issue(hall=hall)
    page = client.post(reverse("counter:dispenser-ticket", args=[token(hall)]),
                       {"category": "priority", "priority_reason": "elderly"}).content.decode()
    assert 'id="ticket-code">B001<' in page and 'id="people-ahead">0<' in page


def test_bad_dispenser_input_is_explained_and_prints_nothing(client, hall):
    url = reverse("counter:dispenser-ticket", args=[token(hall)])
    for data in ({"category": "priority"}, {"category": "vip"}, {"category": "appointment", "code": "xx"}):
        response = client.post(url, data)
        assert response.status_code == 200 and 'id="dispenser-error"' in response.content.decode()
    assert not Ticket.objects.exists()


def test_check_in_at_the_dispenser(client, hall, users, test_services):
    slot = AppointmentSlot.objects.create(hall=hall, date=local(2026, 3, 11, 9).date(), starts_at=time(9),
                                          ends_at=time(9, 30), capacity=1, booked=1)
    appointment = Appointment.objects.create(
        code="7K3M9QX2", slot=slot, service=ServiceType.objects.get(code="test.timed"), person=users["resident"].person,
        booked_by=users["resident"], booked_at=local(2026, 3, 9, 9))
    with freeze_time(local(2026, 3, 11, 8, 45)):
        page = client.post(reverse("counter:dispenser-ticket", args=[token(hall)]),
                           {"category": "appointment", "code": "7k3m-9qx2"}).content.decode()
    assert 'id="ticket-code">C001<' in page
    assert users["resident"].person.name not in page
    appointment.refresh_from_db()
    assert appointment.status == "checked_in"


def test_guessing_booking_codes_is_stopped(client, hall):
    url = reverse("counter:dispenser-ticket", args=[token(hall)])
    cache.clear()
    for _ in range(20):
        client.post(url, {"category": "appointment", "code": "ABCDEFGH"})
    page = client.post(url, {"category": "appointment", "code": "ABCDEFGH"}).content.decode()
    assert 'id="dispenser-error"' in page and "错误次数过多，请到咨询台咨询工作人员" in page
    assert client.post(url, {"category": "ordinary"}).status_code == 200  # ordinary numbers still print


def test_the_board_shows_the_latest_calls_and_who_is_next_and_updates_itself(client, hall, window2, users,
                                                                             hekou_person):
    first = ticket_issue(hall=hall)
    ticket_issue(hall=hall)
    ticket_issue(hall=hall)
    board_url = reverse("counter:board", args=[token(hall)])
    live_url = reverse("counter:board-live", args=[token(hall)])
    page = client.get(board_url).content.decode()
    assert 'hx-get="' + live_url + '"' in page and 'hx-trigger="every 1s"' in page
    assert "data-announce" not in page  # nothing called yet
    ticket_call_next(window=window2, actor=users["clerk"])
    live = client.get(live_url).content.decode()
    assert '<span class="code">A001</span>' in live and ("Window 2" in live or "窗口 2" in live)
    assert f'data-key="{first.pk}.0"' in live
    ticket_recall(ticket=first, actor=users["clerk"])
    assert f'data-key="{first.pk}.1"' in client.get(live_url).content.decode()  # a recall is announced again
    ticket_identify(ticket=first, actor=users["clerk"], person=hekou_person)
    live = client.get(live_url).content.decode()
    next_up = live.split('id="next-up"')[1]
    assert next_up.index("A002") < next_up.index("A003")
    # The board never shows who is served.
    assert hekou_person.name not in live and hekou_person.id_number[-4:] + "<" not in live


def test_the_board_shows_every_window(client, hall, window2, users):
    colleague = StaffFactory(office=hall, roles=["counter_clerk"])
    window5 = window_open(window=hall.windows.get(number=5), actor=colleague)
    ticket_issue(hall=hall)
    ticket_issue(hall=hall)
    ticket_call_next(window=window2, actor=users["clerk"])
    ticket_call_next(window=window5, actor=colleague)
    calls = client.get(reverse("counter:board-live", args=[token(hall)])).content.decode().split('id="latest-calls"')[1]
    assert calls.index("A002") < calls.index("A001")  # the latest first


def test_screens_need_the_current_key(client, hall, users):
    old = token(hall)
    for name in ("counter:dispenser", "counter:board", "counter:board-live"):
        assert client.get(reverse(name, args=[old])).status_code == 200
        assert client.get(reverse(name, args=["not-the-key"])).status_code == 404
    hall_screen_rotate(hall=hall, actor=users["leader"])
    assert client.get(reverse("counter:board", args=[old])).status_code == 404
    assert client.post(reverse("counter:dispenser-ticket", args=[old]), {"category": "ordinary"}).status_code == 404
    assert client.get(reverse("counter:board", args=[token(hall)])).status_code == 200


def test_the_screens_page_lists_every_terminal_of_the_hall_with_its_key(client, hall, users):
    from counter.models import HallScreen

    client.force_login(users["leader"])
    page = client.get(reverse("counter:screens")).content.decode()
    token = HallScreen.objects.get(hall=hall).token
    for name in ("counter:dispenser", "counter:board", "kiosk:home"):
        assert reverse(name, args=[token]) in page
