"""Helpers of the employer online tests: reference figures, employers with logins, hires through the one form."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from django.utils import timezone

PASSWORD = "Dongying@2026"
TYPES = ["pension", "medical", "unemployment", "work_injury"]
_names = itertools.count(1)


def today() -> date:
    return timezone.localdate()


def this_month() -> date:
    return today().replace(day=1)


def employer_with_logins(*, district: str = "370503"):
    """A new employer with an administrator and a staff login: (employer, admin, staff)."""
    from accounts.services import employer_user_create
    from tests.factories import EmployerFactory, region

    employer = EmployerFactory(region=region(district))
    n = next(_names)
    admin = employer_user_create(actor=None, employer=employer, username=f"eo-admin-{n}-{employer.pk}",
                                 password=PASSWORD, is_admin=True, name="管理员")
    staff = employer_user_create(actor=None, employer=employer, username=f"eo-staff-{n}-{employer.pk}",
                                 password=PASSWORD, name="经办人")
    return employer, admin, staff


def hire(actor, *, person=None, wage="6000", start=None, types=None, **person_kwargs):
    """Register a hire through the one-form service (a new registry person unless one is given)."""
    from portal.employer.services import new_hire_register
    from tests.factories import PersonFactory

    person = person or PersonFactory(**person_kwargs)
    return new_hire_register(actor=actor, employer=actor.employer, id_number=person.id_number, name=person.name,
                             start=start or today(), wage=Decimal(wage), types=types or TYPES,
                             contract="open_ended", position="")


def draft(actor, persons, wages=None, *, month=None):
    """The month saved as a draft by the employer's user."""
    from insurance.services import declaration_submit
    from insurance.services.uploads import WageRow

    wages = wages or ["6000"] * len(persons)
    rows = [WageRow(row=i, id_number=p.id_number, name=p.name, wage=str(w))
            for i, (p, w) in enumerate(zip(persons, wages, strict=True), start=1)]
    return declaration_submit(employer=actor.employer, month=month or this_month(), rows=rows, actor=actor,
                              channel="online", declare=False)


def world(admin) -> dict:
    """An employer's objects for the pages that take an id: an employee, a colleague, a declaration, a case."""
    from accounts.services import employer_user_create

    outcome = hire(admin)
    colleague = employer_user_create(actor=None, employer=admin.employer,
                                     username=f"eo-colleague-{next(_names)}-{admin.employer_id}", password=PASSWORD)
    declaration = draft(admin, [outcome.person])
    return {"employee": outcome.person, "colleague": colleague, "declaration": declaration,
            "case": outcome.cases[0]}
