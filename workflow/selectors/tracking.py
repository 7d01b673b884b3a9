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

from accounts.models import Office, Person, User
from workflow.models import Case, CaseEvent, ServiceMaterial, ServiceType
from workflow.permissions import case_scope
from workflow.registry import Kind, LimitUnit, registry
from workflow.rules.codes import format_tracking_code, is_well_formed_tracking_code, normalize_tracking_code
from workflow.rules.countdown import countdown
from workflow.rules.states import FINAL, Status
from workflow.services.calendar import work_calendar_cached

# Looked up in place of a malformed code: the same single indexed query runs whatever was typed, so that
# a malformed code costs what an unknown one costs. "U" is not in the tracking alphabet: it never matches.
_NEVER_A_CODE = "U" * 16

# What the applicant sees of the timeline; reminders, warnings and escalations are the bureau's own business.
PUBLIC_EVENTS = (
    CaseEvent.Kind.ACCEPTED, CaseEvent.Kind.ROUTED, CaseEvent.Kind.CLAIMED, CaseEvent.Kind.ASSIGNED,
    CaseEvent.Kind.RELEASED, CaseEvent.Kind.REASSIGNED, CaseEvent.Kind.SUPPLEMENT_REQUESTED,
    CaseEvent.Kind.SUPPLEMENT_RECEIVED, CaseEvent.Kind.APPROVED, CaseEvent.Kind.REJECTED,
    CaseEvent.Kind.COMPLETED, CaseEvent.Kind.WITHDRAWN, CaseEvent.Kind.DEADLINE_CHANGED,
)
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
# The lookup reads one table, only the columns the page needs (never the application data).
_TRACKING_FIELDS = (
    "id", "number", "status", "materials_missing", "deadline", "paused_at", "decided_at", "closed_at",
    "updated_at", "service_id", "accepted_office_id", "jurisdiction_office_id",
)


@dataclass(frozen=True)
class Stage:
    label: str
    state: str  # "done", "current" or "todo"


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    label: str
    office: str
    handler: str  # a staff number, "the applicant" or "the system"; never a name

    @property
    def when(self) -> str:
        return timezone.localtime(self.at).strftime("%Y-%m-%d %H:%M")


class TrackedCase:
    """What the public may read of a case. The countdown is computed at once; all the rest is read when the
    page first asks for it, which is once per version of the case: the page caches it (see `version`)."""

    def __init__(self, case: Case, *, code: str, reference: _Reference, now: datetime):
        """`case` holds only the columns of _TRACKING_FIELDS (reading any other would cost a query)."""
        self.code = format_tracking_code(code)  # in groups of four
        self.case_id, self.number, self.status = case.pk, case.number, case.status
        self._missing = case.materials_missing
        self.deadline, self.paused_at, self.decided_at, self.closed_at = (
            case.deadline, case.paused_at, case.decided_at, case.closed_at)
        self._service_id, self._accepted_office_id = case.service_id, case.accepted_office_id
        self._deciding_office_id, updated_at = case.jurisdiction_office_id, case.updated_at
        self._reference = reference
        self._service = reference.services[self._service_id]  # (name_zh, name_en, kind, limit_unit)
        self.is_immediate = self._service[2] == Kind.IMMEDIATE
        # The one countdown every screen shows (workflow.rules.countdown), on the pages' shared calendar.
        self.countdown = countdown(status=self.status, deadline=self.deadline, paused_at=self.paused_at,
                                   decided_at=self.decided_at, closed_at=self.closed_at,
                                   calendar=work_calendar_cached(), now=now,
                                   calendar_days=self._service[3] == LimitUnit.CALENDAR_DAYS)
        # Moves with every status change and timeline step (each saves the case).
        self.version = f"{self.case_id}.{updated_at:%Y%m%d%H%M%S%f}.{self.status}"

    def _office(self, pk: int | None) -> tuple[str, str]:
        return self._reference.offices.get(pk, ("", ""))

    @property
    def service(self) -> str:
        return self._service[1] if translation.get_language() == "en" else self._service[0]

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

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

    @cached_property
    def _parties(self) -> tuple[str, str]:
        """One query: the masked applicant, and the accepting clerk's staff number."""
        person, employer, clerk_kind, clerk_number = Case.objects.filter(pk=self.case_id).values_list(
            "person__name", "employer__name", "accepted_by__kind", "accepted_by__staff_number").get()
        return _applicant(person, employer), _handler(clerk_kind, clerk_number)

    @property
    def applicant(self) -> str:
        """The masked surname (and the masked name of an employer)."""
        return self._parties[0]

    @property
    def accepted_by(self) -> str:
        """The accepting clerk's staff number ("the applicant" for what they started online)."""
        return self._parties[1]

    @cached_property
    def timeline(self) -> tuple[TimelineEntry, ...]:
        """One query, whatever the number of steps."""
        return _timeline(self.case_id, self._reference.offices)


def mask_organisation_name(name: str) -> str:
    """An employer's name with its middle hidden: 东营胜利石油装备有限公司 -> 东营******有限公司."""
    name = (name or "").strip()
    if len(name) <= 4:
        return name[:1] + "*" * max(len(name) - 1, 1)
    if len(name) <= 8:
        return name[:2] + "*" * (len(name) - 2)
    return name[:2] + "*" * (len(name) - 6) + name[-4:]


