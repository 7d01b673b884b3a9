"""Reads for receipts and the public tracking page: a case by its tracking code, shown without personal data.

The public page never receives a Case: `case_tracking` returns a `TrackedCase` holding only what the
public may read (the masked applicant, offices, staff numbers, times), so a template cannot reach the
identity number, the name, the phone, the address or the application data even by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache as cache_once
from functools import cached_property

from django.core.cache import caches
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Office, User
from workflow.models import Case, CaseEvent, ServiceMaterial, ServiceType
from workflow.models.timeline import PUBLIC_EVENTS
from workflow.permissions import case_scope
from workflow.registry import Kind, LimitUnit, registry
from workflow.rules.codes import format_tracking_code, is_well_formed_tracking_code, normalize_tracking_code
from workflow.rules.countdown import countdown
from workflow.rules.states import FINAL, Status
from workflow.selectors.timeline import mask_organisation_name, public_timeline_compute
from workflow.services.calendar import work_calendar_cached

__all__ = ["PUBLIC_EVENTS", "Receipt", "Stage", "TimelineEntry", "TrackedCase", "case_receipt", "case_tracking",
           "mask_organisation_name"]

# Looked up in place of a malformed code: the same single indexed query runs whatever was typed, so that
# a malformed code costs what an unknown one costs. "U" is not in the tracking alphabet: it never matches.
_NEVER_A_CODE = "U" * 16

# The small tables a page reads names from (offices, services, materials): shared through the cache for a few
# minutes, since the bureau edits them rarely and a tracking page is read often (the working-day calendar is
# shared likewise: workflow.services.calendar). A row created since is found by reloading; a rename shows within
# REFERENCE_SECONDS.
_REFERENCE_KEY = "workflow:tracking:reference:v1"
REFERENCE_SECONDS = 300
_STEP = {
    Status.ACCEPTED: 0, Status.ROUTED: 1, Status.IN_REVIEW: 2, Status.SUPPLEMENT_REQUESTED: 2,
    Status.APPROVED: 3, Status.COMPLETED: 3, Status.REJECTED: 3, Status.WITHDRAWN: 3,
}
# The lookup reads the case's own columns the page needs (never the application data) and its public timeline
# (workflow.models.timeline), kept up to date by the services that write events: one row of each, one query.
_TRACKING_FIELDS = (
    "id", "number", "status", "materials_missing", "deadline", "paused_at", "decided_at", "closed_at",
    "service_id", "accepted_office_id", "jurisdiction_office_id",
    "public_timeline__case_id", "public_timeline__applicant", "public_timeline__clerk_kind",
    "public_timeline__clerk_number", "public_timeline__events",
)


@cache_once
def _words(language: str | None) -> dict:
    """The page's fixed words in one language, translated once per process (translations do not change while it
    runs): labels of steps and statuses, names of stages, how handlers are named."""
    with translation.override(language):
        return {
            "kinds": {kind: str(label) for kind, label in CaseEvent.Kind.choices},
            "statuses": {status: str(label) for status, label in Status.choices},
            "stages": (_("Accepted"), _("With the back office"), _("In review"), _("Outcome")),
            "prefixes": {"done": _("Done:"), "current": _("Now:"), "todo": _("Next:")},
            "staff": _("Staff no. %(number)s"), "applicant": _("the applicant"), "system": _("the system"),
        }


@dataclass(frozen=True)
class Stage:
    label: str
    state: str  # "done", "current" or "todo"

    @property
    def current(self) -> bool:
        return self.state == "current"

    @property
    def prefix(self) -> str:
        """What a screen reader says before the label."""
        return _words(translation.get_language())["prefixes"][self.state]


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    label: str
    office: str
    handler: str  # a staff number, "the applicant" or "the system"; never a name

    @property
    def when(self) -> str:
        return timezone.localtime(self.at).strftime("%Y-%m-%d %H:%M")

    @property
    def iso(self) -> str:
        return self.at.isoformat()

    @property
    def where(self) -> str:
        """The office and the handler, as far as known: "广饶县人社服务大厅 · Staff no. G3705230001"."""
        return " · ".join(part for part in (self.office, self.handler) if part)


class TrackedCase:
    """What the public may read of a case, from the one row of case_tracking's query. The countdown is computed
    at once, on the shared calendar; the rest when the page first asks for it, without a query (but for a case
    without a public timeline: then two, see `_public`)."""

    def __init__(self, row: tuple, *, code: str, reference: _Reference, now: datetime):
        """`row`: the values of _TRACKING_FIELDS."""
        self.code = format_tracking_code(code)  # in groups of four
        (self.case_id, self.number, self.status, self._missing, self.deadline, self.paused_at, self.decided_at,
         self.closed_at, self._service_id, self._accepted_office_id, self._deciding_office_id,
         has_public, applicant, clerk_kind, clerk_number, events) = row
        if has_public is not None:
            self._public = {"applicant": applicant, "clerk_kind": clerk_kind, "clerk_number": clerk_number,
                            "events": events}
        self._reference = reference
        self._service = reference.services[self._service_id]  # (name_zh, name_en, kind, limit_unit)
        self.is_immediate = self._service[2] == Kind.IMMEDIATE
        # The one countdown every screen shows (workflow.rules.countdown), on the pages' shared calendar.
        self.countdown = countdown(status=self.status, deadline=self.deadline, paused_at=self.paused_at,
                                   decided_at=self.decided_at, closed_at=self.closed_at,
                                   calendar=work_calendar_cached(), now=now,
                                   calendar_days=self._service[3] == LimitUnit.CALENDAR_DAYS)

    @property
    def has_ended(self) -> bool:
        """Whether the case has ended, so that whoever holds its receipt may rate it (workflow.views.ratings)."""
        return self.status in FINAL

    @cached_property
    def _public(self) -> dict:
        """A case without a public timeline (written by a bulk generator, say): computed afresh, two queries."""
        return public_timeline_compute(self.case_id)

    def _office(self, pk: int | None) -> tuple[str, str]:
        return self._reference.offices.get(pk, ("", ""))

    @property
    def service(self) -> str:
        return self._service[1] if translation.get_language() == "en" else self._service[0]

    @property
    def status_label(self) -> str:
        return _words(translation.get_language())["statuses"][self.status]

    @property
    def status_badge(self) -> str:
        """The class of the status badge."""
        if self.status in (Status.COMPLETED, Status.APPROVED):
            return "badge-ok"
        if self.status == Status.REJECTED:
            return "badge-danger"
        return "badge-warn" if self.status == Status.SUPPLEMENT_REQUESTED else "badge-info"

    @property
    def stages(self) -> tuple[Stage, ...]:
        return _stages(self.status, self.is_immediate)

    @property
    def waiting_for_material(self) -> bool:
        return self.status == Status.SUPPLEMENT_REQUESTED

    @property
    def materials_missing(self) -> tuple[str, ...]:
        english = translation.get_language() == "en"
        return _material_names(self._reference, self._service_id, self._missing or [], english)

    @property
    def accepted_office(self) -> str:
        return self._office(self._accepted_office_id)[0]

    @property
    def deciding_office(self) -> str:
        return self._office(self._deciding_office_id)[0]

    @property
    def deciding_office_phone(self) -> str:
        return self._office(self._deciding_office_id)[1]

    @property
    def applicant(self) -> str:
        """The masked surname (and the masked name of an employer)."""
        return self._public["applicant"]

    @property
    def accepted_by(self) -> str:
        """The accepting clerk's staff number ("the applicant" for what they started online)."""
        return _handler(self._public["clerk_kind"] or None, self._public["clerk_number"])

    @cached_property
    def timeline(self) -> tuple[TimelineEntry, ...]:
        """The public steps, in order (entries are appended as written: sorted here, by time and then id)."""
        words = _words(translation.get_language())
        labels, offices = words["kinds"], self._reference.offices
        return tuple(
            TimelineEntry(at=datetime.fromisoformat(at), label=labels.get(kind, kind),
                          office=offices.get(office, ("", ""))[0], handler=_handler(actor_kind, number, words))
            for at, kind, office, actor_kind, number, _id in sorted(self._public["events"],
                                                                    key=lambda e: (e[0], e[5] or 0))
        )


