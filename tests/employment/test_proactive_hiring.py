"""Proactive social-insurance subsidy for hiring an employment-difficulty person (免申即享): an employer that hired
a difficulty person in the last 90 days is offered the subsidy, the amount being its own part of their pension,
medical and unemployment contributions paid; confirmed by the employer's user, the case goes to the back office of
the employer's district with its deadline; declined, it is not asked again; another employer cannot answer."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from employment.rules.months import month_start
from tests.employer_online.helpers import employer_with_logins
from tests.employment.helpers import born_years_ago, pay, today
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SERVICE = "employment.subsidy_hiring_insurance"
TYPES = ("pension", "medical", "unemployment")


def determined(system, *, days_ago: int = 200):
    from employment.models import DifficultyDetermination

    person = PersonFactory(birth=born_years_ago(45, days=200), phone="13800006666")
    start = today() - timedelta(days=days_ago)
    DifficultyDetermination.objects.create(person=person, categories=["low_income_household"], valid_from=start,
                                           valid_until=start + timedelta(days=3 * 365), decided_by=system)
    return person


def hired(system, admin, *, days_ago: int = 90, determination: bool = True, paid: str = "300.50"):
    """A person hired `days_ago` days ago by the admin's employer (registered employed there: the employer's online
    form takes 60 days back at most), the employer's part paid each month since."""
    from employment.services import employment_register

    person = determined(system) if determination else PersonFactory(birth=born_years_ago(45))
    start = today() - timedelta(days=days_ago)
    employment_register(actor=system, person=person, employer=admin.employer, start=start)
    pay(person, month_start(start), 3, employer=admin.employer, types=(*TYPES, "work_injury"),
        amount=Decimal(paid))
    return person


@pytest.fixture
def firm(db):
    employer, admin, staff = employer_with_logins()
    return {"employer": employer, "admin": admin, "staff": staff}


def _offers(**kw):
    from workflow.models import ProactiveOffer

    return ProactiveOffer.objects.filter(service__code=SERVICE, **kw)


def test_a_hire_90_days_ago_is_offered_to_the_employer_and_confirmed_goes_to_its_back_office(users, system, firm):
    from workflow.services.proactive import offer_confirm, proactive_run

    person = hired(system, firm["admin"], days_ago=90)
    proactive_run()
    offer = _offers(employer=firm["employer"], person=person).get()
    assert offer.case.status == "accepted" and offer.case.employer == firm["employer"]
    assert offer.fingerprint.startswith(f"person={person.pk};determination=")
    assert offer.fingerprint.endswith(f";employer={firm['employer'].pk}")
    # 3 months × (pension + medical + unemployment) × 300.50: work injury is not subsidised.
    assert "2704.50" in offer.what and "就业困难人员" in offer.why
    case = offer_confirm(offer=offer, actor=firm["staff"])
    assert case.status == "routed" and case.deadline is not None
    assert case.jurisdiction_office.code == "BACK-370503"  # the employer's district (河口区)
    assert {c["code"] for c in case.checks} >= {"difficulty", "employed", "paid", "within_limit"}


def test_a_hire_91_days_ago_or_without_determination_is_not_offered(users, system, firm):
    from workflow.services.proactive import proactive_run

    persons = [hired(system, firm["admin"], days_ago=91), hired(system, firm["admin"], determination=False)]
    proactive_run()
    assert not _offers(person__in=persons).exists()


def test_an_employer_that_applied_already_is_not_offered(users, system, firm):
    from tests.employment.helpers import apply
    from workflow.services.proactive import proactive_run

    person = hired(system, firm["admin"])
    first = month_start(today() - timedelta(days=90))
    apply(SERVICE, actor=users["clerk"], person=person, employer=firm["employer"],
          first_month=f"{first:%Y-%m}", last_month=f"{first:%Y-%m}")
    proactive_run()
    assert not _offers(person=person).exists()


