"""The hall's business at a kiosk: a queue number (the dispenser's service), an appointment's check-in, and a
case checked by scanning its receipt (the public view of it: no personal data)."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.utils import timezone
from freezegun import freeze_time

from counter.models import Appointment, AppointmentSlot, Ticket
from tests.factories import PersonFactory
from tests.kiosk.conftest import identify, url

pytestmark = pytest.mark.django_db


def test_a_queue_number_without_identifying(client, key, hall):
    response = client.post(url("ticket", key), {"category": "ordinary"})
    assert response["Location"] == url("ticket-done", key)
    ticket = Ticket.objects.get(hall=hall)
    page = client.get(url("ticket-done", key)).content.decode()
    assert ticket.code in page and 'id="people-ahead"' in page
    client.post(url("ticket", key), {"category": "priority", "priority_reason": Ticket.PriorityReason.values[0]})
    assert Ticket.objects.filter(hall=hall, category="priority").count() == 1


def test_a_number_without_a_kind_is_refused_and_another_kiosk_s_number_is_not_shown(client, key, hall):
    response = client.post(url("ticket", key), {"category": "priority"})
    assert response.status_code == 400 and not Ticket.objects.exists()
    assert client.get(url("ticket-done", key))["Location"] == url("ticket", key)
    # A number taken at this hall's kiosk is not shown by another hall's kiosk in the same browser.
    from accounts.models import Office
    from counter.services import hall_screen_ensure

    assert client.post(url("ticket", key), {"category": "ordinary"}).status_code == 302
    assert client.get(url("ticket-done", key)).status_code == 200
    other = hall_screen_ensure(hall=Office.objects.get(code="HALL-370502")).token
    assert client.get(url("ticket-done", other))["Location"] == url("ticket", other)


def _slot_today(hall, person, service_code="insurance.statement") -> Appointment:
    from accounts.services import system_user
    from workflow.models import ServiceType

    slot = AppointmentSlot.objects.create(hall=hall, date=date(2026, 3, 3), starts_at=time(10), ends_at=time(10, 30),
                                          capacity=4, booked=1)
    return Appointment.objects.create(code="K7Q2M9XA", slot=slot, person=person, phone=person.phone,
                                      service=ServiceType.objects.get(code=service_code), booked_by=system_user(),
                                      booked_at=timezone.now())


def test_an_identified_person_checks_in_for_today_s_appointment_with_one_touch(client, key, hall, person):
    with freeze_time("2026-03-03 02:10:00"):  # 10:10 in Dongying
        appointment = _slot_today(hall, person)
        identify(client, key, person)
        page = client.get(url("ticket", key)).content.decode()
        assert f'id="check-in-{appointment.pk}"' in page
        client.post(url("ticket", key), {"category": "appointment", "code": appointment.code})
        ticket = Ticket.objects.get(hall=hall)
        assert (ticket.category, ticket.appointment) == ("appointment", appointment)
        appointment.refresh_from_db()
        assert appointment.status == "checked_in"
        assert 'id="my-appointments"' not in client.get(url("ticket", key)).content.decode()


def test_someone_else_s_appointment_is_not_offered(client, key, hall, person):
    with freeze_time("2026-03-03 02:10:00"):
        _slot_today(hall, PersonFactory())
        identify(client, key, person)
        assert 'id="my-appointments"' not in client.get(url("ticket", key)).content.decode()


def test_a_wrong_booking_code_is_told_clearly(client, key):
    response = client.post(url("ticket", key), {"category": "appointment", "code": "ZZZZZZZZ"})
    assert response.status_code == 400 and 'id="kiosk-error"' in response.content.decode()
    assert not Ticket.objects.exists()


def _case(person, hall, users):
    from workflow.models import Case, ServiceType
    from workflow.rules.codes import case_number, new_tracking_code
    from workflow.services import sequence_next

    today = timezone.localdate()
    return Case.objects.create(
        number=case_number(today, sequence_next(f"case:{today:%Y%m%d}")), tracking_code=new_tracking_code(),
        service=ServiceType.objects.get(code="insurance.statement"), person=person, channel="counter",
        accepted_office=hall, accepted_by=users["clerk"], status="completed", accepted_at=timezone.now())


def test_a_scanned_receipt_shows_the_case_without_personal_data(client, key, hall, person, users):
    from workflow.rules.codes import format_tracking_code

    case = _case(person, hall, users)
    scanned = format_tracking_code(case.tracking_code).lower()  # a scanner may type it in any case and grouping
    response = client.get(url("track", key), {"code": scanned})
    assert response["Location"] == url("track-detail", key, code=case.tracking_code)
    page = client.get(response["Location"]).content.decode()
    assert case.number in page and person.masked_name in page
    assert person.name not in page and person.id_number not in page and person.phone not in page


def test_an_unknown_code_is_not_found(client, key):
    response = client.get(url("track", key), {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert response.status_code == 404 and 'id="track-not-found"' in response.content.decode()
    assert client.get(url("track-detail", key, code="nothing")).status_code == 404


def test_lookups_are_rate_limited_but_showing_the_form_is_not(client, key, settings):
    settings.TRACKING_RATE_LIMIT = "3/m"
    for _attempt in range(3):
        assert client.get(url("track", key), {"code": "AAAA-BBBB-CCCC-DDDD"}).status_code == 404
    assert client.get(url("track", key), {"code": "AAAA-BBBB-CCCC-DDDD"}).status_code == 429
    assert client.get(url("track", key)).status_code == 200
