"""The figures an operator watches (served at /metrics): open and overdue cases per office, the SMS backlog.

Each is one query whatever the amount of data, so a scrape every few seconds costs the database nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min

from accounts.models import Office
from accounts.models.places import DECIDING_KINDS
from workflow.models import Case, OutboundMessage
from workflow.selectors.backoffice.cases import WORKING, overdue_q

UNSENT = (OutboundMessage.Status.QUEUED, OutboundMessage.Status.SENDING)


@dataclass(frozen=True)
class OfficeCaseFigures:
    office: str  # the office code ("-" for cases with no deciding office yet)
    open: int
    overdue: int


def case_figures_by_office(*, now: datetime) -> list[OfficeCaseFigures]:
    """Every active back office (zero included, so a graph does not lose it) and any other office holding open
    cases: open cases (the back office's work list: routed, in review, waiting for material) and overdue ones
    (the rule of the office head's board, overdue_q). Two queries."""
    offices = dict(Office.objects.filter(kind__in=DECIDING_KINDS, is_active=True).values_list("pk", "code"))
    rows = (Case.objects.filter(status__in=WORKING).order_by().values("jurisdiction_office_id",
                                                                      "jurisdiction_office__code")
            .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_q(now))))
    counts = {office_id: (code, 0, 0) for office_id, code in offices.items()}
    for row in rows:
        counts[row["jurisdiction_office_id"]] = (row["jurisdiction_office__code"] or "-", row["open"], row["overdue"])
    return sorted((OfficeCaseFigures(office=code, open=open_, overdue=overdue)
                   for code, open_, overdue in counts.values()), key=lambda figures: figures.office)


@dataclass(frozen=True)
class OutboxFigures:
    backlog: int
    oldest_unsent_seconds: float


def outbox_figures(*, now: datetime) -> OutboxFigures:
    """Messages not yet handed to the provider (queued, or being sent) and the age of the oldest. One query."""
    row = OutboundMessage.objects.filter(status__in=UNSENT).aggregate(backlog=Count("pk"), oldest=Min("created_at"))
    oldest = row["oldest"]
    return OutboxFigures(backlog=row["backlog"],
                         oldest_unsent_seconds=max((now - oldest).total_seconds(), 0.0) if oldest else 0.0)


__all__ = ["OfficeCaseFigures", "OutboxFigures", "case_figures_by_office", "outbox_figures"]
