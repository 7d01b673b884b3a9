"""Fixtures of the employment tests: a person with a working life behind them."""

from __future__ import annotations

import pytest


@pytest.fixture
def system(db):
    from accounts.services import system_user

    return system_user()


@pytest.fixture
def employer(db):
    from tests.factories import EmployerFactory

    return EmployerFactory()


@pytest.fixture
def person(db):
    """A woman of 36 registered in 河口区 (her cases go to 河口区's back office)."""
    from tests.employment.helpers import born_years_ago
    from tests.factories import PersonFactory

    return PersonFactory(birth=born_years_ago(36))


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English msgids (pages still render in Chinese by default)."""
    from django.utils import translation

    with translation.override("en"):
        yield
