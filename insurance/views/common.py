"""Small helpers the insurance views share."""

from __future__ import annotations

from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int = 50):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
