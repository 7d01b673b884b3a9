"""The resident's home page: what needs doing, open cases (those waiting for me first), the next appointment."""

from __future__ import annotations

from datetime import time

import pytest
from django.urls import reverse

from accounts.models import Office
from counter.models import AppointmentSlot
from counter.selectors.appointments import bookable_days
from counter.services import appointment_book
from workflow.models import ServiceType
from workflow.services import case_accept, case_claim, case_request_supplement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("test_services")]


def test_home_shows_open_cases_waiting_for_me_first_and_the_next_appointment(client, users, make_resident):
    user = make_resident()
    plain = case_accept(service_code="test.timed", actor=user, channel="online", person=user.person,
                        data={"amount": "1.00"})
    waiting = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=user.person,
                          data={"amount": "2.00"})
    case_claim(case=waiting, actor=users["reviewer"])
    case_request_supplement(case=waiting, actor=users["reviewer"], materials=["form"])
    done = case_accept(service_code="test.immediate", actor=user, channel="online", person=user.person)
    slot = AppointmentSlot.objects.create(hall=Office.objects.get(code="HALL-370523"), date=bookable_days()[0],
                                          starts_at=time(9), ends_at=time(9, 30), capacity=3)
    appointment_book(actor=user, person=user.person, slot=slot, service=ServiceType.objects.get(code="test.timed"))
    client.force_login(user)
    page = client.get(reverse("portal:resident-home")).content.decode()
    cases = page.split('id="open-cases"')[1].split("</ul>")[0]
    assert cases.index(waiting.number) < cases.index(plain.number) and done.number not in cases
    assert "经办机构正在等待您补充材料" in cases
    assert 'id="next-appointment"' in page and f"{slot.date:%Y-%m-%d} 09:00" in page
    for name in ("resident:apply", "resident:records", "resident:cases", "resident:statement"):
        assert reverse(name) in page


def test_the_menu_offers_every_part_of_the_service(client, make_resident):
    client.force_login(make_resident())
    page = client.get(reverse("portal:resident-home")).content.decode()
    nav = page.split('class="site-nav"')[1].split("</nav>")[0]
    for name in ("portal:resident-home", "resident:records", "resident:cases", "resident:apply",
                 "resident:appointments", "resident:statement"):
        assert f'href="{reverse(name)}"' in nav
