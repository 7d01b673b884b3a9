"""Accepting, routing and deciding cases."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Employer, Office, Person, User
from accounts.selectors import employer_jurisdiction, office_covering, person_jurisdiction
from workflow import permissions
from workflow.exceptions import InvalidTransition, NotAllowed, NotEligible, RoutingError
from workflow.models import Case, CaseEvent, ServiceType
from workflow.notifications import notify_applicant
from workflow.registry import Applicant, Application, Channel, Check, ServiceSpec, registry
from workflow.rules.codes import case_number, new_tracking_code
from workflow.rules.states import DECIDED, Status
from workflow.selectors.points import point_require
from workflow.services.calendar import work_calendar
from workflow.services.deadlines import compute_deadline, pause_end, pause_start, schedule_next_step
from workflow.services.sequences import sequence_next, sequence_reserve
from workflow.services.timeline import public_timeline_start, public_timelines_start_many
from workflow.services.transitions import case_event_add, case_transition


def _applicant_ok(spec: ServiceSpec, person: Person | None, employer: Employer | None) -> None:
    needs_person = spec.applicant in (Applicant.PERSON, Applicant.BOTH)
    needs_employer = spec.applicant in (Applicant.EMPLOYER, Applicant.BOTH)
    if needs_person and person is None:
        raise NotAllowed(_("This service needs the person it concerns."), code="applicant")
    if needs_employer and employer is None:
        raise NotAllowed(_("This service needs the employer that applies."), code="applicant")
    if spec.applicant == Applicant.EITHER and person is None and employer is None:
        raise NotAllowed(_("This service needs the person or employer it concerns."), code="applicant")
    if spec.applicant == Applicant.PERSON and employer is not None:
        raise NotAllowed(_("This service is applied for by the person, not an employer."), code="applicant")


def case_check(*, service_code: str, actor: User, channel: str, person: Person | None = None,
               employer: Employer | None = None, data: dict | None = None, office: Office | None = None) -> list[Check]:
    """Run a service's checks without accepting anything: what the counter and online forms show first."""
    spec = registry.get(service_code)
    if channel == Channel.COUNTER:  # a street or community service point accepts only its level's business
        point_require(office=office if office is not None else actor.office, code=service_code, name=spec.name)
    _applicant_ok(spec, person, employer)
    return spec.run_checks(Application(service=spec, channel=channel, actor=actor, person=person,
                                       employer=employer, office=office, data=data or {}))


