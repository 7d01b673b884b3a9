"""Queue tickets each clerk served: the work the access log weighs their reading of persons against."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count

from counter.models import Ticket


def tickets_served(user_ids: list[int], since: datetime) -> dict[int, int]:
    """Tickets each clerk called to their window since a moment (one query)."""
    rows = (Ticket.objects.filter(clerk_id__in=user_ids, called_at__gte=since).values("clerk_id")
            .annotate(n=Count("pk")).order_by())
    return {row["clerk_id"]: row["n"] for row in rows}
