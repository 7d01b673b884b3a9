"""A receipt carries, beside the Code 128 barcode for the halls' scanners, a QR code that a phone reads as the
address of the case's tracking page: on both papers, decoded from the page as rendered."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from tests.support.qr import decode_qr_svg, svgs_in
from workflow.services import case_accept

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("paper", ["80mm", "a4"])
def test_the_receipt_qr_decodes_to_the_tracking_page(test_services, users, client, paper):
    resident = users["resident"]
    case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=resident.person,
                       materials=["id_card", "form"])
    client.force_login(users["clerk"])
    html = client.get(reverse("receipts:receipt", args=[case.number]), {"format": paper}).content.decode()
    (svg,) = svgs_in(html, "receipt-qr")
    url = settings.SITE_URL + reverse("tracking:track-detail", kwargs={"code": case.tracking_code})
    assert decode_qr_svg(svg) == [url]
    assert 'class="barcode barcode-print"' in html  # the barcode stays
    assert "<title>" in svg and resident.person.id_number not in svg
    # The address it reads opens the public tracking page.
    client.logout()
    assert client.get(url.removeprefix(settings.SITE_URL)).status_code == 200