def _stages(status: str, immediate: bool) -> tuple[Stage, ...]:
    words = _words(translation.get_language())
    final = status in FINAL or status == Status.APPROVED
    accepted, back_office, in_review, outcome = words["stages"]
    outcome = words["statuses"][status] if final else outcome
    labels = [accepted, outcome] if immediate else [accepted, back_office, in_review, outcome]
    current = (len(labels) - 1) if (immediate or final) else _STEP[status]
    return tuple(
        Stage(label, "done" if i < current or (i == current and final) else "current" if i == current else "todo")
        for i, label in enumerate(labels)
    )


def _handler(kind: str | None, staff_number: str | None, words: dict | None = None) -> str:
    words = words or _words(translation.get_language())
    if kind == User.Kind.STAFF:
        return words["staff"] % {"number": staff_number} if staff_number else ""
    if kind in (User.Kind.RESIDENT, User.Kind.EMPLOYER):
        return words["applicant"]
    if kind == User.Kind.SYSTEM:
        return words["system"]
    return ""


@dataclass(frozen=True)
class _Reference:
    services: dict[int, tuple[str, str, str, str]]  # id: (name_zh, name_en, kind, limit_unit)
    offices: dict[int, tuple[str, str]]  # id: (name, phone)
    materials: dict[tuple[int, str], tuple[str, str]]  # (service id, code): (name_zh, name_en)


