"""Staff of a street or community service point see only their subtree: persons (search, person pages, records),
employers, cases, tickets and hall pages; a hall keeps serving the whole city."""

import pytest
from django.urls import reverse

from accounts.models import Office, User
from accounts.selectors import nearest_points, office_is_point, person_search, persons_visible_to
from counter.services import ticket_issue
from tests.factories import EmployerFactory, PersonFactory, region
from workflow.services import case_accept

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerks(demo):
    return {name: User.objects.get(username=name) for name in ("communityclerk", "streetclerk", "clerk2")}


@pytest.fixture
def people():
    """Three persons named alike: in the community of 文汇街道第一社区, elsewhere in 文汇街道, and in 河口区."""
    return {
        "community": PersonFactory(name="范围甲", hukou_region=region("370503001"),
                                   residence_region=region("370502001001")),
        "street": PersonFactory(name="范围乙", hukou_region=region("370502001"), residence_region=region("370523001")),
        "elsewhere": PersonFactory(name="范围丙", hukou_region=region("370503001"),
                                   residence_region=region("370503001")),
    }


def test_the_persons_a_point_sees(clerks, people):
    def seen(user):
        return {p.name for p in person_search(user=user, query="范围")}

    assert seen(clerks["communityclerk"]) == {"范围甲"}
    assert seen(clerks["streetclerk"]) == {"范围甲", "范围乙"}  # registered or living in the street
    assert seen(clerks["clerk2"]) == {"范围甲", "范围乙", "范围丙"}  # a hall: the whole city (同城通办)
    assert not persons_visible_to(user=clerks["streetclerk"]).filter(pk=people["elsewhere"].pk).exists()


@pytest.mark.parametrize("url_name", ["accounts:person-detail", "insurance:person-records", "employment:person"])
def test_person_pages_of_another_area_are_not_found_at_a_point(client, clerks, people, url_name):
    client.force_login(clerks["communityclerk"])
    assert client.get(reverse(url_name, args=[people["community"].pk])).status_code == 200
    assert client.get(reverse(url_name, args=[people["street"].pk])).status_code == 404
    client.force_login(clerks["streetclerk"])
    assert client.get(reverse(url_name, args=[people["street"].pk])).status_code == 200
    assert client.get(reverse(url_name, args=[people["elsewhere"].pk])).status_code == 404


def test_the_search_page_of_a_point_lists_its_area_only(client, clerks, people):
    from tests.support.text import visible_text

    client.force_login(clerks["communityclerk"])
    text = visible_text(client.get(reverse("accounts:person-search"), {"q": "范围"}).content)
    assert "范围甲" in text and "范围乙" not in text and "范围丙" not in text


def test_employers_a_point_sees(clerks):
    from insurance.selectors.employers import employers_visible_to

    here = EmployerFactory(region=region("370502001"))
    there = EmployerFactory(region=region("370503"))
    street = set(employers_visible_to(user=clerks["streetclerk"]).filter(pk__in=[here.pk, there.pk]))
    assert street == {here}
    assert set(employers_visible_to(user=clerks["clerk2"]).filter(pk__in=[here.pk, there.pk])) == {here, there}


def test_cases_and_tickets_of_another_office_are_not_found_at_a_point(client, clerks, people, test_services):
    from workflow.models import PointService, ServiceType

    PointService.objects.create(level="community", service=ServiceType.objects.get(code="test.immediate"))
    own = case_accept(service_code="test.immediate", actor=clerks["communityclerk"], channel="counter",
                      person=people["community"])
    elsewhere = case_accept(service_code="test.immediate", actor=clerks["clerk2"], channel="counter",
                            person=people["community"])
    client.force_login(clerks["communityclerk"])
    assert client.get(reverse("counter:desk-case", args=[own.number])).status_code == 200
    assert client.get(reverse("counter:desk-case", args=[elsewhere.number])).status_code == 404
    assert client.get(reverse("workflow:case-detail", args=[own.number])).status_code == 200
    assert client.get(reverse("workflow:case-detail", args=[elsewhere.number])).status_code == 404
    hall_ticket = ticket_issue(hall=clerks["clerk2"].office)
    assert client.post(reverse("counter:ticket-no-show", args=[hall_ticket.pk])).status_code == 404


def test_a_point_sees_only_its_own_hall_pages(client, clerks):
    from counter.selectors.halls import halls_visible_to

    point = clerks["communityclerk"].office
    assert list(halls_visible_to(user=clerks["communityclerk"])) == [point]
    assert office_is_point(point) and not office_is_point(clerks["clerk2"].office)


def test_nearest_points_of_a_region(demo):
    community, street = Office.objects.get(code="PT-370502001001"), Office.objects.get(code="PT-370502001")
    assert nearest_points(region=region("370502001001")) == [community, street]
    assert nearest_points(region=region("370502001")) == [street, community]
    assert nearest_points(region=region("370502001002")) == [street]  # another community of the street
    assert nearest_points(region=region("370502002")) == []  # a street with no point: the district's hall
