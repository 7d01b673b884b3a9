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


# --- Each applicant is offered only what they may apply for (issue 11, item 18) ----------------------------

EMPLOYER_ONLY = ("单位批量申领社会保障卡", "职工参保登记", "工伤快报", "已缴费申报更正")


def _pensioner():
    from datetime import date
    from decimal import Decimal

    from accounts.services import resident_user_create, system_user
    from insurance.models import CarriedOverRecord
    from insurance.services import pension_grant
    from tests.factories import region

    person = PersonFactory(birth=date(1960, 3, 1), sex_code="M", hukou_region=region("370503001"))
    CarriedOverRecord.objects.create(person=person, through_month=date(2019, 12, 1), pension_months=360,
                                     average_index=Decimal("1.1"), account_balance=Decimal("90000"))
    pension_grant(person=person, actor=system_user(), retirement_date=date(2020, 3, 1), group="male")
    return resident_user_create(person=person, password="Dongying@2026")


def _business_choices(client) -> str:
    page = client.get(reverse("resident:appointment-book")).content.decode()
    return page.split('name="service"')[1].split("</select>")[0]


def test_the_booking_form_offers_a_resident_no_employer_business(resident_client):
    choices = _business_choices(resident_client)
    assert "社会保障卡申领" in choices and "失业保险金申领" in choices
    for name in EMPLOYER_ONLY:
        assert name not in choices, name


def test_the_booking_form_offers_a_pensioner_proof_of_life_not_unemployment_benefit_nor_subsidies(client):
    client.force_login(_pensioner())
    choices = _business_choices(client)
    assert "养老金领取资格认证（生存认证）" in choices
    for name in ("失业保险金申领", "职业培训补贴", "一次性创业补贴", "失业登记", "退休审批"):
        assert name not in choices, name


def test_booking_what_the_form_does_not_offer_is_refused(hall, day):
    from counter.exceptions import BookingError
    from counter.services import appointment_book
    from workflow.models import ServiceType

    user, open_slot = _pensioner(), slot(hall, day)
    for code in ("insurance.card_apply_batch", "employment.benefit"):
        with pytest.raises(BookingError):
            appointment_book(actor=user, person=user.person, slot=open_slot,
                             service=ServiceType.objects.get(code=code))
    assert not Appointment.objects.exists()
