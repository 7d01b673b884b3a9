"""Life events online (一件事): listed in the catalogue beside the services; a blocked service is named with why and
nothing is created; a sent form opens the bundle's receipt, and sending it again makes nothing more."""

from __future__ import annotations

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.services import resident_user_create
from tests.browser.support import PASSWORD
from tests.insurance.test_bundle_retirement import NOW, retiree
from workflow.models import Bundle, Case

pytestmark = pytest.mark.django_db
URL = reverse("resident:apply-bundle", args=["insurance.retirement_event"])


def test_the_catalogue_lists_the_life_events(resident_client):
    page = resident_client.get(reverse("resident:apply")).content.decode()
    for code in ("insurance.retirement_event", "employment.unemployment_event", "employment.business_event"):
        assert reverse("resident:apply-bundle", args=[code]) in page
    assert "退休一件事" in page and "一件事一次办" in page


def test_the_resident_is_told_which_service_stops_it_and_why_and_nothing_is_created(resident_client, resident):
    """The demo resident, a woman born in 1965, is years past her statutory retirement date."""
    page = resident_client.post(URL, {"f-retirement_date": "2026-05-15", "f-key": "a" * 32}).content.decode()
    problems = page.split('id="bundle-problems"')[1].split("</section>")[0]
    assert "<strong>退休审批</strong>" in problems and "超过法定退休日期三年以上" in problems
    assert "退休人员医保待遇核定" not in problems  # its own checks passed
    assert not Bundle.objects.exists() and not Case.objects.filter(person=resident.person).exists()


@freeze_time(NOW)
def test_a_sent_form_opens_the_receipt_and_a_second_sending_makes_nothing_more(client):
    person = retiree()
    client.force_login(resident_user_create(person=person, password=PASSWORD))
    form = client.get(URL).content.decode()
    key = form.split('name="f-key" value="')[1].split('"')[0]
    first = client.post(URL, {"f-retirement_date": "2026-05-15", "f-key": key})
    bundle = Bundle.objects.get(person=person)
    assert first["Location"] == reverse("receipts:bundle-receipt", args=[bundle.number])
    again = client.post(URL, {"f-retirement_date": "2026-05-15", "f-key": key})
    assert again["Location"] == first["Location"] and Case.objects.filter(person=person).count() == 2
    assert "paper-a4" in client.get(first["Location"]).content.decode()
