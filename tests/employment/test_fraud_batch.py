"""The fraud sweep opens its review cases in batches: the queries do not grow with the number of reviews, and each
review comes out as one opened alone would (its case routed to the person's district with its timeline, the
benefit suspended, the person's prompt); a batch that cannot open is opened one review at a time."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from employment.models import BenefitClaim, FraudFlag, FraudReview, Payment, Prompt
from employment.services import fraud_flag, payment_result_record
from employment.services.fraud import fraud_reviews_open
from tests.employment.helpers import apply, approve, born_years_ago, pay, this_month, working_life
from tests.factories import EmployerFactory, PersonFactory, region
from workflow.models import CaseEvent

ACCOUNT = "6222020200112233445"
DISTRICTS = {"370503001": "BACK-370503", "370502001": "BACK-370502"}  # 河口区, 东营区


def drawing_and_working(users, system, n: int, *, start: int = 0) -> list[BenefitClaim]:
    """n persons drawing benefit (this month's paid) for whom a new employer paid this month: flagged, no review
    yet. Their districts alternate between 河口区 and 东营区."""
    claims, other = [], EmployerFactory()
    for i in range(start, start + n):
        district = list(DISTRICTS)[i % 2]
        person = PersonFactory(birth=born_years_ago(36, days=i), hukou_region=region(district),
                               residence_region=region(district))
        working_life(person, EmployerFactory(), actor=system, years=3)
        case = apply("employment.benefit", actor=users["clerk"], person=person, bank_account=ACCOUNT, bank="农业银行")
        claim = BenefitClaim.objects.get(case=approve(case, users[("reviewer", "reviewer2")[i % 2]]))
        payment = claim.payments.get(month=this_month())
        payment_result_record(actor=system, reference=payment.reference, status="paid")
        pay(person, this_month(), 1, employer=other, types=("pension",))
        claims.append(claim)
    fraud_flag(person_ids=[claim.person_id for claim in claims])
    return claims


def opened_with_queries(claims) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        opened = fraud_reviews_open(person_ids=[claim.person_id for claim in claims])
    return opened, len(queries)


@pytest.mark.django_db
def test_opening_twelve_reviews_costs_the_queries_of_two(users, system):
    two = drawing_and_working(users, system, 2)
    twelve = drawing_and_working(users, system, 12, start=2)
    opened_two, queries_two = opened_with_queries(two)
    opened_twelve, queries_twelve = opened_with_queries(twelve)
    assert (opened_two, opened_twelve) == (2, 12)
    assert queries_twelve == queries_two, (queries_two, queries_twelve)
    assert queries_two < 40  # it took about 34 a review, one at a time


@pytest.mark.django_db
def test_each_review_of_a_batch_is_as_one_opened_alone(users, system):
    claims = drawing_and_working(users, system, 4)
    assert fraud_reviews_open() == 4
    numbers = set()
    for claim in claims:
        claim.refresh_from_db()
        assert claim.status == "suspended"
        assert not claim.payments.filter(status=Payment.Status.PENDING).exists()
        review = FraudReview.objects.get(claim=claim)
        assert (review.status, review.overpaid, review.person_id) == ("open", Decimal("1980.00"), claim.person_id)
        assert FraudFlag.objects.get(claim=claim).review == review
        case = review.case
        assert (case.service.code, case.status, case.channel, case.person_id) == (
            "employment.fraud_review", "routed", "system", claim.person_id)
        district = claim.person.hukou_region.code
        assert case.jurisdiction_office.code == DISTRICTS[district]  # the person's district
        assert case.deadline is not None and case.next_step_at is not None
        assert case.data["overpaid"] == "1980.00" and case.data["review"] == review.pk
        assert [c["code"] for c in case.checks] == [f"month_{this_month():%Y-%m}"]
        assert list(case.events.order_by("pk").values_list("kind", "to_status")) == [
            (CaseEvent.Kind.ACCEPTED, "accepted"), (CaseEvent.Kind.ROUTED, "routed"), (CaseEvent.Kind.NOTE, "")]
        assert "1980.00" in case.events.get(kind=CaseEvent.Kind.NOTE).note
        prompt = Prompt.objects.get(person=claim.person, resolved_at__isnull=True, rule="employment.fraud_review")
        assert prompt.data == {"amount": "1980.00", "case": case.number}
        numbers.add(case.number)
    assert len(numbers) == 4
    assert fraud_reviews_open() == 0  # nothing left unreviewed


@pytest.mark.django_db
def test_a_batch_that_cannot_open_is_opened_one_review_at_a_time(users, system, monkeypatch):
    claims = drawing_and_working(users, system, 3)

    def broken(**kwargs):
        raise RuntimeError("one bad review in the batch")

    monkeypatch.setattr("employment.services.fraud.fraud_reviews_open_batch", broken)
    assert fraud_reviews_open() == 3
    assert FraudReview.objects.filter(claim__in=claims, case__status="routed").count() == 3


@pytest.mark.django_db
def test_a_review_case_without_its_review_is_refused_with_a_message_not_an_error(users, system, client):
    """A review case whose review row is missing (made by hand, or by a generator) cannot be decided: the reviewer
    reads why, nothing changes (was a 500)."""
    from tests.support.twofactor import force_login
    from workflow.services import case_claim

    claims = drawing_and_working(users, system, 1)
    fraud_reviews_open()
    review = FraudReview.objects.get(claim=claims[0])
    case = review.case
    reviewer = users["reviewer"]  # of 河口区, the first person's district
    case_claim(case=case, actor=reviewer)
    FraudFlag.objects.filter(review=review).update(review=None)
    review.delete()
    force_login(client, reviewer)
    response = client.post(case.get_absolute_url() + "approve/", {"note": "ok"}, follow=True)
    assert response.status_code == 200
    assert "此件没有可以决定的待遇核查记录" in response.content.decode()
    case.refresh_from_db()
    assert case.status == "in_review"
