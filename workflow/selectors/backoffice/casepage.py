"""Everything the case page shows, loaded in a fixed number of queries whatever the case's history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet, Subquery
from django.forms.utils import pretty_name
from django.utils import timezone

from accounts.models import Office, User
from workflow.models import Case, CaseEvent, CasePause, CaseStep
from workflow.registry import LimitUnit, ServiceSpec, registry
from workflow.rules.calendar import WorkCalendar
from workflow.rules.countdown import CALENDAR_DAY_SECONDS
from workflow.selectors.backoffice.cases import case_actions
from workflow.selectors.countdown import Countdown, case_countdown, working_duration


@dataclass(frozen=True)
class MaterialRow:
    code: str
    name: str
    required: bool
    received: bool
    missing: bool


@dataclass
class CasePage:
    case: Case
    countdown: Countdown
    summary: list[tuple[Any, Any]]
    checks: list[dict]
    materials: list[MaterialRow]
    events: list[CaseEvent]
    pauses: list[CasePause]
    steps: list[CaseStep]
    actions: frozenset[str]

    @property
    def missing_choices(self) -> list[tuple[str, str]]:
        return [(m.code, m.name) for m in self.materials if m.missing]

    @property
    def material_choices(self) -> list[tuple[str, str]]:
        return [(m.code, m.name) for m in self.materials if not m.received]


def _spec(case: Case) -> ServiceSpec | None:
    code = case.service.code
    return registry.get(code) if code in registry else None


_YES, _NO = "✓", "✗"


def _display(value: Any, field=None) -> str:
    """A stored value as text; choice values by their label. Autoescaping renders it safely."""
    choices = dict(getattr(field, "choices", None) or ()) if field is not None else {}
    if isinstance(value, bool):
        return str(_YES if value else _NO)
    if isinstance(value, list):
        return "、".join(_display(v, field) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if value is None or value == "":
        return "—"
    return str(choices.get(value, value))


def case_summary(case: Case) -> list[tuple[Any, Any]]:
    """The service's own summary rows when it offers them, else the case data with its form's labels."""
    spec = _spec(case)
    if spec is not None and spec.summary is not None:
        return list(spec.summary(case))
    fields = spec.form.base_fields if spec is not None and spec.form is not None else {}
    rows = []
    for key, value in (case.data or {}).items():
        form_field = fields.get(key)
        label = form_field.label if form_field is not None and form_field.label else pretty_name(str(key))
        rows.append((label, _display(value, form_field)))
    return rows


def case_materials(case: Case) -> list[MaterialRow]:
    received, missing = set(case.materials_received or ()), set(case.materials_missing or ())
    rows = [MaterialRow(m.code, m.name, m.required, m.code in received, m.code in missing)
            for m in case.service.materials.all()]
    known = {row.code for row in rows}
    for code in sorted((received | missing) - known):  # material a service no longer lists
        rows.append(MaterialRow(code, code, False, code in received, code in missing))
    return rows


def _pauses(case: Case, calendar: WorkCalendar) -> list[CasePause]:
    pauses = list(case.pauses.all())
    in_days = case.service.limit_unit == LimitUnit.CALENDAR_DAYS  # the extension is calendar time then
    for pause in pauses:
        pause.extension = working_duration(pause.extended_by_seconds,
                                           CALENDAR_DAY_SECONDS if in_days else calendar.day_seconds,
                                           calendar_days=in_days)
    return pauses


def case_page(*, case: Case, user: User, calendar: WorkCalendar, now: datetime | None = None) -> CasePage:
    """The case page's content: five queries besides the case itself (materials, events, pauses, steps)."""
    now = now or timezone.now()
    return CasePage(
        case=case,
        countdown=case_countdown(case, calendar=calendar, now=now),
        summary=case_summary(case),
        checks=[c for c in (case.checks or []) if isinstance(c, dict)],
        materials=case_materials(case),
        events=list(case.events.select_related("actor", "office")),
        pauses=_pauses(case, calendar),
        steps=list(case.steps.select_related("target_office", "target_user")),
        actions=case_actions(user=user, case=case),
    )


def office_reviewers(*, office_id: int | None) -> QuerySet[User]:
    """Active staff of an office who may review cases (through a role or a permission of their own)."""
    review = (Q(groups__permissions__codename="review_case", groups__permissions__content_type__app_label="workflow")
              | Q(user_permissions__codename="review_case",
                  user_permissions__content_type__app_label="workflow"))
    return (User.objects.filter(office_id=office_id, is_active=True, kind=User.Kind.STAFF)
            .filter(pk__in=User.objects.filter(review).values("pk")).order_by("staff_number", "pk"))


def other_back_offices(*, case: Case) -> QuerySet[Office]:
    """Offices of the deciding office's kind (a back office's case goes to a back office, an inspection team's
    to an inspection team), read in the same query."""
    same_kind = Office.objects.filter(pk=case.jurisdiction_office_id).values("kind")[:1]
    return (Office.objects.filter(kind=Subquery(same_kind), is_active=True)
            .exclude(pk=case.jurisdiction_office_id).select_related("region").order_by("region__path", "code"))
