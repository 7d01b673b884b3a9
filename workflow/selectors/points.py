"""What a street or community service point may accept: its level's rows of the bureau's table (PointService).
Halls at city or county level accept the whole catalogue. The desk's list, its service page and case_accept all
ask `point_accepts`, so what a point offers and what it accepts cannot differ."""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import gettext as _

from accounts.models import Office
from accounts.selectors import office_is_point
from workflow.exceptions import NotAllowed
from workflow.models import PointService

# Windows share the table for this long; an edit in the admin clears it at once (workflow.apps).
POINT_CACHE_SECONDS = 300
_KEY = "workflow:point-services:{level}"


def point_level(office: Office | None) -> str | None:
    """"street" or "community" for a service point, None for any other office (or none)."""
    return office.region.level if office_is_point(office) else None


def point_service_codes(*, level: str) -> frozenset[str]:
    """The codes of the services the points of a level accept (one query, then shared through the cache)."""
    key = _KEY.format(level=level)
    codes = cache.get(key)
    if codes is None:
        codes = frozenset(PointService.objects.filter(level=level, service__is_active=True)
                          .values_list("service__code", flat=True))
        cache.set(key, codes, POINT_CACHE_SECONDS)
    return codes


def point_service_codes_forget(**_kwargs) -> None:
    cache.delete_many([_KEY.format(level=level) for level in PointService.Level.values])


def office_service_codes(office: Office | None) -> frozenset[str] | None:
    """The codes an office's counter may accept: a point its level's, any other office everything (None)."""
    level = point_level(office)
    return point_service_codes(level=level) if level is not None else None


def point_accepts(*, office: Office | None, code: str) -> bool:
    codes = office_service_codes(office)
    return codes is None or code in codes


def point_require(*, office: Office | None, code: str, name) -> None:
    """Refuse (NotAllowed) a business a service point does not accept, saying where to go instead: the desk's
    business page and case_accept give the same refusal."""
    if not point_accepts(office=office, code=code):
        raise NotAllowed(_("%(office)s does not accept “%(service)s” (the bureau sets what each level of service "
                           "point accepts): please send the applicant to the district's service hall.")
                         % {"office": office.name, "service": name}, code="point")
