"""On PostgreSQL, with real threads and connections: two reviewers never both claim a case."""


import pytest

from tests.concurrency import run_concurrently
from tests.factories import PersonFactory, StaffFactory, region
from workflow.exceptions import InvalidTransition
from workflow.models import Case, CaseEvent
from workflow.services import case_accept, case_claim


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_claiming_at_once_one_wins(postgres, test_services, users):
    person = PersonFactory(hukou_region=region("370503001"))
    colleagues = [users["reviewer"]] + [StaffFactory(office=users["reviewer"].office, roles=["reviewer"])
                                        for _ in range(3)]
    for _ in range(5):
        case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
        outcomes = run_concurrently([lambda r=r, c=case: case_claim(case=c, actor=r) for r in colleagues])
        wins = [o for o in outcomes if o[0] == "ok"]
        assert len(wins) == 1
        assert all(isinstance(o[1], InvalidTransition) for o in outcomes if o[0] == "error")
        case = Case.objects.get(pk=case.pk)
        assert case.reviewer_id == wins[0][1].reviewer_id
        assert CaseEvent.objects.filter(case=case, kind="claimed").count() == 1
