"""Fixtures of the insurance tests: insured employers and their employees."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import EmployerFactory, PersonFactory, region


@pytest.fixture
def system(db):
    from accounts.services import system_user

    return system_user()


def enrol(person, employer, *, start=date(2025, 1, 1), actor=None, types=None):
    from accounts.services import system_user
    from insurance.models import EMPLOYEE_TYPES
    from insurance.services import enrolment_start

    return enrolment_start(actor=actor or system_user(), person=person, employer=employer,
                           types=types or list(EMPLOYEE_TYPES), started_on=start)


def staff(employer, n: int, *, start=date(2025, 1, 1), **person_kwargs):
    """n persons insured through the employer from `start`."""
    persons = [PersonFactory(**person_kwargs) for _ in range(n)]
    for person in persons:
        enrol(person, employer, start=start)
    return persons


def rows_for(persons, wages):
    from insurance.services.uploads import WageRow

    return [WageRow(row=i, id_number=p.id_number, name=p.name, wage=str(w))
            for i, (p, w) in enumerate(zip(persons, wages, strict=True), start=1)]


@pytest.fixture
def employer(db):
    return EmployerFactory(region=region("370503"), contact_phone="13900000001")


@pytest.fixture
def D():
    return Decimal
