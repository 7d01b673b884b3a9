"""What several apps' admins share."""

import functools

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class ReadOnlyAdminMixin:
    """Records the services write: the admin shows them; changes go through the business, never the admin.

    Audit records (login logs, the API request log, case timelines, the SMS outbox, the admin's own log) use it
    too: without the change and delete permissions the admin refuses their change and delete pages (403) for
    every user, superusers included, and offers no "delete selected" bulk action.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FixedRowsAdminMixin:
    """Rule rows the code reads by their code (time limits, proof methods, evidence kinds, services): the bureau
    edits their figures; it neither adds a row (nothing would read it) nor deletes one (a service reads it)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _BoundedFilters:
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as exc:
            raise IncorrectLookupParameters(exc) from exc


@functools.cache
def _bounded(changelist: type[ChangeList]) -> type[ChangeList]:
    return type(f"Bounded{changelist.__name__}", (_BoundedFilters, changelist), {})


def bound_date_hierarchies(site) -> None:
    """A date hierarchy reads its year, month and day from the address: a year of 10**20 or 9999 made Django's
    change list raise (OverflowError, or ValueError past the year 9999) and answer 500. Every change list with one,
    ours and third-party ones (axes), refuses them as the admin refuses any wrong filter: back to the list with its
    "?e=1" notice. Called once the admin modules are loaded (AdminConfig.ready runs first)."""
    for model_admin in site._registry.values():
        if model_admin.date_hierarchy and not getattr(model_admin.get_changelist, "bounded", False):
            original = model_admin.get_changelist

            def get_changelist(request, original=original, **kwargs):
                return _bounded(original(request, **kwargs))

            get_changelist.bounded = True
            model_admin.get_changelist = get_changelist
