"""What the employer's pages share: the access rules, the employer of the user, pagination."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator

from accounts.models import Employer, User

USE = "accounts.use_employer_site"
MANAGE = (USE, "accounts.manage_employer_users")


def employer_of(request, *, with_region: bool = False) -> Employer:
    """The employer whose data the page shows: always the user's own (every lookup is scoped to it); with_region
    reads its region in the same query, for a page that shows it."""
    user = request.user
    if with_region and getattr(user, "employer_id", None) and not User.employer.is_cached(user):
        user.employer = Employer.objects.select_related("region").filter(pk=user.employer_id).first()
    employer = getattr(user, "employer", None)
    if employer is None:
        raise PermissionDenied
    return employer


def paginate(request, items, per_page: int, param: str = "page") -> Page:
    return Paginator(items, per_page).get_page(request.GET.get(param))
