"""Street and community service points at the desk: only their level's business, routed like a hall's, and only
the persons and employers of their own area."""

import pytest
from django.urls import reverse

from accounts.models import Office, User
from counter.selectors.desk import counter_catalogue
from tests.factories import EmployerFactory, PersonFactory, region
from tests.support.text import visible_text
from workflow.exceptions import NotAllowed
from workflow.models import Case, PointService, ServiceType
from workflow.services import case_accept

pytestmark = pytest.mark.django_db
COMMUNITY = "PT-370502001001"  # 文汇街道第一社区服务站 (东营区)
STREET = "PT-370502001"  # 文汇街道便民服务中心


@pytest.fixture
def community_clerk(demo):
    return User.objects.get(username="communityclerk")


@pytest.fixture
def street_clerk(demo):
    return User.objects.get(username="streetclerk")


@pytest.fixture
def resident():
    """A person registered in 河口区 who lives in the community of the demo community station."""
    return PersonFactory(hukou_region=region("370503001"), residence_region=region("370502001001"))


def subject_url(person):
    return reverse("counter:desk-subject", args=["person", person.pk])


def service_url(person, code):
    return reverse("counter:desk-service", args=["person", person.pk, code])


def test_the_demo_points_are_halls_at_street_and_community_level(demo):
    for county in ("370502", "370503", "370505", "370522", "370523"):
        streets = Office.objects.filter(kind=Office.Kind.HALL, region__level="street", region__parent__code=county)
        assert streets.exists(), county
        for street in streets:
            assert Office.objects.filter(kind=Office.Kind.HALL, region__level="community",
                                         region__parent=street.region).exists(), street.name
    community = Office.objects.get(code=COMMUNITY)
    assert community.name == "文汇街道第一社区服务站" and len(community.region.code) == 12
    assert User.objects.get(username="communityclerk").office == community


def test_a_community_desk_offers_only_the_community_services(client, community_clerk, resident):
    client.force_login(community_clerk)
    response = client.get(subject_url(resident))
    assert response.status_code == 200
    offered = {entry.code for entry in response.context["catalogue"]}
    allowed = set(PointService.objects.filter(level="community").values_list("service__code", flat=True))
    assert offered and offered <= allowed
    assert {"insurance.card_apply", "insurance.proof_of_life", "employment.unemployment_registration"} <= allowed
    listing = visible_text(response.content)
    assert "社会保障卡申领" in listing or "社保卡申领" in listing
    assert "失业保险金申领" not in listing  # unemployment benefit: at a street centre or a hall
    assert "文汇街道第一社区服务站受理市局为本级服务站点设定的业务" in listing
    # A hall still offers the whole catalogue.
    assert len(counter_catalogue(subject="person")) > len(offered)


def test_a_service_outside_the_list_is_refused_and_nothing_is_created(client, community_clerk, resident):
    client.force_login(community_clerk)
    for method in ("get", "post"):
        response = getattr(client, method)(service_url(resident, "employment.benefit"),
                                           {"action": "accept"} if method == "post" else None, follow=True)
        text = visible_text(response.content)
        assert "文汇街道第一社区服务站不受理“失业保险金申领”" in text, method
        assert "请引导申请人到区县人社服务大厅办理" in text
        assert response.redirect_chain[-1][0] == subject_url(resident)
    assert not Case.objects.filter(person=resident).exists()
    with pytest.raises(NotAllowed) as refused:
        case_accept(service_code="employment.benefit", actor=community_clerk, channel="counter", person=resident)
    assert refused.value.code == "point"
    assert not Case.objects.filter(person=resident).exists()


def test_a_street_centre_accepts_more_than_a_community_station(street_clerk, community_clerk):
    from workflow.selectors.points import office_service_codes

    street, community = office_service_codes(street_clerk.office), office_service_codes(community_clerk.office)
    assert community < street
    assert {"employment.benefit", "employment.subsidy_startup"} <= street - community
    assert office_service_codes(Office.objects.get(code="HALL-370502")) is None  # a hall: everything


def test_a_card_application_is_accepted_at_a_community_station(client, community_clerk, resident):
    client.force_login(community_clerk)
    response = client.post(service_url(resident, "insurance.card_apply"),
                           {"d-materials": ["photo", "id_card"], "f-hall": COMMUNITY, "action": "accept"})
    case = Case.objects.get(person=resident)
    assert response["Location"] == reverse("counter:desk-case", args=[case.number])
    assert (case.service.code, case.accepted_office.code, case.status) == ("insurance.card_apply", COMMUNITY,
                                                                           "completed")


