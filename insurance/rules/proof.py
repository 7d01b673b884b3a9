"""Pensioners' proof of life: once every 12 months, warned ahead, suspended when overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from insurance.rules.months import add_months

INTERVAL_MONTHS = 12
WARN_DAYS_BEFORE = 30

OK, DUE, OVERDUE = "ok", "due", "overdue"


def next_due(proved_on: date) -> date:
    return add_months(proved_on, INTERVAL_MONTHS)


def proof_state(*, due: date, today: date) -> str:
    if today > due:
        return OVERDUE
    if today >= due - timedelta(days=WARN_DAYS_BEFORE):
        return DUE
    return OK


@dataclass(frozen=True)
class Evidence:
    """A record showing the pensioner was present (silent certification): its kind (a SilentEvidenceKind code),
    its reference (unique per kind: it proves once), and when."""

    kind: str
    ref: str
    on: date
    at: datetime
