"""The state machine: every allowed transition passes the gate; every forbidden one raises and changes nothing."""

import itertools

import pytest

from workflow.exceptions import InvalidTransition
from workflow.models import Case, CaseEvent
from workflow.rules.states import TRANSITIONS, Status
from workflow.services import case_accept, case_transition

pytestmark = pytest.mark.django_db
PAIRS = list(itertools.product(Status.values, Status.values))


@pytest.fixture
def case(test_services, users, demo):
    return case_accept(service_code="test.timed", actor=users["clerk"], channel="counter",
                       person=demo["persons"][1], data={"amount": "10"})


@pytest.mark.parametrize("current, target", PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_transition_table(case, users, current, target):
    Case.objects.filter(pk=case.pk).update(status=current)
    case.refresh_from_db()
    events = CaseEvent.objects.filter(case=case).count()
    if target in TRANSITIONS[current]:
        case_transition(case=case, to=target, actor=users["reviewer"])
        case.refresh_from_db()
        assert case.status == target
        last = CaseEvent.objects.filter(case=case).last()
        assert (last.from_status, last.to_status) == (current, target)
    else:
        with pytest.raises(InvalidTransition):
            case_transition(case=case, to=target, actor=users["reviewer"])
        case.refresh_from_db()
        assert case.status == current
        assert CaseEvent.objects.filter(case=case).count() == events


def test_final_states_have_no_way_out():
    for final in (Status.REJECTED, Status.COMPLETED, Status.WITHDRAWN):
        assert TRANSITIONS[final] == frozenset()


def test_the_timeline_is_append_only(case):
    event = case.events.first()
    event.note = "rewritten"
    with pytest.raises(ValueError):
        event.save()
