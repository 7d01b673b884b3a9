"""The retirement life event (一件事一次办): one submission, its cases under one bundle code and one receipt,
tracking by the bundle code shows them all; a blocking check in one service creates nothing."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from insurance.models import CarriedOverRecord, Pension
from tests.factories import PersonFactory
from tests.insurance.helpers import approve
from tests.workflow.test_receipts import decode_png, rasterize
from workflow.bundles import bundles
from workflow.exceptions import BundleBlocked, NotAllowed
from workflow.models import Bundle, BundleCase, Case
from workflow.rules.calendar import SHANGHAI
from workflow.rules.states import Status
from workflow.selectors.bundles import bundle_tracking
from workflow.services.bundles import bundle_accept

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 10, tzinfo=SHANGHAI)
CODE = "insurance.retirement_event"


def retiree():
    person = PersonFactory(birth=date(1966, 1, 15), sex_code="M", phone="13700000001")
    CarriedOverRecord.objects.create(person=person, through_month=date(2023, 12, 1), pension_months=300,
                                     average_index=D("1.0000"), account_balance=D("100000"))
    return person


def accept(users, person, retirement_date="2026-05-15", key=""):
    return bundle_accept(bundle_code=CODE, actor=users["clerk"], channel="counter", person=person,
                         data={"retirement_date": retirement_date, "female_group": "", "employer_agrees_late": False},
                         key=key)


def test_the_form_asks_the_shared_retirement_date_once():
    fields = list(bundles.get(CODE).fields())
    assert fields.count("retirement_date") == 1 and "female_group" in fields


@freeze_time(NOW)
def test_one_submission_opens_every_case_under_one_code_each_routed_to_its_back_office(users):
    person = retiree()
    bundle = accept(users, person)
    cases = [link.case for link in BundleCase.objects.filter(bundle=bundle).select_related("case__service")]
    assert [c.service.code for c in cases] == ["insurance.retirement", "insurance.retiree_medical"]
    assert all(c.status == Status.ROUTED and c.jurisdiction_office.code == "BACK-370503" for c in cases)
    assert len({bundle.tracking_code, *(c.tracking_code for c in cases)}) == 3  # each keeps its own code too
    assert bundle.person == person and bundle.number != cases[0].number
    # Approving the retirement grants the pension (no separate pension case); the medical determination records
    # whether medical insurance continues without contributions.
    approve(cases[0], users["reviewer"])
    assert Pension.objects.filter(person=person).count() == 1
    medical = approve(cases[1], users["reviewer"])
    assert medical.result == {"medical_months": 0, "minimum": 300, "shortfall": 300, "continues": False}


@freeze_time(NOW)
def test_a_blocking_check_in_one_service_creates_nothing_and_says_which_and_why(users):
    person = retiree()
    before = Case.objects.count()
    with pytest.raises(BundleBlocked) as exc, translation.override("en"):
        accept(users, person, retirement_date="2025-12-31")  # before the flexible window
    [(service, reasons)] = exc.value.problems
    assert service == "Retirement approval"
    assert reasons[0].startswith("Statutory retirement age") and "Before the earliest" in reasons[0]
    assert Case.objects.count() == before and not Bundle.objects.exists()


@freeze_time(NOW)
def test_the_same_form_sent_twice_makes_one_bundle(users):
    person = retiree()
    first = accept(users, person, key="k" * 32)
    again = accept(users, person, key="k" * 32)
    assert first.pk == again.pk and Case.objects.filter(person=person).count() == 2


@freeze_time(NOW)
def test_tracking_by_the_bundle_code_shows_every_case_in_one_query(users, client, django_assert_num_queries):
    bundle = accept(users, retiree())
    url = reverse("tracking:bundle-detail", args=[bundle.tracking_code])
    client.get(url)  # the process's names and calendar are read once, by any page
    with django_assert_num_queries(1):
        page = client.get(url).content.decode()
    assert "退休审批" in page and "退休人员医保待遇核定" in page and page.count('class="card bundle-case"') == 2
    assert bundle.person.name not in page and bundle.person.id_number not in page
    # The form finds a bundle's code too.
    response = client.get(reverse("tracking:track"), {"code": bundle.formatted_tracking_code.lower()})
    assert response.status_code == 302 and response["Location"] == url
    with django_assert_num_queries(1):
        assert client.get(reverse("tracking:bundle-detail", args=["Z" * 16])).status_code == 404
    assert client.get(reverse("tracking:bundle-detail", args=["hello"])).status_code == 404


@freeze_time(NOW)
def test_the_query_count_does_not_grow_with_the_cases(users, django_assert_num_queries):
    bundle = accept(users, retiree())
    bundle_tracking(code=bundle.tracking_code)
    with django_assert_num_queries(1):
        tracked = bundle_tracking(code=bundle.tracking_code)
    assert len(tracked.cases) == 2 and all(c.timeline for c in tracked.cases)


@freeze_time(NOW)
def test_the_receipt_lists_every_case_with_its_office_and_deadline_and_a_readable_barcode(users, client):
    bundle = accept(users, retiree())
    client.force_login(users["clerk"])
    page = client.get(reverse("receipts:bundle-receipt", args=[bundle.number]) + "?format=a4").content.decode()
    for case in Case.objects.filter(bundle_link__bundle=bundle):
        assert case.number in page and case.formatted_tracking_code in page
        assert case.deadline.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") in page
        assert case.jurisdiction_office.name in page
    svg = page[page.index("<svg", page.index("receipt-tracking")):]
    svg = svg[:svg.index("</svg>") + 6]
    assert decode_png(rasterize(svg)) == [bundle.tracking_code]
    assert reverse("tracking:bundle-detail", args=[bundle.tracking_code]) in page


@freeze_time(NOW)
def test_a_second_application_while_the_first_is_open_is_refused(users):
    person = retiree()
    accept(users, person, key="first")
    with pytest.raises(NotAllowed) as exc:
        accept(users, person, key="another-tab")
    assert exc.value.code == "open_bundle" and Bundle.objects.count() == 1
