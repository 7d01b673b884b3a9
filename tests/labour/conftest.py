"""Fixtures of the labour tests: an employer of 东营区 (its inspection team: INSP-370502, inspector02 and
inspector-head), workers with phones and online logins, the commission's arbitrator and chair."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English msgids (pages still render in Chinese by default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def employer(demo):
    from tests.factories import EmployerFactory, region

    return EmployerFactory(region=region("370502"), contact_phone="13800000001")


@pytest.fixture
def workers(demo):
    """Two workers registered in 河口区 (their own back office is another district's: the complaint goes by the
    employer), each with an online login."""
    from accounts.services import resident_user_create
    from tests.factories import PersonFactory

    people = [PersonFactory(phone=f"1390000000{n}") for n in (1, 2)]
    for person in people:
        resident_user_create(person=person, password="Dongying@2026x")
    return people


@pytest.fixture
def staff(demo):
    from accounts.models import User

    names = ["inspector02", "inspector03", "inspector-head", "arbitrator", "arbitration-chair", "clerk", "reviewer2",
             "head2"]
    return {u.username: u for u in User.objects.select_related("office").filter(username__in=names)}