def _reference(*, service_id: int, office_ids: set[int]) -> _Reference:
    cache = caches["local"]  # per process: names change rarely and every page view needs them
    reference = cache.get(_REFERENCE_KEY)
    if reference is None or service_id not in reference.services or not office_ids <= reference.offices.keys():
        reference = _Reference(
            services={pk: rest for pk, *rest in ServiceType.objects.values_list(
                "pk", "name_zh", "name_en", "kind", "limit_unit")},
            offices={pk: (name, phone) for pk, name, phone in Office.objects.values_list("pk", "name", "phone")},
            materials={(sid, code): (zh, en) for sid, code, zh, en in ServiceMaterial.objects.values_list(
                "service_id", "code", "name_zh", "name_en")},
        )
        cache.set(_REFERENCE_KEY, reference, REFERENCE_SECONDS)
    return reference


def _material_names(reference: _Reference, service_id: int, missing: list[str], english: bool) -> tuple[str, ...]:
    known = [reference.materials.get((service_id, code)) for code in missing]
    names = [pair[1 if english else 0] for pair in known if pair is not None]
    if len(names) < len(missing):
        names.append(_("Other material: see the notice from the office"))
    return tuple(names)


def case_tracking(*, code: str, now: datetime | None = None) -> TrackedCase | None:
    """The public view of the case with this tracking code (as typed or scanned), or None.

    One indexed lookup: the case's columns and its public timeline (the same query for malformed codes). Names of
    offices, services and materials and the working-day calendar come from the process's cache (see _reference).
    """
    normalized = normalize_tracking_code(code)
    lookup = normalized if is_well_formed_tracking_code(normalized) else _NEVER_A_CODE
    row = _lookup(lookup)
    if row is None:
        return None
    service_id, accepted_office_id, deciding_office_id, events = row[8], row[9], row[10], row[15]
    offices = {pk for pk in (accepted_office_id, deciding_office_id) if pk is not None}
    offices.update(entry[2] for entry in events or () if entry[2] is not None)
    return TrackedCase(row, code=lookup, reference=_reference(service_id=service_id, office_ids=offices),
                       now=now or timezone.now())


def _lookup(code: str) -> tuple | None:
    """The row of _TRACKING_FIELDS by one indexed query. The SQL is compiled once per process and the values turned
    into Python's by the fields' own converters: on the page's one query of every view, compiling a queryset would
    cost the server more than the database spends running it."""
    sql, converters = _lookup_plan(connection.alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, [code])
        row = cursor.fetchone()
    if row is None:
        return None
    row = list(row)
    for index, (functions, expression) in converters:
        value = row[index]
        for convert in functions:
            value = convert(value, expression, connection)
        row[index] = value
    return tuple(row)


@cache_once
def _lookup_plan(alias: str) -> tuple[str, list]:
    """The lookup's SQL (its one parameter: the code) and, per column that needs them, the converters."""
    queryset = Case.objects.filter(tracking_code="").order_by().values_list(*_TRACKING_FIELDS)[:1]
    compiler = queryset.query.get_compiler(alias)
    sql, _params = compiler.as_sql()  # the one parameter: the code
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
    return sql, sorted(converters.items())


# --- Receipts -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    case: Case
    materials_received: tuple[str, ...]
    materials_missing: tuple[str, ...]
    summary: tuple[tuple[str, str], ...]


def case_receipt(*, user: User, number: str) -> Receipt | None:
    """The receipt of a case the user may see (the offices that handle it, leaders, the applicant), or None.

    Two queries (the case with its service, applicant, offices and clerk; the service's materials), plus
    whatever the service's own summary reads.
    """
    visible = case_scope(user).q  # the rule workflow.permissions.can_view reads too
    if visible is None:
        return None
    try:
        case = (Case.objects.filter(visible)
                .select_related("service", "person", "employer", "accepted_office", "accepted_by",
                                "jurisdiction_office")
                .get(number=number))
    except Case.DoesNotExist:
        return None
    names = {m.code: m.name for m in case.service.materials.all()}
    return Receipt(
        case=case,
        materials_received=tuple(names.get(code, code) for code in case.materials_received),
        materials_missing=tuple(names.get(code, code) for code in case.materials_missing),
        summary=_summary(case),
    )


def _summary(case: Case) -> tuple[tuple[str, str], ...]:
    if case.service.code not in registry:
        return ()
    spec = registry.get(case.service.code)
    if spec.summary is None:
        return ()
    return tuple((str(label), str(value)) for label, value in spec.summary(case))
