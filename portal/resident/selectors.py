"""Reads of the resident's online service, each scoped to the resident who asks and with a fixed query count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import memo
from accounts.identifiers import names_match
from accounts.models import Person, User
from accounts.rows import choice_labels
from accounts.selectors import person_by_id_number
from counter.models import Appointment
from insurance.selectors import carried_over, contribution_history, is_pensioner
from insurance.selectors.statements import statements_of
from portal.resident import rules
from portal.resident.charts import history_chart
from workflow import permissions, profiles
from workflow.models import Case, CaseDocument, CaseEvent, ServiceType
from workflow.registry import Applicant, Channel, Check, ServiceSpec, registry
from workflow.rules.calendar import WorkCalendar
from workflow.rules.states import DECIDED, FINAL, OPEN, Status
from workflow.selectors.backoffice.casepage import MaterialRow, case_materials, case_summary
from workflow.selectors.catalogue import CatalogueEntry, catalogue, catalogue_entry, catalogue_specs
from workflow.selectors.countdown import Countdown, case_countdown
from workflow.selectors.tracking import PUBLIC_EVENTS
from workflow.services import work_calendar_cached

PER_PAGE = 20
# Timeline notes the applicant reads: what the office asks for, its decision, their own words.
APPLICANT_NOTES = frozenset({CaseEvent.Kind.SUPPLEMENT_REQUESTED, CaseEvent.Kind.SUPPLEMENT_RECEIVED,
                             CaseEvent.Kind.APPROVED, CaseEvent.Kind.REJECTED, CaseEvent.Kind.WITHDRAWN})


# --- Identity ----------------------------------------------------------------------------------------------

def person_matching(*, id_number: str, name: str) -> Person | None:
    """The person with this identity number, if the name matches too (1 query). Whatever fails, None."""
    person = person_by_id_number(id_number=id_number)
    if person is None or not names_match(name, person.name):
        return None
    return person


def login_of(*, person: Person) -> User | None:
    return User.objects.filter(person=person, kind=User.Kind.RESIDENT).first()


def resident_person(*, user: User) -> Person:
    """The logged-in resident's person with the regions their facts show (1 query)."""
    return Person.objects.select_related("hukou_region", "residence_region").get(pk=user.person_id)


# --- The online catalogue ----------------------------------------------------------------------------------

Entry = CatalogueEntry


def online_specs(*, person: Person) -> dict[str, ServiceSpec]:
    """Business the person may start online for themselves (no employer involved; each service's open_to rule)."""
    return catalogue_specs(channel=Channel.ONLINE, applicants=[Applicant.PERSON], person=person)


def online_catalogue(*, person: Person) -> list[tuple[str, str, list[Entry]]]:
    """The online business the person may start for themselves (no employer involved, and only what the domain
    rules open to them), by domain (code, name, entries), the most used first (1 query and the open_to rules)."""
    domains: dict[str, list[Entry]] = {}  # in the order of each domain's most used business
    for entry in catalogue(channel=Channel.ONLINE, applicants=[Applicant.PERSON], person=person):
        domains.setdefault(entry.spec.domain, []).append(entry)
    return [(code, registry.domain_label(code), entries) for code, entries in domains.items()]


def online_entry(*, code: str, person: Person) -> Entry | None:
    """One online business with its materials (2 queries and its open_to rule), or None when the person cannot
    start it online."""
    return catalogue_entry(channel=Channel.ONLINE, applicants=[Applicant.PERSON], code=code, person=person)


# --- Prompts -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PromptLink:
    check: Check
    service: ServiceType | None  # the business the prompt suggests, if any
    online: bool  # startable here
    at_kiosk: bool
    at_counter: bool


def prompts_for(*, person: Person) -> list[PromptLink]:
    """The prompts the domain rules raise for the person, each with the business it suggests (1 query for the
    names, when something is suggested)."""
    raised = [c for c in profiles.prompts(person) if not c.passed]
    codes = {c.suggests for c in raised if c.suggests and c.suggests in registry}
    names = {s.code: s for s in ServiceType.objects.filter(code__in=codes, is_active=True)} if codes else {}
    online = online_specs(person=person) if raised else {}
    links = []
    for check in raised:
        service = names.get(check.suggests)
        channels = registry.get(check.suggests).channels if service is not None else frozenset()
        links.append(PromptLink(check=check, service=service, online=service is not None and service.code in online,
                                at_kiosk=Channel.KIOSK in channels, at_counter=Channel.COUNTER in channels))
    return links


