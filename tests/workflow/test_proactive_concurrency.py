"""On PostgreSQL, with real threads and connections: two schedulers or workers running the proactive finders at
the same moment open one retirement case and one offer for a person, and one SMS."""

import pytest
from freezegun import freeze_time

from tests.concurrency import run_concurrently
from tests.workflow.test_proactive import ON_THE_DAY, near_retirement


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_open_one_case(postgres, demo):
    from workflow.models import Case, OutboundMessage, ProactiveOffer
    from workflow.services.proactive import proactive_run

    persons = [near_retirement(phone=f"1370000{n:04d}") for n in range(3)]
    with freeze_time(ON_THE_DAY):
        outcomes = run_concurrently([proactive_run, proactive_run, proactive_run])
    assert all(o[0] == "ok" for o in outcomes), outcomes
    assert sum(o[1].offered for o in outcomes) == 3
    for person in persons:
        assert ProactiveOffer.objects.filter(person=person).count() == 1
        assert Case.objects.filter(person=person, service__code="insurance.retirement").count() == 1
        assert OutboundMessage.objects.filter(case__person=person).count() == 1
