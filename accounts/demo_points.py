"""Demo street and community service points: in each district one street's 便民服务中心 and, under it, one
community's 服务站, each a hall at its region's level; a few residents of each street live in its community
(idempotent: a second run changes nothing)."""

from __future__ import annotations

from accounts.models import Office, Person, Region

# One street per district (real 9-digit codes), and its first demo community (12 digits: street + 3).
POINT_STREETS = ["370502001", "370503001", "370505001", "370522001", "370523001"]
RESIDENTS_PER_COMMUNITY = 3


def point_code(region_code: str) -> str:
    return f"PT-{region_code}"


def _point_name(region: Region) -> str:
    if region.level == Region.Level.STREET:
        return f"{region.name}便民服务中心"
    return f"{region.name}服务站"


def seed_points(persons: list[Person]) -> dict[str, Office]:
    """The points by office code (PT-<region code>); some of the demo persons move into the communities."""
    codes = [*POINT_STREETS, *(f"{street}001" for street in POINT_STREETS)]
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    points = {}
    for code in codes:
        region = regions[code]
        points[point_code(code)], _ = Office.objects.get_or_create(
            code=point_code(code), defaults={"name": _point_name(region), "kind": Office.Kind.HALL, "region": region})
    _residents_in_communities(persons, regions)
    return points


def _residents_in_communities(persons: list[Person], regions: dict[str, Region]) -> None:
    """The first demo residents (by identity number) of each point's street live in its community, so that the
    community station has people to serve (the objects in `persons` are updated too)."""
    for street in POINT_STREETS:
        community = regions[f"{street}001"]
        here = set(Region.objects.filter(path__startswith=street).values_list("pk", flat=True))
        living = sorted((p for p in persons if p.residence_region_id in here), key=lambda p: p.id_number)
        for person in living[:RESIDENTS_PER_COMMUNITY]:
            if person.residence_region_id != community.pk:
                person.residence_region = community
                person._change_reason = "演示数据：居住在社区"
                person.save(update_fields=["residence_region"])
