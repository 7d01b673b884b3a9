"""Reads about places, parties and staff that the other apps need."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts.identifiers import normalize_credit_code, normalize_id_number
from accounts.models import Employer, Office, Person, Region, User

# The region levels of service points (街道/乡镇便民服务中心, 社区/村服务站): a hall at one of these levels is a
# point; it accepts only its level's part of the catalogue (workflow.selectors.points) and sees only its subtree.
POINT_LEVELS = (Region.Level.STREET, Region.Level.COMMUNITY)


def office_is_point(office: Office | None) -> bool:
    """A street or community service point: a hall whose region is a street (township) or a community."""
    return office is not None and office.kind == Office.Kind.HALL and office.region.level in POINT_LEVELS


def persons_of_point_q(*, office: Office) -> Q:
    """The persons a service point serves: registered (hukou) or living in its region's subtree."""
    path = office.region.path
    return Q(hukou_region__path__startswith=path) | Q(residence_region__path__startswith=path)


def nearest_points(*, region: Region) -> list[Office]:
    """The active service points nearest to a region (e.g. a person's residence), nearest first: those at the
    region or above it (its community's station, then its street's centre), then those inside it (a street's
    communities, by code). Empty when no point serves the area: then the district's hall (office_covering)."""
    points = list(Office.objects.filter(kind=Office.Kind.HALL, is_active=True, region__level__in=POINT_LEVELS)
                  .filter(Q(region__path__in=region.ancestor_paths) | Q(region__path__startswith=region.path))
                  .select_related("region"))
    above = sorted((p for p in points if region.path.startswith(p.region.path)),
                   key=lambda p: (-len(p.region.path), p.code))
    inside = sorted((p for p in points if p not in above), key=lambda p: (p.region.path, p.code))
    return above + inside


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
    """Active offices of a kind at the region or above it, nearest first (one query): routing and escalation.
    The halls are the city's and the districts' (the street and community points are found by nearest_points)."""
    offices = Office.objects.filter(kind=kind, is_active=True, region__path__in=region.ancestor_paths)
    if kind == Office.Kind.HALL:
        offices = offices.exclude(region__level__in=POINT_LEVELS)
    return offices.select_related("region").order_by("-region__path", "code")


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
    jurisdiction): those of its area but of no deeper office's area, e.g. a district's hall before the city's.
    Street and community service points are nobody's nearest hall here (cards and the like stay with halls)."""
    if office_is_point(office):
        return Person.objects.none()
    persons = persons_in_office_area(office=office)
    others = (Office.objects.filter(kind=office.kind, is_active=True, region__path__startswith=office.region.path)
              .exclude(pk=office.pk).exclude(kind=Office.Kind.HALL, region__level__in=POINT_LEVELS)
              .select_related("region"))
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
    """Halls and the leadership serve the whole city (同城通办); a back office sees its own area; a street or
    community service point the persons registered or living in its subtree."""
    persons = Person.objects.select_related("hukou_region", "residence_region", "identity_check")
    if user.office_id is None or user.kind != User.Kind.STAFF:
        return persons.none()
    if user.office.kind == Office.Kind.BACK_OFFICE:
        return persons & persons_in_office_area(office=user.office)
    if office_is_point(user.office):
        return persons.filter(persons_of_point_q(office=user.office))
    return persons


def employers_served_by(*, office: Office) -> QuerySet[Employer]:
    """The employers an office's counter serves: a service point those registered in its subtree; any other
    office every employer of the city and beyond (同城通办)."""
    employers = Employer.objects.select_related("region")
    if office_is_point(office):
        return employers.filter(region__path__startswith=office.region.path)
    return employers


def person_search(*, user: User, query: str, limit: int = 50) -> list[Person]:
    """An exact identity number, or a name (prefix) within what the user may see."""
    visible = persons_visible_to(user=user)
    number = normalize_id_number(query)
    if len(number) >= 15 and number[:17].isdigit():
        return list(visible.filter(id_number=number)[:1])
    return list(visible.filter(name__startswith=query.strip()).order_by("name", "id")[:limit])
