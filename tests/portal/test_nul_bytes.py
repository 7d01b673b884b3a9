"""A NUL byte in the address, a query parameter or a form field (which PostgreSQL cannot store nor compare) is
refused with the 400 page before any view reads it: never a 500 wherever a parameter reaches a query."""

import pytest

from tests.portal.test_error_pages import assert_chinese_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["today", "bookings", "stats", "slots"])
def test_a_nul_byte_in_a_hall_parameter_is_a_clear_400(client, users, page):
    client.force_login(users["leader"])
    body = assert_chinese_page(client.get(f"/hall/{page}/?hall=%00"), 400)
    assert "空字符" in body


@pytest.mark.parametrize("url", ["/track/?code=%00", "/cases/?filter=%00&page=%00", "/employment/benefits/?status=%00",
                                 "/employer/services/?employee=%00", "/me/cases/ABC%00/"])
def test_a_nul_byte_anywhere_in_the_address_is_refused_before_any_view(client, users, url):
    client.force_login(users["leader"])
    assert_chinese_page(client.get(url), 400)


def test_a_nul_byte_in_a_posted_field_changes_nothing(client, users):
    from workflow.models import Case

    client.force_login(users["employer_admin"])
    before = Case.objects.filter(status="withdrawn").count()
    response = client.post("/employer/cases/X/withdraw/", {"note": "a\x00b"})
    assert_chinese_page(response, 400)
    assert Case.objects.filter(status="withdrawn").count() == before


def test_the_api_gets_its_nul_refusal_in_json(client):
    response = client.get("/api/v1/schema/?x=%00")
    assert response.status_code == 400 and "NUL" in response.json()["detail"]