def test_the_amount_is_the_employer_part_paid_in_yuan_and_fen(users, system, firm):
    from employment.eligibility import subsidies as eligibility

    person = hired(system, firm["admin"], paid="100.33")
    first = month_start(today() - timedelta(days=90))
    checks, quote = eligibility.subsidy("hiring_insurance", person=person, employer=firm["employer"], day=today(),
                                        values={"first_month": first, "last_month": month_start(today())})
    assert not [c for c in checks if c.is_error]
    assert quote.amount == Decimal("902.97") and quote.amount.as_tuple().exponent == -2
    # Another employer does not employ the person: refused.
    rival, _admin, _staff = employer_with_logins(district="370502")
    checks, _quote = eligibility.subsidy("hiring_insurance", person=person, employer=rival, day=today(),
                                         values={"first_month": first, "last_month": month_start(today())})
    assert {c.code for c in checks if c.is_error} == {"employed", "paid"}


def test_a_decline_is_not_asked_again(users, system, firm):
    from workflow.services.proactive import offer_decline, proactive_run

    person = hired(system, firm["admin"])
    proactive_run()
    offer_decline(offer=_offers(person=person).get(), actor=firm["admin"], reason="")
    proactive_run()
    assert _offers(person=person).count() == 1 and _offers(person=person).get().status == "declined"


def test_only_the_employers_users_answer_on_its_home_page(users, system, firm, client):
    from workflow.exceptions import NotAllowed
    from workflow.services.proactive import offer_confirm, proactive_run

    person = hired(system, firm["admin"])
    proactive_run()
    offer = _offers(person=person).get()
    _rival, rival_admin, _rival_staff = employer_with_logins(district="370502")
    with pytest.raises(NotAllowed):
        offer_confirm(offer=offer, actor=rival_admin)
    client.force_login(rival_admin)
    assert client.post(reverse("employer:offer-confirm", args=[offer.pk])).status_code == 404
    assert client.post(reverse("employer:offer-decline", args=[offer.pk])).status_code == 404
    assert f"offer-{offer.pk}" not in client.get(reverse("portal:employer-home")).content.decode()
    client.force_login(firm["staff"])
    page = client.get(reverse("portal:employer-home")).content.decode()
    assert f'id="offer-{offer.pk}-confirm"' in page and "csrfmiddlewaretoken" in page
    response = client.post(reverse("employer:offer-confirm", args=[offer.pk]))
    assert response.status_code == 302 and response.url == reverse("employer:case", args=[offer.case.number])
    offer.refresh_from_db()
    assert offer.status == "confirmed" and offer.answered_by == firm["staff"]


def test_the_employer_home_shows_the_offer_read_with_its_shown_columns_alone(users, system, firm):
    """offers_for_employer reads what the home page shows alone: the offers render as whole offers did, with no
    further query."""
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from workflow.models import ProactiveOffer
    from workflow.selectors.proactive import offers_for_employer
    from workflow.services.proactive import proactive_run

    hired(system, firm["admin"])
    hired(system, firm["admin"], days_ago=30)
    proactive_run()
    whole = list(ProactiveOffer.objects.filter(employer=firm["employer"]).select_related("service", "case", "person")
                 .order_by("pk"))
    assert len(whole) == 2
    for language in ("en", "zh-hans"):
        with translation.override(language):
            offers = sorted(offers_for_employer(employer=firm["employer"]), key=lambda offer: offer.pk)
            with CaptureQueriesContext(connection) as queries:
                shown = render_to_string("portal/employer/partials/_offers.html", {"offers": offers})
            assert len(queries) == 0
            assert shown == render_to_string("portal/employer/partials/_offers.html", {"offers": whole})
            assert whole[0].case.number in shown and whole[0].person.masked_name in shown


def test_the_finder_runs_a_fixed_number_of_queries(users, system, firm):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from employment.proactive import hiring_subsidy_find

    hired(system, firm["admin"])
    with CaptureQueriesContext(connection) as few:
        assert len(hiring_subsidy_find(today=today())) == 1
    for _ in range(4):
        hired(system, firm["admin"], days_ago=30)
    hired(system, firm["admin"], determination=False)
    with CaptureQueriesContext(connection) as many:
        assert len(hiring_subsidy_find(today=today())) == 5
    assert len(few) == len(many) <= 7