# --- My records --------------------------------------------------------------------------------------------

def my_records(*, person: Person) -> dict:
    """The whole picture the domain apps register, the prompts, and the contribution history by year (the facts
    several sections and rules read, such as the card, the pension and the carried-over record, read once)."""
    with memo.read_once():
        history = contribution_history(person=person)
        return {"sections": profiles.profile(person), "prompts": prompts_for(person=person),
                "chart": history_chart(history), "carried": carried_over(person=person)}


def my_statements(*, person: Person) -> list:
    return statements_of(person=person)


# --- My cases ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MyCase:
    case: Case
    countdown: Countdown
    status_label: str = ""  # the case's get_status_display(), from labels translated once per page
    channel_label: str = ""

    @property
    def stages(self) -> tuple[rules.Stage, ...]:
        return rules.stages(self.case.status, immediate=self.case.service.is_immediate)

    @property
    def waiting_for_me(self) -> bool:
        return self.case.status == Status.SUPPLEMENT_REQUESTED


def my_cases_queryset(*, person: Person) -> QuerySet[Case]:
    return Case.objects.filter(person=person).select_related("service", "jurisdiction_office", "accepted_office")


# What a case in a list does not show: its application data, checks, result and materials (JSON decoded for
# nothing, twenty times a page).
LIST_DEFERRED = ("data", "checks", "result", "materials_received", "materials_missing")


def _my_cases(cases, *, calendar: WorkCalendar, now: datetime) -> list[MyCase]:
    """Each case with its countdown and its status and channel in words (the labels translated once for the
    list: a model's get_FOO_display rebuilds its choices at every call)."""
    statuses, channels = choice_labels(Case), choice_labels(Case, "channel")
    return [MyCase(c, case_countdown(c, calendar=calendar, now=now), status_label=statuses.get(c.status, c.status),
                   channel_label=channels.get(c.channel, c.channel)) for c in cases]


def my_cases(*, person: Person, show: str = "all", page: int | str = 1,
             now: datetime | None = None) -> tuple[Page, list[MyCase]]:
    """Every case of the person from every channel, newest first, a page at a time (3 queries: count, page,
    calendar)."""
    cases = my_cases_queryset(person=person).defer(*LIST_DEFERRED)
    if show == "open":
        cases = cases.filter(status__in=sorted(OPEN))
    paginator = Paginator(cases.order_by("-accepted_at", "-pk"), PER_PAGE)
    current = paginator.get_page(page)
    calendar, now = work_calendar_cached(), now or timezone.now()
    return current, _my_cases(current.object_list, calendar=calendar, now=now)


def my_open_cases(*, person: Person, limit: int = 5, calendar: WorkCalendar | None = None,
                  now: datetime | None = None) -> list[MyCase]:
    """The open cases, those waiting for the resident first, then by deadline (2 queries)."""
    cases = list(my_cases_queryset(person=person).defer(*LIST_DEFERRED).filter(status__in=sorted(OPEN)).order_by(
        F("paused_at").desc(nulls_last=True), F("deadline").asc(nulls_last=True), "-accepted_at")[:limit])
    if not cases:
        return []
    calendar, now = calendar or work_calendar_cached(), now or timezone.now()
    return _my_cases(cases, calendar=calendar, now=now)


def my_case(*, person: Person, number: str) -> Case | None:
    """One of the person's own cases by its number (anyone else's is not found)."""
    return my_cases_queryset(person=person).filter(number=number).first()


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    label: str
    office: str
    handler: str  # a staff number, "you", "the employer" or "the system": never a name
    note: str


def _handler(kind: str | None, staff_number: str | None) -> str:
    if kind == User.Kind.STAFF:
        return _("staff no. %(number)s") % {"number": staff_number} if staff_number else ""
    if kind == User.Kind.RESIDENT:
        return _("you")
    if kind == User.Kind.EMPLOYER:
        return _("the employer")
    if kind == User.Kind.SYSTEM:
        return _("the system")
    return ""


