"""Which halls a user may see, and a hall's screens."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Office, User
from counter.models import HallScreen


def halls_visible_to(*, user: User) -> QuerySet[Office]:
    """Hall staff see their own hall; other offices the halls of their region's subtree (a district's back office
    its district's hall, the city's leadership every hall)."""
    halls = Office.objects.filter(kind=Office.Kind.HALL, is_active=True).select_related("region")
    if not user.is_authenticated or user.kind != User.Kind.STAFF or user.office_id is None:
        return halls.none()
    office = user.office
    if office.kind == Office.Kind.HALL:
        return halls.filter(pk=office.pk)
    return halls.filter(region__path__startswith=office.region.path).order_by("region__path", "code")


def hall_chosen(*, user: User, code: str | None) -> Office | None:
    """The hall a page shows: the one asked for if the user may see it, else their first."""
    halls = halls_visible_to(user=user)
    if code:
        chosen = halls.filter(code=code).first()
        if chosen is not None:
            return chosen
    return halls.first()


def screen_by_token(*, token: str) -> HallScreen | None:
    """The hall behind a screen key (a wrong, rotated or inactive one finds nothing)."""
    if not token or len(token) > 64:
        return None
    return (HallScreen.objects.select_related("hall")
            .filter(token=token, hall__kind=Office.Kind.HALL, hall__is_active=True).first())


def screens_of(*, halls: QuerySet[Office]) -> list[HallScreen]:
    return list(HallScreen.objects.filter(hall__in=halls).select_related("hall").order_by("hall__code"))
