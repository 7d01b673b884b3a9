"""The resident's e-card page: a QR code that decodes to a code identifying them (not their identity number),
a new one every time the page asks, a countdown, and a clear word instead of a code for a deceased person."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from accounts import ecard
from accounts.ecard import ecard_read, ecard_redeem
from accounts.models import ECardUse
from tests.support.qr import decode_qr_svg, svgs_in
from tests.support.text import visible_text

pytestmark = pytest.mark.django_db


def code_on(html: str) -> str:
    (svg,) = svgs_in(html, "ecard-qr")
    (content,) = decode_qr_svg(svg)
    return content


def test_the_page_shows_a_qr_code_of_the_residents_own_card(resident_client, resident, users):
    response = resident_client.get(reverse("resident:ecard"))
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    content = code_on(html)
    person = resident.person
    assert content.startswith(ecard.PREFIX) and person.id_number not in content
    assert ecard_read(content)[0] == person.pk
    text = visible_text(html)
    assert "我的电子社保卡" in text and "还剩 60 秒有效" in text and person.masked_id_number in text
    assert 'hx-trigger="every 50s, ecard-refresh"' in html and reverse("resident:ecard-code") in html
    assert "/static/portal/ecard.js" in html
    # The code it shows identifies the resident at a window.
    assert ecard_redeem(content=content, actor=users["clerk"], channel=ECardUse.Channel.COUNTER) == person


def test_each_refresh_is_a_new_code(resident_client, resident):
    first = code_on(resident_client.get(reverse("resident:ecard")).content.decode())
    fragment = resident_client.get(reverse("resident:ecard-code"), HTTP_HX_REQUEST="true").content.decode()
    second = code_on(fragment)
    assert first != second and ecard_read(first)[0] == ecard_read(second)[0] == resident.person.pk
    assert "<html" not in fragment


def test_the_pages_cost_a_few_queries(resident_client, django_assert_max_num_queries):
    resident_client.get(reverse("resident:ecard"))
    with django_assert_max_num_queries(8):
        resident_client.get(reverse("resident:ecard"))
    with django_assert_max_num_queries(6):
        resident_client.get(reverse("resident:ecard-code"))


def test_a_deceased_person_is_shown_why_and_no_code(resident_client, resident):
    resident.person.date_of_death = date(2026, 1, 1)
    resident.person.save()
    html = resident_client.get(reverse("resident:ecard")).content.decode()
    assert not svgs_in(html, "ecard-qr") and "此人已登记死亡" in visible_text(html)


def test_the_home_page_and_menu_lead_to_the_card(resident_client):
    html = resident_client.get(reverse("portal:resident-home")).content.decode()
    assert html.count(f'href="{reverse("resident:ecard")}"') >= 2  # the menu and the shortcut
