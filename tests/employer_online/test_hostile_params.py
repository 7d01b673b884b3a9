"""?employee=<id> on a service page fills in the employee's identity number when the id is one of ours; anything
else (a superscript digit that str.isdigit() accepts, a 20-digit number, -1, full-width digits) fills in nothing,
never a 500."""

import pytest
from django.urls import reverse

from accounts.params import id_param
from tests.employer_online.helpers import hire

pytestmark = pytest.mark.django_db

URL = reverse("employer:service", args=["insurance.injury_report"])


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "-1", "１２", "abc", "", None, "1.5"])
def test_id_param_takes_only_ascii_digits_that_fit(value):
    assert id_param(value) is None


def test_id_param_reads_an_id():
    assert id_param("42") == 42


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "-1", "１２"])
def test_a_hostile_employee_id_fills_in_nothing(firm, client, value):
    client.force_login(firm["staff"])
    response = client.get(URL, {"employee": value})
    assert response.status_code == 200
    assert not response.context["person_form"]["id_number"].value()


def test_an_employee_of_ours_is_filled_in(firm, client):
    person = hire(firm["admin"]).person
    client.force_login(firm["staff"])
    response = client.get(URL, {"employee": person.pk})
    assert response.context["person_form"]["id_number"].value() == person.id_number
