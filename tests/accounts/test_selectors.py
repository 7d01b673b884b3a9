"""Jurisdiction, routing to the covering office, and what each office may see."""

import pytest

from accounts.models import Office, Region
from accounts.selectors import (
    office_covering,
    person_jurisdiction,
    person_search,
    persons_in_office_area,
    persons_nearest_to,
    region_ancestors,
    region_deepest_for_code,
    region_subtree,
)
from tests.factories import PersonFactory, region

pytestmark = pytest.mark.django_db


def test_jurisdiction_is_the_hukou_region_when_it_lies_in_the_city():
    person = PersonFactory(hukou_region=region("370503001"), residence_region=region("370523001"))
    assert person_jurisdiction(person).code == "370503001"


def test_jurisdiction_is_the_residence_for_hukou_outside_the_city():
    person = PersonFactory(division="410102", hukou_region=region("410000"), residence_region=region("370523001"))
    assert person_jurisdiction(person).code == "370523001"


def test_a_back_office_covers_its_subtree_and_the_city_covers_the_rest(demo):
    assert office_covering(region=region("370503001"), kind=Office.Kind.BACK_OFFICE).code == "BACK-370503"
    assert office_covering(region=region("370523"), kind=Office.Kind.BACK_OFFICE).code == "BACK-370523"
    # The development zone has no back office of its own: the city's covers it.
    assert office_covering(region=region("370571"), kind=Office.Kind.BACK_OFFICE).code == "BACK-370500"


def test_subtree_and_ancestors_use_the_code_prefix(django_assert_num_queries):
    hekou = region("370503")
    with django_assert_num_queries(1):
        codes = set(region_subtree(region=hekou).values_list("code", flat=True))
    assert "370503001" in codes and "370502001" not in codes
    street = region("370503001")
    with django_assert_num_queries(1):
        assert [r.code for r in region_ancestors(region=street)] == [
            "370503001", "370503", "370500", "370000"]


def test_deepest_known_region_for_a_division_code():
    assert region_deepest_for_code(code="370521").code == "370500"  # obsolete 垦利县: the city is known
    assert region_deepest_for_code(code="410102").code == "410000"
    assert region_deepest_for_code(code="370503001").code == "370503001"


def test_a_back_office_sees_the_persons_of_its_area_only(demo):
    local = PersonFactory(hukou_region=region("370503001"), residence_region=region("370502001"))
    migrant = PersonFactory(division="410102", hukou_region=region("410000"), residence_region=region("370503002"))
    elsewhere = PersonFactory(hukou_region=region("370502001"), residence_region=region("370503001"))
    visible = set(persons_in_office_area(office=Office.objects.get(code="BACK-370503")).values_list("pk", flat=True))
    assert local.pk in visible and migrant.pk in visible and elsewhere.pk not in visible


def test_the_nearest_hall_of_a_person_agrees_with_office_covering(demo):
    """Each person belongs to one hall: their district's, else the city's (e.g. the development zone)."""
    persons = [PersonFactory(hukou_region=region("370503001")), PersonFactory(hukou_region=region("370523001")),
               PersonFactory(hukou_region=region("370571"), residence_region=None),
               PersonFactory(division="410102", hukou_region=region("410000"), residence_region=region("370502001"))]
    halls = Office.objects.filter(kind=Office.Kind.HALL, is_active=True)
    for person in persons:
        nearest = [hall.code for hall in halls if persons_nearest_to(office=hall).filter(pk=person.pk).exists()]
        expected = office_covering(region=person_jurisdiction(person), kind=Office.Kind.HALL).code
        assert nearest == [expected], (person.hukou_region.code, nearest)
    assert persons_nearest_to(office=Office.objects.get(code="HALL-370500")).filter(pk=persons[2].pk).exists()


def test_person_search_by_exact_number_or_name(users):
    person = PersonFactory(name="欧阳测试", hukou_region=region("370502001"))
    assert person_search(user=users["clerk"], query=person.id_number) == [person]
    assert person_search(user=users["clerk"], query="欧阳") == [person]
    # 河口区's back office does not see a 东营区 person.
    assert person_search(user=users["reviewer"], query="欧阳") == []


def test_region_path_follows_level():
    r = Region(code="370503001002", name="x", level=Region.Level.COMMUNITY)
    assert Region.path_for(r.code, r.level) == "370503001002"
    assert Region.path_for("370500", "city") == "3705"
