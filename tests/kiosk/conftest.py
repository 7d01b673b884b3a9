"""Fixtures of the kiosk tests: a hall's kiosk, people to identify on it, and the identification itself."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import sent_code


@pytest.fixture
def hall(demo):
    from accounts.models import Office

    return Office.objects.get(code="HALL-370523")  # 广饶县人社服务大厅


@pytest.fixture
def key(hall) -> str:
    from counter.services import hall_screen_ensure

    return hall_screen_ensure(hall=hall).token


@pytest.fixture
def person(demo):
    from tests.factories import PersonFactory

    return PersonFactory(phone="13912345678")


@pytest.fixture
def pensioner(demo):
    from accounts.services import system_user
    from insurance.models import CarriedOverRecord
    from insurance.services import pension_grant
    from tests.factories import PersonFactory

    person = PersonFactory(birth=date(1960, 3, 1), sex_code="M", phone="13800000009")
    CarriedOverRecord.objects.create(person=person, through_month=date(2019, 12, 1), pension_months=360,
                                     average_index=Decimal("1.1"), account_balance=Decimal("90000"))
    pension_grant(person=person, actor=system_user(), retirement_date=date(2020, 3, 1), group="male")
    return person


def url(name: str, key: str, **kwargs) -> str:
    return reverse(f"kiosk:{name}", kwargs={"token": key, **kwargs})


def identify(client, key: str, person) -> None:
    """Type the identity number, then the code the SMS brought: the person is identified on the kiosk."""
    response = client.post(url("identify", key), {"id_number": person.id_number})
    assert response.status_code == 302, response.content.decode()
    response = client.post(url("code", key), {"code": sent_code(person)})
    assert response.status_code == 302 and response["Location"] == url("home", key)
