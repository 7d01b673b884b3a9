"""On PostgreSQL, with real threads and connections: three workers filing against one employer at the same
instant land in one wage matter."""

from __future__ import annotations

from datetime import date

import pytest

from labour.models import WageMatter
from tests.concurrency import run_concurrently
from tests.labour.helpers import file_online


@pytest.mark.django_db(transaction=True)
def test_workers_filing_at_once_make_one_matter(postgres, demo):
    from accounts.services import resident_user_create
    from tests.factories import EmployerFactory, PersonFactory, region

    employer = EmployerFactory(region=region("370502"))
    workers = [PersonFactory(phone=f"1390000001{n}") for n in range(3)]
    for person in workers:
        resident_user_create(person=person, password="Dongying@2026x")
    outcomes = run_concurrently([
        lambda p=p: file_online(p, employer, start=date(2025, 10, 1), end=date(2025, 12, 31)) for p in workers])
    assert all(o[0] == "ok" for o in outcomes), outcomes
    matters = WageMatter.objects.filter(employer=employer)
    assert matters.count() == 1 and matters.get().complaints.count() == 3
