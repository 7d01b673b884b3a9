"""Fixtures of the hall's tests: 广饶县's hall with its windows and screens, and a person registered in 河口区."""

from __future__ import annotations

from datetime import datetime

import pytest

from accounts.models import Office
from counter.models import Window
from counter.services import hall_screen_ensure, window_open, windows_ensure
from tests.factories import PersonFactory, region


@pytest.fixture
def hall(demo) -> Office:
    """广饶县's hall, where the demo clerk works, with five windows and its screen key."""
    office = Office.objects.get(code="HALL-370523")
    windows_ensure(hall=office, count=5)
    hall_screen_ensure(hall=office)
    return office


@pytest.fixture
def other_hall(demo) -> Office:
    """东营区's hall, where clerk2 works."""
    office = Office.objects.get(code="HALL-370502")
    windows_ensure(hall=office, count=5)
    hall_screen_ensure(hall=office)
    return office


@pytest.fixture
def window2(hall, users) -> Window:
    """Window 2 of 广饶县's hall, the demo clerk signed in at it."""
    return window_open(window=Window.objects.get(hall=hall, number=2), actor=users["clerk"])


@pytest.fixture
def hekou_person():
    """A person registered (hukou) in 河口区, living in 广饶县."""
    return PersonFactory(hukou_region=region("370503001"), residence_region=region("370523001"))


def local(*args) -> datetime:
    from workflow.rules.calendar import SHANGHAI

    return datetime(*args, tzinfo=SHANGHAI)
