"""On PostgreSQL, with real threads and connections: two bad ratings of one case through one channel at once (a
double tap on the pad, a link opened twice) make one rating and one rectification."""

import pytest

from tests.concurrency import run_concurrently
from tests.factories import PersonFactory, region
from workflow.exceptions import NotAllowed
from workflow.models import Case, Rating
from workflow.services import case_accept, case_approve, case_claim
from workflow.services.ratings import rating_give_case


@pytest.mark.django_db(transaction=True)
def test_two_ratings_at_once_through_one_channel_one_wins(postgres, test_services, users):
    person = PersonFactory(hukou_region=region("370503001"))
    for _ in range(3):
        case = case_accept(service_code="test.timed", actor=users["clerk"], channel="counter", person=person)
        case_claim(case=case, actor=users["reviewer"])
        case_approve(case=case, actor=users["reviewer"])
        case = Case.objects.select_related("service").get(pk=case.pk)
        outcomes = run_concurrently([lambda c=case: rating_give_case(case=c, channel="desk", score=1)
                                     for _ in range(4)])
        wins = [o for o in outcomes if o[0] == "ok"]
        assert len(wins) == 1, outcomes
        refused = [o[1] for o in outcomes if o[0] == "error"]
        assert all(isinstance(e, NotAllowed) and e.code == "rated" for e in refused), refused
        assert Rating.objects.filter(case=case).count() == 1
        assert Case.objects.filter(service__code="workflow.rectification", data__rating=wins[0][1].pk).count() == 1
