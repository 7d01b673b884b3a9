"""The unseen warnings and escalations on the head's board: the newest 50 of those to the head by name and to the
office, read as two bounded lists and merged (the same rows as one query over all of them), a step to both listed
once, and a count that stops past its cap and says so ("1000+"), however large the backlog nobody acknowledges."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.text import visible_text
from tests.workflow.backoffice_support import accept, sh
from tests.workflow.test_backoffice_board import BOARD, get
from workflow.models import Case, CaseStep
from workflow.selectors.backoffice import alerts_for, open_alerts

pytestmark = pytest.mark.django_db

NOW = sh(2026, 3, 12, 10)


@pytest.fixture
def steps(users, test_services):
    """130 cases with a step each, interleaved in time: to the head's office, to the head by name, to both, to
    another office, seen already, and reminders (level 0) to the head; several at the same moment."""
    template = accept(users)
    head, office = users["head"], users["head"].office_id
    other = users["head2"].office_id
    cases = Case.objects.bulk_create([
        Case(number=f"A{n:014d}", tracking_code=f"ALR{n:013d}", service_id=template.service_id,
             person_id=template.person_id, channel=template.channel, accepted_office_id=template.accepted_office_id,
             accepted_by_id=template.accepted_by_id, jurisdiction_office_id=office, status="routed",
             accepted_at=sh(2026, 1, 5), deadline=sh(2026, 2, 1)) for n in range(130)])
    shapes = [(office, None, 1, None), (None, head.pk, 2, None), (office, head.pk, 1, None), (other, None, 1, None),
              (office, None, 1, NOW), (None, head.pk, 0, None), (office, None, 3, None)]
    rows = []
    for n, case in enumerate(cases):
        target_office, target_user, level, seen = shapes[n % len(shapes)]
        done = sh(2026, 2, 1) + timedelta(hours=n // 3)  # three steps share each moment
        rows.append(CaseStep(case=case, step="warn", level=level, due_at=done, done_at=done, acknowledged_at=seen,
                             target_office_id=target_office, target_user_id=target_user))
    return CaseStep.objects.bulk_create(rows)


def _one_query(user, limit=50):
    """What the board listed before: one query over all of the user's unseen alerts."""
    alerts = alerts_for(user=user).filter(acknowledged_at__isnull=True, level__gte=1)
    return list(alerts.order_by("-done_at", "-pk")[:limit]), alerts.count()


@pytest.mark.parametrize("limit", [1, 7, 50, 200])
def test_the_newest_are_those_of_one_query_over_all(users, steps, limit):
    rows, count = open_alerts(user=users["head"], limit=limit)
    expected, total = _one_query(users["head"], limit)
    assert [r.pk for r in rows] == [r.pk for r in expected] and count == total
    assert len({r.pk for r in rows}) == len(rows)  # a step to the head and to the office: once
    assert 0 < total < 130


def test_a_reviewer_sees_only_what_is_addressed_to_them(users, steps):
    CaseStep.objects.filter(target_user=users["head"]).update(target_user=users["reviewer"])
    rows, count = open_alerts(user=users["reviewer"])
    expected, total = _one_query(users["reviewer"])
    assert [r.pk for r in rows] == [r.pk for r in expected] and count == total
    assert all(r.target_user_id == users["reviewer"].pk for r in rows)


def test_past_the_cap_the_count_stops_and_the_page_says_so(client, users, steps, monkeypatch):
    monkeypatch.setattr("workflow.selectors.backoffice.stats.ALERT_COUNT_CAP", 60)
    assert open_alerts(user=users["head"])[1] == 61  # counted up to the cap and one more: "more than 60"
    text = visible_text(get(client, users["head"], BOARD).content)
    assert "本科室收到的预警和督办 60+" in text and "显示最近50条，共60+条" in text


def test_under_the_cap_the_page_gives_the_exact_count(client, users, steps):
    total = _one_query(users["head"])[1]
    text = visible_text(get(client, users["head"], BOARD).content)
    assert f"本科室收到的预警和督办 {total} " in text and f"显示最近50条，共{total}条" in text