def _as_recorded(checks: list[Check]) -> list[dict]:
    """The checks as the case keeps them: in the bureau's language, whatever language the applicant or clerk
    reads (a record written in English by an English-reading clerk showed English to every later reader)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [c.as_dict() for c in checks]


def _route(spec: ServiceSpec, person: Person | None, employer: Employer | None, office: Office | None,
           data: dict | None = None) -> Office:
    """The office of the service's kind (a back office unless said otherwise) covering the applicant's
    jurisdiction, whichever office accepted (同城通办); a service may read the jurisdiction, or the office itself,
    from its data."""
    named = spec.route_office(data or {}) if spec.route_office else None
    if named is not None:
        return named
    region = spec.route_region(person, employer, data or {}) if spec.route_region else None
    if region is None:
        by_employer = employer is not None and (person is None or spec.route_by == "employer")
        region = employer_jurisdiction(employer) if by_employer else person_jurisdiction(person)
    if region is None or not region.in_city:
        # No jurisdiction in the city (e.g. hukou elsewhere, no residence recorded): the accepting office's district.
        region = office.region if office is not None else None
    kind = spec.office_kind
    target = office_covering(region=region, kind=kind) if region is not None else None
    if target is None:
        target = Office.objects.filter(kind=kind, is_active=True).order_by("region__path").first()
    if target is None:
        raise RoutingError(_("No back office covers this applicant's district."))
    return target


@transaction.atomic
def case_accept(*, service_code: str, actor: User, channel: str, person: Person | None = None,
                employer: Employer | None = None, data: dict | None = None, office: Office | None = None,
                materials: list[str] | tuple[str, ...] = ()) -> Case:
    """Accept an application at any office through any channel its service allows.

    Immediate business completes in this transaction; time-limited business is routed to the back
    office of the applicant's district with its deadline. Blocking checks raise NotEligible.
    """
    spec = registry.get(service_code)
    service = ServiceType.objects.select_related("escalation_policy").get(code=service_code)
    if not service.is_active or channel not in spec.channels:
        raise NotAllowed(_("“%(service)s” cannot be started this way.") % {"service": service.name}, code="channel")
    if not permissions.can_apply_for(actor, channel=channel, person=person, employer=employer):
        raise NotAllowed(_("You may not apply for this applicant."), code="actor")
    if person is not None and person.is_deceased:
        raise NotAllowed(_("This person is recorded as deceased."), code="deceased")
    _applicant_ok(spec, person, employer)
    office = office if office is not None else actor.office
    if channel == Channel.COUNTER:  # a street or community service point accepts only its level's business
        point_require(office=office, code=service_code, name=service.name)
    data = data or {}
    checks = spec.run_checks(Application(service=spec, channel=channel, actor=actor, person=person,
                                         employer=employer, office=office, data=data))
    if any(c.is_error for c in checks):
        raise NotEligible(_("The application does not meet the conditions."), checks=checks)
    now = timezone.now()
    local_day = timezone.localdate(now)
    jurisdiction = _route(spec, person, employer, office, data)
    case = Case.objects.create(
        number=case_number(local_day, sequence_next(f"case:{local_day:%Y%m%d}")), tracking_code=new_tracking_code(),
        service=service, person=person, employer=employer, channel=channel, accepted_office=office,
        accepted_by=actor, jurisdiction_office=jurisdiction, data=data, checks=_as_recorded(checks),
        materials_received=list(materials), accepted_at=now,
    )
    ServiceType.objects.filter(pk=service.pk).update(use_count=F("use_count") + 1)
    public_timeline_start(case=case, actor=actor)
    case_event_add(case=case, kind=CaseEvent.Kind.ACCEPTED, actor=actor, office=office, at=now,
                   to_status=Status.ACCEPTED)
    if person is not None and channel != Channel.SYSTEM:
        from workflow.services.proactive import offers_answered_by_application  # it builds on this module

        offers_answered_by_application(case=case, actor=actor)
    if spec.is_immediate:
        if spec.complete:
            spec.complete(case=case, actor=actor)
        case_transition(case=case, to=Status.COMPLETED, actor=actor, office=office, at=now)
        if channel != Channel.SYSTEM:
            notify_applicant(case=case, event="completed")
        return case
    calendar = work_calendar(since=local_day)
    case.deadline = compute_deadline(case=case, calendar=calendar)
    case.save(update_fields=["deadline"])
    case_transition(case=case, to=Status.ROUTED, actor=actor, office=office, at=now, note=jurisdiction.name)
    schedule_next_step(case=case, calendar=calendar, done=set())
    case.save(update_fields=["next_step_at"])
    if channel != Channel.SYSTEM:
        # A case the system opened (e.g. a review) was not applied for: no "your application" message.
        notify_applicant(case=case, event="accepted")
    return case


@transaction.atomic
def cases_accept_routed(*, service_code: str, actor: User, channel: str,
                        applications: list[tuple[Person, dict]]) -> list[Case]:
    """Open many time-limited cases for persons at once, each as case_accept opens it (checks recorded, routed to the
    back office of the person's district with its deadline and next reminder, the same timeline), in a number
    of queries that does not grow with their number: one sequence reservation, one calendar, one look-up per
    district, one insert of the cases, one of their events and one of their public timelines. Persons should
    come with their hukou and residence regions (select_related). No SMS: used for cases the system raises
    (channel SYSTEM), nobody applied.
    """
    if not applications:
        return []
    spec = registry.get(service_code)
    if spec.is_immediate or channel != Channel.SYSTEM:
        raise NotAllowed(_("“%(service)s” cannot be started this way.") % {"service": spec.name}, code="channel")
    service = ServiceType.objects.select_related("escalation_policy").get(code=service_code)
    if not service.is_active or channel not in spec.channels:
        raise NotAllowed(_("“%(service)s” cannot be started this way.") % {"service": service.name}, code="channel")
    office = actor.office
    now = timezone.now()
    local_day = timezone.localdate(now)
    calendar = work_calendar(since=local_day)
    first = sequence_reserve(f"case:{local_day:%Y%m%d}", len(applications))
    routes: dict[tuple[int | None, int | None], Office] = {}
    cases = []
    for n, (person, data) in enumerate(applications):
        if not permissions.can_apply_for(actor, channel=channel, person=person):
            raise NotAllowed(_("You may not apply for this applicant."), code="actor")
        if person.is_deceased:
            raise NotAllowed(_("This person is recorded as deceased."), code="deceased")
        _applicant_ok(spec, person, None)
        checks = spec.run_checks(Application(service=spec, channel=channel, actor=actor, person=person,
                                             employer=None, office=office, data=data))
        if any(c.is_error for c in checks):
            raise NotEligible(_("The application does not meet the conditions."), checks=checks)
        key = (person.hukou_region_id, person.residence_region_id)
        if key not in routes or spec.route_region:  # one look-up per district, not per person
            routes[key] = _route(spec, person, None, office, data)
        case = Case(number=case_number(local_day, first + n), tracking_code=new_tracking_code(), service=service,
                    person=person, channel=channel, accepted_office=office, accepted_by=actor,
                    jurisdiction_office=routes[key], data=data, checks=_as_recorded(checks), materials_received=[],
                    accepted_at=now, status=Status.ROUTED)
        case.deadline = compute_deadline(case=case, calendar=calendar)
        schedule_next_step(case=case, calendar=calendar, done=set())
        cases.append(case)
    Case.objects.bulk_create(cases)
    ServiceType.objects.filter(pk=service.pk).update(use_count=F("use_count") + len(cases))
    actor_office = office if office is not None else getattr(actor, "office", None)
    events = CaseEvent.objects.bulk_create([
        event for case in cases for event in (
            CaseEvent(case=case, kind=CaseEvent.Kind.ACCEPTED, actor=actor, office=actor_office, at=now,
                      to_status=Status.ACCEPTED),
            CaseEvent(case=case, kind=CaseEvent.Kind.ROUTED, actor=actor, office=actor_office, at=now,
                      from_status=Status.ACCEPTED, to_status=Status.ROUTED, note=case.jurisdiction_office.name))])
    public_timelines_start_many(cases=cases, events=events, actor=actor)
    for case in cases:  # as Case.objects.create would have announced them (e.g. a prompt the business answers)
        post_save.send(sender=Case, instance=case, created=True, update_fields=None, raw=False, using="default")
    return cases


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("service", "service__escalation_policy").get(
        pk=case.pk)


@transaction.atomic
def case_claim(*, case: Case, actor: User) -> Case:
    """A reviewer takes a routed case of their office. Two reviewers can never both claim it."""
    case = _locked(case)
    if not permissions.can_review(actor, case):
        raise NotAllowed(_("Only a reviewer of the deciding office may take this case."))
    if case.status != Status.ROUTED:
        holder = case.reviewer.get_full_name() or case.reviewer.username if case.reviewer_id else ""
        raise InvalidTransition(_("This case is no longer waiting in the queue%(holder)s.")
                                % {"holder": f" ({holder})" if holder else ""})
    case.reviewer = actor
    case.save(update_fields=["reviewer", "updated_at"])
    return case_transition(case=case, to=Status.IN_REVIEW, actor=actor)


@transaction.atomic
def case_assign(*, case: Case, actor: User, reviewer: User, note: str = "") -> Case:
    """The office head gives a case to a reviewer of the office (a queued case or one already in review)."""
    case = _locked(case)
    if not permissions.can_manage(actor, case):
        raise NotAllowed(_("Only the deciding office's head may assign this case."))
    if reviewer.office_id != case.jurisdiction_office_id or not reviewer.has_perm("workflow.review_case"):
        raise NotAllowed(_("The case can only go to a reviewer of the deciding office."))
    previous = case.reviewer
    case.reviewer = reviewer
    case.save(update_fields=["reviewer", "updated_at"])
    label = reviewer.get_full_name() or reviewer.username
    if case.status == Status.ROUTED:
        return case_transition(case=case, to=Status.IN_REVIEW, actor=actor, kind=CaseEvent.Kind.ASSIGNED,
                               note=f"{label} {note}".strip())
    if case.status not in (Status.IN_REVIEW, Status.SUPPLEMENT_REQUESTED):
        raise InvalidTransition(_("Only an open case can be assigned."))
    kind = CaseEvent.Kind.REASSIGNED if previous else CaseEvent.Kind.ASSIGNED
    case_event_add(case=case, kind=kind, actor=actor, note=f"{label} {note}".strip())
    return case


@transaction.atomic
def case_release(*, case: Case, actor: User, note: str = "") -> Case:
    """Put a case in review back into the office queue (its reviewer, or the head)."""
    case = _locked(case)
    if not (case.reviewer_id == actor.pk or permissions.can_manage(actor, case)):
        raise NotAllowed(_("Only the case's reviewer or the office head may return it to the queue."))
    case.reviewer = None
    case.save(update_fields=["reviewer", "updated_at"])
    return case_transition(case=case, to=Status.ROUTED, actor=actor, kind=CaseEvent.Kind.RELEASED, note=note)


@transaction.atomic
def case_reassign(*, case: Case, actor: User, office: Office, note: str = "") -> Case:
    """The office head sends a case to another back office (e.g. it belongs to another district)."""
    case = _locked(case)
    if not (permissions.can_manage(actor, case) or (actor.has_perm("workflow.view_city_overview")
            and actor.has_perm("workflow.manage_office_cases"))):
        raise NotAllowed(_("Only the deciding office's head may send this case elsewhere."))
    if office.kind != case.jurisdiction_office.kind or office.pk == case.jurisdiction_office_id:
        raise NotAllowed(_("Choose another back office."))
    if case.status not in (Status.ROUTED, Status.IN_REVIEW):
        raise InvalidTransition(_("Only a case waiting for or in review can be sent elsewhere."))
    case.jurisdiction_office, case.reviewer = office, None
    case.save(update_fields=["jurisdiction_office", "reviewer", "updated_at"])
    if case.status == Status.IN_REVIEW:
        case_transition(case=case, to=Status.ROUTED, actor=actor, kind=CaseEvent.Kind.REASSIGNED,
                        note=f"{office.name} {note}".strip())
    else:
        case_event_add(case=case, kind=CaseEvent.Kind.REASSIGNED, actor=actor, note=f"{office.name} {note}".strip())
    return case


def _require_reviewer(actor: User, case: Case) -> None:
    if not permissions.can_review(actor, case):
        raise NotAllowed(_("Only a reviewer of the deciding office may decide this case."))
    if case.reviewer_id not in (None, actor.pk) and not permissions.can_manage(actor, case):
        raise NotAllowed(_("This case is being reviewed by a colleague."))


@transaction.atomic
def case_request_supplement(*, case: Case, actor: User, materials: list[str], note: str = "") -> Case:
    """Ask the applicant for missing material; the deadline clock stops until it arrives."""
    case = _locked(case)
    _require_reviewer(actor, case)
    if not materials and not note.strip():
        raise NotAllowed(_("Say which material is missing."), code="materials")
    case_transition(case=case, to=Status.SUPPLEMENT_REQUESTED, actor=actor, note=note)
    case.materials_missing = list(materials)
    pause_start(case=case)
    case.save(update_fields=["materials_missing", "paused_at", "next_step_at"])
    described = "、".join(case.service.materials.filter(code__in=materials).values_list("name_zh", flat=True))
    notify_applicant(case=case, event="supplement", extra=described or note, key_suffix=str(case.pauses.count()))
    return case


@transaction.atomic
def case_supplement_received(*, case: Case, actor: User, materials: list[str] | None = None,
                             note: str = "") -> Case:
    """The requested material arrived (at any counter, online or in the back office): the clock runs again
    and the deadline moves by the working time it stood still."""
    case = _locked(case)
    if not (permissions.can_review(actor, case) or permissions.can_accept_at_counter(actor)
            or permissions.can_withdraw(actor, case)):
        raise NotAllowed(_("You may not hand in material for this case."))
    if case.status != Status.SUPPLEMENT_REQUESTED:
        raise InvalidTransition(_("No material is being waited for on this case."))
    calendar = work_calendar(since=timezone.localdate(case.accepted_at))
    pause_end(case=case, calendar=calendar)
    received = list(materials if materials is not None else case.materials_missing)
    case.materials_received = sorted(set(case.materials_received) | set(received))
    case.materials_missing = [m for m in case.materials_missing if m not in received]
    case_transition(case=case, to=Status.IN_REVIEW, actor=actor, kind=CaseEvent.Kind.SUPPLEMENT_RECEIVED, note=note)
    schedule_next_step(case=case, calendar=calendar)
    case.save(update_fields=["deadline", "paused_at", "materials_received", "materials_missing", "next_step_at"])
    return case


@transaction.atomic
def case_approve(*, case: Case, actor: User, note: str = "") -> Case:
    """Approve and complete: the service's completion runs exactly once, in this transaction."""
    case = _locked(case)
    _require_reviewer(actor, case)
    case_transition(case=case, to=Status.APPROVED, actor=actor, note=note)
    if note:
        case.decision_note = note
        case.save(update_fields=["decision_note"])
    spec = registry.get(case.service.code)
    if spec.complete:
        spec.complete(case=case, actor=actor)
    case_transition(case=case, to=Status.COMPLETED, actor=actor)
    notify_applicant(case=case, event="approved", extra=note)
    return case


@transaction.atomic
def case_reject(*, case: Case, actor: User, reason: str) -> Case:
    case = _locked(case)
    _require_reviewer(actor, case)
    if not reason.strip():
        raise NotAllowed(_("A rejection needs its reason."), code="reason")
    if case.paused_at is not None:
        pause_end(case=case, calendar=work_calendar(since=timezone.localdate(case.accepted_at)))
    case.decision_note = reason.strip()
    case.save(update_fields=["decision_note", "paused_at", "deadline"])
    case_transition(case=case, to=Status.REJECTED, actor=actor, note=reason.strip())
    spec = registry.get(case.service.code)
    if spec.on_reject:
        spec.on_reject(case=case, actor=actor)
    notify_applicant(case=case, event="rejected", extra=reason.strip())
    return case


@transaction.atomic
def case_withdraw(*, case: Case, actor: User, note: str = "") -> Case:
    """The applicant withdraws (themselves, or staff on their behalf) before a decision."""
    case = _locked(case)
    if not permissions.can_withdraw(actor, case):
        raise NotAllowed(_("Only the applicant, or staff on their behalf, may withdraw this case."))
    if case.status in DECIDED:
        raise InvalidTransition(_("A decided case cannot be withdrawn."))
    if case.paused_at is not None:
        pause_end(case=case, calendar=work_calendar(since=timezone.localdate(case.accepted_at)))
        case.save(update_fields=["paused_at", "deadline"])
    return case_transition(case=case, to=Status.WITHDRAWN, actor=actor, note=note)