def _applicant(person_name: str | None, employer_name: str | None) -> str:
    parts = []
    if person_name is not None:
        parts.append(Person(name=person_name).masked_name)
    if employer_name is not None:
        parts.append(mask_organisation_name(employer_name))
    return " · ".join(parts)


def _stages(status: str, immediate: bool) -> tuple[Stage, ...]:
    final = status in FINAL or status == Status.APPROVED
    outcome = str(Status(status).label) if final else _("Outcome")
    labels = [_("Accepted"), outcome] if immediate else [_("Accepted"), _("With the back office"), _("In review"),
                                                          outcome]
    current = (len(labels) - 1) if (immediate or final) else _STEP[status]
    return tuple(
        Stage(label, "done" if i < current or (i == current and final) else "current" if i == current else "todo")
        for i, label in enumerate(labels)
    )


def _handler(kind: str | None, staff_number: str | None) -> str:
    if kind == User.Kind.STAFF:
        return _("Staff no. %(number)s") % {"number": staff_number} if staff_number else ""
    if kind in (User.Kind.RESIDENT, User.Kind.EMPLOYER):
        return _("the applicant")
    if kind == User.Kind.SYSTEM:
        return _("the system")
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


def _timeline(case_id: int, offices: dict[int, tuple[str, str]]) -> tuple[TimelineEntry, ...]:
    """The public steps of the timeline, in order: one query, whatever the number of events."""
    labels = dict(CaseEvent.Kind.choices)
    rows = CaseEvent.objects.filter(case_id=case_id, kind__in=PUBLIC_EVENTS).values_list(
        "at", "kind", "office_id", "actor__kind", "actor__staff_number")
    return tuple(
        TimelineEntry(at=at, label=str(labels.get(kind, kind)), office=offices.get(office, ("", ""))[0],
                      handler=_handler(actor_kind, number))
        for at, kind, office, actor_kind, number in rows
    )


def _material_names(reference: _Reference, service_id: int, missing: list[str], english: bool) -> tuple[str, ...]:
    known = [reference.materials.get((service_id, code)) for code in missing]
    names = [pair[1 if english else 0] for pair in known if pair is not None]
    if len(names) < len(missing):
        names.append(_("Other material: see the notice from the office"))
    return tuple(names)


def case_tracking(*, code: str, now: datetime | None = None) -> TrackedCase | None:
    """The public view of the case with this tracking code (as typed or scanned), or None.

    One indexed lookup of one table (the same query for malformed codes). The masked applicant with the
    clerk's staff number, and the public timeline whatever its length, are one more query each, made only
    when first read: the page reads them once per version of the case. Names of offices, services and
    materials and the working-day calendar come from the cache (see _reference).
    """
    normalized = normalize_tracking_code(code)
    lookup = normalized if is_well_formed_tracking_code(normalized) else _NEVER_A_CODE
    case = _lookup(lookup)
    if case is None:
        return None
    offices = {pk for pk in (case.accepted_office_id, case.jurisdiction_office_id) if pk is not None}
    return TrackedCase(case, code=lookup, reference=_reference(service_id=case.service_id, office_ids=offices),
                       now=now or timezone.now())


def _lookup(code: str) -> Case | None:
    """The case's tracking columns by one indexed query. The SQL is compiled once per process and the row turned
    into a Case with the fields' own converters: on the page's one query of every view, compiling a queryset (or
    a raw queryset's column resolution) would cost the server more than the database spends running it."""
    sql, attnames = _lookup_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [code])
        row = cursor.fetchone()
    if row is None:
        return None
    fields = _lookup_fields(connection.vendor)
    by_name = {name: value if convert is None else convert(value)
               for name, value, convert in zip(attnames, row, fields, strict=True)}
    # Model.from_db takes the values in the order of the model's fields.
    ordered = [f.attname for f in Case._meta.concrete_fields if f.attname in by_name]
    return Case.from_db(connection.alias, ordered, [by_name[name] for name in ordered])


@cache_once
def _lookup_sql() -> tuple[str, list[str]]:
    queryset = Case.objects.filter(tracking_code="").order_by().values_list(*_TRACKING_FIELDS)[:1]
    sql = queryset.query.sql_with_params()[0]
    return sql, [Case._meta.get_field(name).attname for name in _TRACKING_FIELDS]


@cache_once
def _lookup_fields(vendor: str) -> list:
    """For each column, a function turning the database's value into Python's (None where none is needed)."""
    converters = []
    for name in _TRACKING_FIELDS:
        field = Case._meta.get_field(name)
        backend = connection.ops.get_db_converters(field.get_col(Case._meta.db_table))
        own = [field.from_db_value] if hasattr(field, "from_db_value") else []
        chain = backend + own
        if not chain:
            converters.append(None)
            continue
        expression = field.get_col(Case._meta.db_table)
        converters.append(lambda value, chain=chain, expression=expression: _apply(chain, value, expression))
    return converters


def _apply(chain, value, expression):
    for convert in chain:
        value = convert(value, expression, connection)
    return value


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
