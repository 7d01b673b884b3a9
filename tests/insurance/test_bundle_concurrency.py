"""On PostgreSQL, with real threads and connections: the same life event sent twice at the same instant (the same
form twice, or two tabs) makes one application and one set of cases."""

import pytest

from tests.concurrency import run_concurrently
from tests.insurance.test_bundle_retirement import retiree
from workflow.exceptions import NotAllowed
from workflow.models import Bundle, Case
from workflow.services.bundles import bundle_accept


def _send(users, person, key):
    return bundle_accept(bundle_code="insurance.retirement_event", actor=users["clerk"], channel="counter",
                         person=person, data={"retirement_date": "2026-05-15"}, key=key)


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_four_times_at_once_makes_one_bundle(postgres, users):
    person = retiree()
    outcomes = run_concurrently([lambda: _send(users, person, "same-form") for _ in range(4)])
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    assert len({bundle.pk for _, bundle in outcomes}) == 1
    assert Bundle.objects.count() == 1 and Case.objects.filter(person=person).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_tabs_at_once_make_one_bundle_and_the_other_is_told(postgres, users):
    person = retiree()
    outcomes = run_concurrently([lambda key=key: _send(users, person, key) for key in ("tab-1", "tab-2")])
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"], outcomes
    error = next(value for kind, value in outcomes if kind == "error")
    assert isinstance(error, NotAllowed) and error.code == "open_bundle"
    assert Bundle.objects.count() == 1 and Case.objects.filter(person=person).count() == 2
