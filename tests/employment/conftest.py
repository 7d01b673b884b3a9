"""Fixtures of the employment tests: the rule tables, and a person with a working life behind them."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def reference(db):
    """The seeded rule tables of employment and insurance (a transactional test's flush removes what the
    data migrations loaded)."""
    from employment.models import SubsidyRule
    from employment.reference import load_reference
    from insurance.models import ContributionRate
    from insurance.reference import load_reference as load_insurance

    if not SubsidyRule.objects.exists():
        load_reference()
    if not ContributionRate.objects.exists():
        load_insurance()


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
