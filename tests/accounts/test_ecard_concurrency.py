"""On PostgreSQL, with real threads and connections: one e-card code shown to two windows at the same instant
identifies the person at one of them only; the other is told the code was used."""

from __future__ import annotations

import time

import pytest
from django.db import transaction

from accounts.ecard import ECardRefused, ecard_issue, ecard_redeem
from accounts.models import ECardUse
from tests.concurrency import run_concurrently
from tests.factories import PersonFactory, StaffFactory


@pytest.mark.django_db(transaction=True)
def test_the_same_code_at_two_windows_at_once_identifies_once(postgres, users):
    clerks = [users["clerk"], StaffFactory(office=users["clerk"].office, roles=["counter_clerk"])]
    for _ in range(5):
        person = PersonFactory()
        content = ecard_issue(person=person).content

        def scan(clerk, content=content):
            with transaction.atomic():  # as a request: the use is committed with the rest of the identify step
                found = ecard_redeem(content=content, actor=clerk, channel=ECardUse.Channel.COUNTER,
                                     office=clerk.office)
                time.sleep(0.2)  # hold the row: the other window waits on it, then finds it taken
                return found

        outcomes = run_concurrently([lambda c=c: scan(c) for c in clerks])
        identified = [result for kind, result in outcomes if kind == "ok"]
        refused = [result for kind, result in outcomes if kind == "error"]
        assert identified == [person], outcomes
        assert len(refused) == 1 and isinstance(refused[0], ECardRefused) and refused[0].code == "reused"
        assert ECardUse.objects.filter(person=person).count() == 1
