"""A life event (一件事) at the clerk's desk: the one form for the identified person, every case accepted at once
and kept on the ticket served, the bundle's receipt; a blocked service shows what stops it and creates nothing."""

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tests.insurance.test_bundle_retirement import NOW, retiree
from workflow.models import Bundle, Case

pytestmark = pytest.mark.django_db


def _post(client, person, retirement_date, key="k1"):
    url = reverse("counter:desk-bundle", args=[person.pk, "insurance.retirement_event"])
    return client.post(url, {"f-retirement_date": retirement_date, "f-female_group": "", "f-key": key})


@freeze_time(NOW)
def test_the_clerk_accepts_the_retirement_life_event_and_prints_its_receipt(users, client):
    person = retiree()
    client.force_login(users["clerk"])
    page = client.get(reverse("counter:desk-subject", args=["person", person.pk])).content.decode()
    assert reverse("counter:desk-bundle", args=[person.pk, "insurance.retirement_event"]) in page
    form = client.get(reverse("counter:desk-bundle", args=[person.pk, "insurance.retirement_event"]))
    assert form.content.decode().count('name="f-retirement_date"') == 1  # asked once for both services
    response = _post(client, person, "2026-05-15")
    bundle = Bundle.objects.get(person=person)
    assert response.status_code == 302 and response["Location"] == reverse("receipts:bundle-receipt",
                                                                          args=[bundle.number])
    assert bundle.channel == "counter" and bundle.office == users["clerk"].office
    assert Case.objects.filter(bundle_link__bundle=bundle).count() == 2
    receipt = client.get(response["Location"]).content.decode()
    assert bundle.formatted_tracking_code in receipt and "paper-80mm" in receipt
    _post(client, person, "2026-05-15")  # the same form sent again: nothing more
    assert Bundle.objects.filter(person=person).count() == 1 and Case.objects.filter(person=person).count() == 2


@freeze_time(NOW)
def test_a_blocked_service_is_named_on_the_form_and_nothing_is_created(users, client):
    person = retiree()
    client.force_login(users["clerk"])
    page = _post(client, person, "2025-12-31", key="k2").content.decode()
    assert 'id="bundle-problems"' in page and "退休审批" in page
    assert not Bundle.objects.exists() and not Case.objects.filter(person=person).exists()
