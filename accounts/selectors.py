"""Reads about places, parties and staff that the other apps need."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts.identifiers import normalize_credit_code, normalize_id_number
from accounts.models import Employer, Office, Person, Region, User


def region_subtree(*, region: Region) -> QuerySet[Region]:
    return Region.objects.filter(path__startswith=region.path)


def region_ancestors(*, region: Region) -> QuerySet[Region]:
    """The region and every region above it, nearest first (one query)."""
    return Region.objects.filter(path__in=region.ancestor_paths).order_by("-path")


def region_deepest_for_code(*, code: str) -> Region | None:
    """The most specific known region whose path is a prefix of a division code (e.g. from an identity number)."""
    prefixes = [code[:n] for n in (12, 9, 6, 4, 2) if len(code) >= n]
    return Region.objects.filter(path__in=prefixes).order_by("-path").first()


def person_jurisdiction(person: Person) -> Region | None:
    """The region that decides a person's cases: the hukou region when it lies in the city, else residence."""
    if person.hukou_region.in_city:
        return person.hukou_region
    return person.residence_region


def employer_jurisdiction(employer: Employer) -> Region:
    return employer.region


def offices_covering(*, region: Region, kind: str) -> QuerySet[Office]:
    """Active offices of a kind at the region or above it, nearest first (one query): routing and escalation."""
    return (
        Office.objects.filter(kind=kind, is_active=True, region__path__in=region.ancestor_paths)
        .select_related("region")
        .order_by("-region__path", "code")
    )


def office_covering(*, region: Region, kind: str) -> Office | None:
    """The office of a kind nearest to a region, at it or above it."""
    return offices_covering(region=region, kind=kind).first()


def persons_in_office_area(*, office: Office) -> QuerySet[Person]:
    """Persons whose jurisdiction (see person_jurisdiction) lies in an office's region subtree."""
    path, city = office.region.path, settings.PORTAL_CITY_PATH
    hukou_here = Q(hukou_region__path__startswith=path) & Q(hukou_region__path__startswith=city)
    living_here = ~Q(hukou_region__path__startswith=city) & Q(residence_region__path__startswith=path)
    return Person.objects.filter(hukou_here | living_here)


def persons_nearest_to(*, office: Office) -> QuerySet[Person]:
    """Persons for whom this office is the nearest of its kind (as office_covering picks it for their
    jurisdiction): those of its area but of no deeper office's area, e.g. a district's hall before the city's."""
    persons = persons_in_office_area(office=office)
    others = (Office.objects.filter(kind=office.kind, is_active=True, region__path__startswith=office.region.path)
              .exclude(pk=office.pk).select_related("region"))
    for other in others:
        if len(other.region.path) > len(office.region.path) or other.code < office.code:
            persons = persons.exclude(pk__in=persons_in_office_area(office=other).values("pk"))
    return persons


def person_by_id_number(*, id_number: str) -> Person | None:
    return (
        Person.objects.select_related("hukou_region", "residence_region")
        .filter(id_number=normalize_id_number(id_number))
        .first()
    )


def employer_by_credit_code(*, credit_code: str) -> Employer | None:
    return Employer.objects.select_related("region").filter(credit_code=normalize_credit_code(credit_code)).first()


def staff_of_office(*, office: Office) -> QuerySet[User]:
    return User.objects.filter(office=office, is_active=True, kind=User.Kind.STAFF).order_by("staff_number")


def persons_visible_to(*, user: User) -> QuerySet[Person]:
    """Halls and the leadership serve the whole city (同城通办); a back office sees its own area."""
    persons = Person.objects.select_related("hukou_region", "residence_region", "identity_check")
    if user.office_id is None or user.kind != User.Kind.STAFF:
        return persons.none()
    if user.office.kind == Office.Kind.BACK_OFFICE:
        return persons & persons_in_office_area(office=user.office)
    return persons


def person_search(*, user: User, query: str, limit: int = 50) -> list[Person]:
    """An exact identity number, or a name (prefix) within what the user may see."""
    visible = persons_visible_to(user=user)
    number = normalize_id_number(query)
    if len(number) >= 15 and number[:17].isdigit():
        return list(visible.filter(id_number=number)[:1])
    return list(visible.filter(name__startswith=query.strip()).order_by("name", "id")[:limit])