def applicant_timeline(*, case: Case) -> list[TimelineEntry]:
    """The steps an applicant may read, with office and staff number but no staff names (1 query)."""
    labels = dict(CaseEvent.Kind.choices)
    rows = CaseEvent.objects.filter(case=case, kind__in=PUBLIC_EVENTS).order_by("at", "id").values_list(
        "at", "kind", "office__name", "actor__kind", "actor__staff_number", "note")
    return [TimelineEntry(at=at, label=str(labels.get(kind, kind)), office=office or "",
                          handler=_handler(actor_kind, number), note=note if kind in APPLICANT_NOTES else "")
            for at, kind, office, actor_kind, number, note in rows]


def case_documents(*, case: Case) -> list[CaseDocument]:
    return list(case.documents.all())


@dataclass
class CasePage:
    case: Case
    countdown: Countdown
    stages: tuple[rules.Stage, ...]
    summary: list
    materials: list[MaterialRow]
    timeline: list[TimelineEntry]
    documents: list[CaseDocument]

    @property
    def may_upload(self) -> bool:
        return self.case.status in rules.UPLOADABLE and len(self.documents) < rules.MAX_DOCUMENTS_PER_CASE

    @property
    def may_hand_in(self) -> bool:
        return self.case.status == Status.SUPPLEMENT_REQUESTED and bool(self.new_documents)

    @property
    def new_documents(self) -> list[CaseDocument]:
        """Uploaded since the office asked for material (what "hand in" sends)."""
        since = self.case.paused_at
        return [d for d in self.documents if since is not None and d.uploaded_at >= since]

    @property
    def may_withdraw(self) -> bool:
        return may_withdraw(self.case)

    @property
    def material_choices(self) -> list[tuple[str, str]]:
        return material_choices(self.materials)


def material_choices(materials: list[MaterialRow]) -> list[tuple[str, str]]:
    """What an uploaded file may stand for: the material asked for first, then the rest, then "other"."""
    missing = [(m.code, m.name) for m in materials if m.missing]
    rest = [(m.code, m.name) for m in materials if not m.missing]
    return [*missing, *rest, ("", _("Other material the office asked for"))]


def upload_choices(*, case: Case) -> list[tuple[str, str]]:
    return material_choices(case_materials(case))


def may_withdraw(case: Case) -> bool:
    """Whether to offer the resident's withdraw button: their own application (workflow.permissions.can_withdraw
    refuses them an employer's filing), before a decision."""
    return case.employer_id is None and case.status not in DECIDED and case.status not in FINAL


def my_case_page(*, case: Case, now: datetime | None = None) -> CasePage:
    """The case page's content: 4 queries besides the case (calendar, materials, timeline, documents) and
    whatever the service's own summary reads."""
    now = now or timezone.now()
    return CasePage(
        case=case, countdown=case_countdown(case, calendar=work_calendar_cached(), now=now),
        stages=rules.stages(case.status, immediate=case.service.is_immediate), summary=case_summary(case),
        materials=case_materials(case), timeline=applicant_timeline(case=case), documents=case_documents(case=case),
    )


def document_for(*, user: User, number: str, pk: int) -> CaseDocument | None:
    """A document of a case the user may see (the applicant, the offices handling it, leaders), or None."""
    document = CaseDocument.objects.select_related("case").filter(pk=pk, case__number=number).first()
    if document is None or not permissions.can_view(user, document.case):
        return None
    return document


# --- The home page -----------------------------------------------------------------------------------------

def next_appointment(*, person: Person, now: datetime | None = None) -> Appointment | None:
    local = timezone.localtime(now or timezone.now())
    return (Appointment.objects.filter(person=person, status=Appointment.Status.BOOKED, slot__date__gte=local.date())
            .select_related("slot__hall", "service").order_by("slot__date", "slot__starts_at").first())


def dashboard(*, person: Person) -> dict:
    """The home page: prompts, open cases, the next appointment (a fixed handful of queries; what several rules
    ask, such as whether the person is a pensioner, read once)."""
    with memo.read_once():
        return {"prompts": prompts_for(person=person), "open_cases": my_open_cases(person=person),
                "appointment": next_appointment(person=person), "pensioner": is_pensioner(person=person)}
