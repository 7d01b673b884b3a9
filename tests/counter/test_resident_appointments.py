"""The resident's appointment pages: book a business at a hall and time, see the materials, cancel, move."""

from datetime import time

import pytest
from django.urls import reverse

from counter.models import Appointment, AppointmentSlot
from counter.selectors.appointments import bookable_days
from tests.factories import PersonFactory
from workflow.models import OutboundMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident_client(client, users):
    client.force_login(users["resident"])
    return client


@pytest.fixture
def day():
    return bookable_days()[0]


def slot(hall, day, start=time(9), capacity=2, booked=0):
    return AppointmentSlot.objects.create(hall=hall, date=day, starts_at=start,
                                          ends_at=time(start.hour, start.minute + 30), capacity=capacity, booked=booked)


def test_a_resident_books_sees_materials_and_gets_the_code(resident_client, hall, day, users, test_services):
    open_slot, full_slot = slot(hall, day), slot(hall, day, start=time(10), capacity=1, booked=1)
    page = resident_client.get(reverse("resident:appointment-book"),
                               {"service": "test.timed", "hall": hall.code, "day": day.isoformat()}).content.decode()
    assert "居民身份证" in page and "申请表" in page
    assert f'value="{open_slot.pk}"' in page and f'value="{full_slot.pk}"' in page
    assert page.count(" disabled>") == 1
    response = resident_client.post(reverse("resident:appointment-book"),
                                    {"slot": open_slot.pk, "service": "test.timed"})
    appointment = Appointment.objects.get(person=users["resident"].person)
    assert response["Location"] == reverse("resident:appointment-detail", args=[appointment.code])
    detail = resident_client.get(response["Location"]).content.decode()
    assert appointment.formatted_code in detail and hall.name in detail
    assert OutboundMessage.objects.filter(key=f"appointment:{appointment.pk}:booked").exists()
    listing = resident_client.get(reverse("resident:appointments")).content.decode()
    assert reverse("resident:appointment-detail", args=[appointment.code]) in listing


def test_a_full_slot_is_refused_with_a_message(resident_client, hall, day, test_services):
    full_slot = slot(hall, day, capacity=1, booked=1)
    response = resident_client.post(reverse("resident:appointment-book"),
                                    {"slot": full_slot.pk, "service": "test.timed"}, follow=True)
    assert response.status_code == 200 and not Appointment.objects.exists()
    assert len(list(response.context["messages"])) == 1


def test_bad_booking_input_is_not_a_server_error(resident_client, hall, day, test_services):
    assert resident_client.post(reverse("resident:appointment-book"), {"slot": "x"}).status_code == 404
    assert resident_client.post(reverse("resident:appointment-book"), {"slot": 999999}).status_code == 404
    response = resident_client.get(reverse("resident:appointment-book"), {"service": "nope", "hall": hall.code,
                                                                          "day": "2000-01-01"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def book_for(users, hall, day, person=None):
    from counter.services import appointment_book
    from workflow.models import ServiceType

    actor = users["resident"] if person is None else users["clerk"]
    return appointment_book(actor=actor, person=person or users["resident"].person, slot=slot(hall, day),
                            service=ServiceType.objects.get(code="test.timed"))


def test_cancel_and_move_from_the_pages(resident_client, hall, other_hall, day, users, test_services):
    appointment = book_for(users, hall, day)
    target = slot(other_hall, day, start=time(14))
    move_page = resident_client.get(reverse("resident:appointment-move", args=[appointment.code]),
                                    {"service": "test.timed", "hall": other_hall.code, "day": day.isoformat()})
    assert f'value="{target.pk}"' in move_page.content.decode()
    resident_client.post(reverse("resident:appointment-move", args=[appointment.code]), {"slot": target.pk})
    appointment.refresh_from_db()
    assert appointment.slot == target
    resident_client.post(reverse("resident:appointment-cancel", args=[appointment.code]))
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"


def test_someone_elses_appointment_is_not_found(resident_client, hall, day, users, test_services):
    theirs = book_for(users, hall, day, person=PersonFactory())
    for name, method in (("resident:appointment-detail", "get"), ("resident:appointment-move", "get"),
                         ("resident:appointment-cancel", "post")):
        assert getattr(resident_client, method)(reverse(name, args=[theirs.code])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "booked"


def test_the_resident_menu_leads_to_the_appointments(resident_client):
    page = resident_client.get(reverse("portal:resident-home")).content.decode()
    assert f'href="{reverse("resident:appointments")}"' in page
