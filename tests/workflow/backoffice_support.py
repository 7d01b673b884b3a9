"""Helpers of the back-office tests: accept cases for 河口区's back office at a given time, count a page's queries."""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from tests.factories import PersonFactory, region
from workflow.rules.calendar import SHANGHAI
from workflow.services import case_accept, case_approve, case_claim, case_reject


def sh(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


# A Friday: a 5-working-day case accepted then is due on Friday 2026-03-13 at 17:00.
FRIDAY = sh(2026, 3, 6, 10)


def accept(users, *, at: datetime = FRIDAY, person=None, district: str = "370503001", clerk: str = "clerk",
           service: str = "test.timed", data: dict | None = None):
    person = person or PersonFactory(hukou_region=region(district), residence_region=region(district))
    with freeze_time(at):
        return case_accept(service_code=service, actor=users[clerk], channel="counter", person=person,
                           data={"amount": "100.00"} if data is None else data)


def decide(case, users, *, at: datetime, reviewer: str = "reviewer", approve: bool = True) -> None:
    """The reviewer claims the case and approves (or rejects) it at `at`."""
    with freeze_time(at):
        case_claim(case=case, actor=users[reviewer])
        if approve:
            case_approve(case=case, actor=users[reviewer])
        else:
            case_reject(case=case, actor=users[reviewer], reason="不符合条件")


def queries_of(client, url: str) -> tuple[int, object]:
    """How many queries a GET of the page makes (and the response)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), response
