"""The desk identifies a person by the QR code of their electronic social-security card, typed into the identify
box by a scanner: once, within its minute, recorded as such on the ticket; any other code is refused on the form
in Chinese and identifies no one. The desk's pages may use the camera (for the page's own reader); others not."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.ecard import ecard_issue
from accounts.models import ECardUse
from counter.models import Ticket
from counter.services import ticket_issue
from tests.factories import PersonFactory
from tests.support.text import visible_text

pytestmark = pytest.mark.django_db
STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture
def clerk_client(client, users):
    client.force_login(users["clerk"])
    return client


def serve_a_ticket(client, hall) -> Ticket:
    ticket_issue(hall=hall)
    client.post(reverse("counter:call-next"))
    return Ticket.objects.get(hall=hall)


def test_a_scanned_e_card_identifies_the_person_and_the_ticket_says_how(clerk_client, hall, window2, hekou_person,
                                                                        users):
    ticket = serve_a_ticket(clerk_client, hall)
    content = ecard_issue(person=hekou_person).content
    response = clerk_client.post(reverse("counter:identify"), {"number": content + "\r\n"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("counter:desk-subject", args=["person", hekou_person.pk])
    assert "已通过电子社保卡二维码核验身份" in visible_text(response.content)
    ticket.refresh_from_db()
    assert (ticket.person, ticket.identified_by, ticket.status) == (hekou_person, "ecard", "serving")
    use = ECardUse.objects.get()
    assert (use.person, use.used_by, use.office, use.ticket, use.channel) == (
        hekou_person, users["clerk"], hall, ticket.code, "counter")


def test_a_typed_number_is_recorded_as_typed(clerk_client, hall, window2, hekou_person):
    ticket = serve_a_ticket(clerk_client, hall)
    clerk_client.post(reverse("counter:identify"), {"number": hekou_person.id_number})
    ticket.refresh_from_db()
    assert ticket.identified_by == "number" and not ECardUse.objects.exists()


def test_the_same_code_again_is_refused_with_a_clear_message(clerk_client, hall, window2, hekou_person):
    content = ecard_issue(person=hekou_person).content
    clerk_client.post(reverse("counter:identify"), {"number": content})
    response = clerk_client.post(reverse("counter:identify"), {"number": content})
    assert response.status_code == 200
    assert "此电子社保卡二维码已使用过" in visible_text(response.content)
    assert ECardUse.objects.count() == 1


def test_an_expired_code_is_refused(clerk_client, hall, window2, hekou_person):
    ticket = serve_a_ticket(clerk_client, hall)
    shown = timezone.now()
    content = ecard_issue(person=hekou_person, now=shown).content
    with freeze_time(shown + timedelta(seconds=61)):
        response = clerk_client.post(reverse("counter:identify"), {"number": content})
    assert response.status_code == 200 and "此电子社保卡二维码已过期（有效期60秒）" in visible_text(response.content)
    ticket.refresh_from_db()
    assert ticket.person is None and not ECardUse.objects.exists()


@pytest.mark.parametrize("typed", [
    "DYECARD1:1.abc.1:forged", "dyecard1:" + "x" * 200, "DYECARD1:", "DYECARD1:\u4e00\u4e8c.三:四",
])
def test_a_forged_or_garbled_code_is_refused_never_a_500(clerk_client, hall, window2, typed):
    response = clerk_client.post(reverse("counter:identify"), {"number": typed})
    assert response.status_code == 200
    text = visible_text(response.content)
    assert "这不是有效的电子社保卡二维码" in text or "这不是电子社保卡二维码" in text
    assert not ECardUse.objects.exists()


def test_a_tampered_code_names_no_one(clerk_client, hall, window2, hekou_person):
    other = PersonFactory()
    content = ecard_issue(person=hekou_person).content.replace(f":{hekou_person.pk}.", f":{other.pk}.", 1)
    response = clerk_client.post(reverse("counter:identify"), {"number": content})
    assert "这不是有效的电子社保卡二维码" in visible_text(response.content)
    assert other.name not in response.content.decode() and hekou_person.name not in response.content.decode()


def test_the_desk_may_use_the_camera_and_serves_its_reader_locally(clerk_client, hall, window2, hekou_person):
    for url in (reverse("counter:desk"), reverse("counter:desk-subject", args=["person", hekou_person.pk])):
        response = clerk_client.get(url)
        assert "camera=(self)" in response["Permissions-Policy"] and "microphone=()" in response["Permissions-Policy"]
        page = response.content.decode()
        assert "/static/vendor/jsQR.js" in page and 'id="ecard-camera"' in page and "hidden" in page
    assert "camera=()" in clerk_client.get(reverse("portal:home"))["Permissions-Policy"]
    assert (STATIC / "vendor" / "jsQR.js").stat().st_size > 10_000
    assert "Apache License" in (STATIC / "vendor" / "jsQR.LICENSE").read_text()


def test_identifying_by_e_card_costs_a_few_queries(clerk_client, hall, window2, hekou_person,
                                                   django_assert_max_num_queries):
    serve_a_ticket(clerk_client, hall)
    content = ecard_issue(person=hekou_person).content
    with django_assert_max_num_queries(17):  # 13 statements and two savepoints
        response = clerk_client.post(reverse("counter:identify"), {"number": content})
    assert response.status_code == 302
    with django_assert_max_num_queries(14):
        clerk_client.post(reverse("counter:identify"), {"number": content})  # refused: the form again