def test_a_time_limited_case_at_a_community_station_goes_to_the_district_with_its_deadline(
        client, community_clerk, test_services):
    """The bureau lets community stations accept a time-limited business; the case goes, like a hall's, to the
    back office of the applicant's district with a deadline."""
    PointService.objects.create(level="community", service=ServiceType.objects.get(code="test.timed"))
    person = PersonFactory(hukou_region=region("370502001001"), residence_region=region("370502001001"))
    client.force_login(community_clerk)
    response = client.post(service_url(person, "test.timed"), {"f-amount": "5", "d-materials": ["id_card", "form"],
                                                               "action": "accept"})
    case = Case.objects.get(person=person)
    assert response["Location"] == reverse("counter:desk-case", args=[case.number])
    assert case.status == "routed" and case.deadline is not None
    assert (case.accepted_office.code, case.jurisdiction_office.code) == (COMMUNITY, "BACK-370502")
    page = visible_text(client.get(response["Location"]).content)
    assert "东营区人社局后台经办科" in page


def test_a_point_identifies_only_the_persons_and_employers_of_its_area(client, community_clerk, street_clerk,
                                                                      resident):
    stranger = PersonFactory(hukou_region=region("370503001"), residence_region=region("370503001"))
    street_neighbour = PersonFactory(hukou_region=region("370523001"), residence_region=region("370502001"))
    client.force_login(community_clerk)
    response = client.post(reverse("counter:identify"), {"number": stranger.id_number}, follow=True)
    assert "只服务本辖区的人员和单位" in visible_text(response.content)
    assert client.get(subject_url(stranger)).status_code == 404
    assert client.get(subject_url(street_neighbour)).status_code == 404  # the street, not this community
    response = client.post(reverse("counter:identify"), {"number": resident.id_number})
    assert response["Location"] == subject_url(resident)
    client.force_login(street_clerk)
    assert client.get(subject_url(street_neighbour)).status_code == 200
    assert client.get(subject_url(resident)).status_code == 200  # the street's communities are its subtree
    assert client.get(subject_url(stranger)).status_code == 404
    here, elsewhere = EmployerFactory(region=region("370502001")), EmployerFactory(region=region("370503"))
    assert client.get(reverse("counter:desk-subject", args=["employer", here.pk])).status_code == 200
    assert client.get(reverse("counter:desk-subject", args=["employer", elsewhere.pk])).status_code == 404


def test_a_point_is_offered_for_booking_only_with_slots_and_only_for_its_business(demo):
    from datetime import time, timedelta

    from django.utils import timezone

    from counter.exceptions import BookingError
    from counter.models import AppointmentSlot
    from counter.selectors.appointments import bookable_halls
    from counter.services import appointment_book

    point = Office.objects.get(code=COMMUNITY)
    assert point not in bookable_halls() and Office.objects.get(code="HALL-370502") in bookable_halls()
    day = timezone.localdate() + timedelta(days=1)
    slot = AppointmentSlot.objects.create(hall=point, date=day, starts_at=time(9), ends_at=time(9, 30), capacity=2)
    assert point in bookable_halls()
    resident = PersonFactory(hukou_region=region("370502001001"), residence_region=region("370502001001"))
    user = User.objects.create_user(username="booker", kind=User.Kind.RESIDENT, person=resident)
    with pytest.raises(BookingError) as refused:
        appointment_book(actor=user, person=resident, slot=slot,
                         service=ServiceType.objects.get(code="employment.benefit"))
    assert refused.value.code == "point" and "文汇街道第一社区服务站不受理该业务" in refused.value.message
    assert not slot.appointments.exists()
    booked = appointment_book(actor=user, person=resident, slot=slot,
                              service=ServiceType.objects.get(code="insurance.card_apply"))
    assert booked.slot.hall == point


def test_an_e_card_identifies_at_a_point_only_a_person_of_its_area(client, community_clerk, resident):
    from accounts.ecard import ecard_issue
    from accounts.models import ECardUse

    stranger = PersonFactory(hukou_region=region("370503001"), residence_region=region("370503001"))
    client.force_login(community_clerk)
    code = ecard_issue(person=stranger).content
    response = client.post(reverse("counter:identify"), {"number": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("counter:desk")
    assert "只服务本辖区的人员和单位" in visible_text(response.content)
    assert not ECardUse.objects.exists()  # not spent: the same code still works at the district's hall
    response = client.post(reverse("counter:identify"), {"number": ecard_issue(person=resident).content})
    assert response["Location"] == subject_url(resident)
