"""Every write of labour relations: registering complaints and applications as their cases are accepted, the
inspection team's and the commission's decisions, the employer's answer, hearings, awards and filings. One
transaction each, the actor passed in; the case's status moves only through workflow's services."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Employer, User
from labour import rules, selectors
from labour.catalogue import employer_named
from labour.models import Arbitration, Complaint, Filing, Hearing, TimeLimitRule, WageMatter
from workflow import permissions as case_permissions
from workflow.exceptions import InvalidTransition, NotAllowed
from workflow.models import Case, CaseEvent
from workflow.rules.states import OPEN, Status
from workflow.services import case_approve, case_claim, case_event_add, case_reject, outbox_enqueue, work_calendar
from workflow.services.deadlines import schedule_next_step
from workflow.sms import sms_kind_register

# What the timeline says (kept in the bureau's language).
HEARING_SCHEDULED = gettext_lazy("Hearing scheduled")
EXTENSION_APPROVED = gettext_lazy("Extension approved")
HEARING_TEXT = sms_kind_register("labour.hearing", gettext_lazy(
    "Arbitration case %(number)s: the hearing is on %(date)s at %(time)s, %(extra)s. Bring your identity card "
    "and evidence."))


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related(
        "service", "service__escalation_policy", "jurisdiction_office").get(pk=case.pk)


def _recorded(text) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def _set_deadline(*, case: Case, deadline, actor: User, reason) -> None:
    """Move a case's deadline to a new stage (acceptance, extension) with its timeline row and next step."""
    calendar = work_calendar(since=timezone.localdate(case.accepted_at))
    old = case.deadline
    case.deadline = deadline
    schedule_next_step(case=case, calendar=calendar)
    case.save(update_fields=["deadline", "next_step_at", "updated_at"])
    moved = f"{timezone.localtime(old):%Y-%m-%d %H:%M} → {timezone.localtime(deadline):%Y-%m-%d %H:%M}"
    note = f"{_recorded(reason)}：{moved}"
    case_event_add(case=case, kind=CaseEvent.Kind.DEADLINE_CHANGED, actor=actor, note=note)


def _take(case: Case, actor: User) -> Case:
    """The reviewer takes a queued case before deciding on it (a colleague's case stays theirs)."""
    if not case_permissions.can_review(actor, case):
        raise NotAllowed(_("Only a reviewer of the deciding office may decide this case."))
    if case.status == Status.ROUTED:
        case_claim(case=case, actor=actor)
        case.refresh_from_db()
    if case.status != Status.IN_REVIEW:
        raise InvalidTransition(_("Only a case in review can be decided."))
    if case.reviewer_id not in (None, actor.pk) and not case_permissions.can_manage(actor, case):
        raise NotAllowed(_("This case is being reviewed by a colleague."))
    return case


# --- Complaints -------------------------------------------------------------------------------------------------

def _matter_for(*, complaint: Complaint, office, now) -> WageMatter:
    """The open wage matter of the same employer whose period overlaps the complaint's, widened to cover it, or a
    new one. The employer row is locked first, so two workers filing at once land in one matter."""
    Employer.objects.select_for_update().filter(pk=complaint.employer_id).first()
    for matter in WageMatter.objects.select_for_update().filter(employer=complaint.employer, office=office,
                                                                status=WageMatter.Status.OPEN).order_by("opened_at"):
        if rules.periods_overlap(matter.period_from, matter.period_to, complaint.period_from, complaint.period_to):
            matter.period_from = min(matter.period_from, complaint.period_from)
            matter.period_to = max(matter.period_to, complaint.period_to)
            matter.save(update_fields=["period_from", "period_to"])
            return matter
    return WageMatter.objects.create(employer=complaint.employer, office=office, period_from=complaint.period_from,
                                     period_to=complaint.period_to, opened_at=now)


@transaction.atomic
def complaint_register(*, case: Case) -> Complaint:
    """The complaint of a just-accepted case, grouped into its wage matter (called when the case is created)."""
    data = case.data
    employer = employer_named(data.get("employer", ""))
    if employer is None:
        raise NotAllowed(_("No employer registered in the city has this code or name."), code="employer")
    complaint = Complaint(case=case, person=case.person, employer=employer, kind=data.get("kind", "wages"),
                          period_from=parse_date(data["period_from"]), period_to=parse_date(data["period_to"]),
                          amount=data.get("amount") or 0)
    try:
        complaint.full_clean(exclude=["case", "matter"])
    except ValidationError as exc:
        raise NotAllowed(" ".join(exc.messages), code="data") from None
    if complaint.kind == Complaint.Kind.WAGES:
        complaint.matter = _matter_for(complaint=complaint, office=case.jurisdiction_office, now=case.accepted_at)
    complaint.save()
    return complaint


@transaction.atomic
def complaint_accept(*, complaint: Complaint, actor: User, note: str = "") -> Complaint:
    """The team accepts the complaint for investigation (立案): the deadline becomes the conclusion limit from today."""
    case = _take(_locked(complaint.case), actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.accepted_at is not None:
        raise InvalidTransition(_("This complaint has already been accepted."))
    now = timezone.now()
    complaint.accepted_at = now
    complaint.save(update_fields=["accepted_at"])
    deadline = rules.deadline(now, selectors.time_limit(TimeLimitRule.Code.COMPLAINT_CONCLUDE),
                              work_calendar(since=timezone.localdate(case.accepted_at)))
    _set_deadline(case=case, deadline=deadline, actor=actor, reason=gettext_lazy("Accepted for investigation"))
    if note.strip():
        case_event_add(case=case, kind=CaseEvent.Kind.NOTE, actor=actor, note=note.strip())
    return complaint


def complaint_refuse(*, complaint: Complaint, actor: User, reason: str) -> Complaint:
    """Not accepted (不予受理), with its reason: the case is rejected as any case is."""
    if complaint.accepted_at is not None:
        raise InvalidTransition(_("An accepted complaint is concluded with its outcome, not refused."))
    with transaction.atomic():
        _take(_locked(complaint.case), actor)
        case_reject(case=complaint.case, actor=actor, reason=reason)  # the matter closes with its last complaint
    return complaint


@transaction.atomic
def complaint_answer(*, complaint: Complaint, actor: User, text: str) -> Complaint:
    """The employer's answer, online: recorded on the complaint and the case's timeline."""
    complaint = Complaint.objects.select_for_update().select_related("case").get(pk=complaint.pk)
    if actor.kind != User.Kind.EMPLOYER or actor.employer_id != complaint.employer_id:
        raise NotAllowed(_("Only the employer named in the complaint may answer it."))
    if complaint.case.status not in OPEN:
        raise InvalidTransition(_("This complaint is closed."))
    text = (text or "").strip()
    if not text:
        raise NotAllowed(_("Write the answer."), code="answer")
    complaint.answer, complaint.answered_at, complaint.answered_by = text[:2000], timezone.now(), actor
    complaint.save(update_fields=["answer", "answered_at", "answered_by"])
    case_event_add(case=complaint.case, kind=CaseEvent.Kind.NOTE, actor=actor, office=None,
                   note=_recorded(gettext_lazy("The employer answered online.")))
    return complaint


def complaint_conclude(*, complaint: Complaint, actor: User, outcome: str, recovered=None, note: str = "") -> Complaint:
    """The investigation's outcome (paid, order to pay, transferred); the case completes as any approved case."""
    if outcome not in Complaint.Outcome.values:
        raise NotAllowed(_("Choose the outcome."), code="outcome")
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if complaint.accepted_at is None:
            raise InvalidTransition(_("Accept the complaint before recording its outcome."))
        complaint.outcome, complaint.recovered = outcome, recovered
        try:
            complaint.clean()
        except ValidationError as exc:
            raise NotAllowed(" ".join(exc.messages), code="recovered") from None
        complaint.save(update_fields=["outcome", "recovered"])
        case = _take(_locked(complaint.case), actor)
        case.result = {"outcome": outcome, **({"recovered": str(recovered)} if recovered is not None else {})}
        case.save(update_fields=["result"])
        label = _recorded(Complaint.Outcome(outcome).label)
        case_approve(case=case, actor=actor, note=f"{label} {note}".strip())
        matter_close_if_done(case=case)
    return complaint


def matter_close_if_done(*, case: Case) -> None:
    """Close the wage matter of a complaint's case once none of its complaints is open (the caller's transaction)."""
    matter_id = Complaint.objects.filter(case=case).values_list("matter_id", flat=True).first()
    if matter_id is None:
        return
    if not Complaint.objects.filter(matter_id=matter_id, case__status__in=sorted(OPEN)).exists():
        WageMatter.objects.filter(pk=matter_id, status=WageMatter.Status.OPEN).update(
            status=WageMatter.Status.CLOSED, closed_at=timezone.now())


@transaction.atomic
def complaint_extend(*, complaint: Complaint, actor: User, note: str) -> Complaint:
    """The 30-working-day extension, approved by the head of the deciding office, once, before the deadline."""
    return _extend(complaint, actor=actor, note=note, rule=TimeLimitRule.Code.COMPLAINT_EXTEND,
                   not_accepted=_("Only an accepted complaint's investigation can be extended."))


def _extend(record, *, actor: User, note: str, rule: str, not_accepted):
    """A complaint's or an arbitration's one extension (the caller's transaction): the deciding office's head, an
    accepted record, once, before the deadline; the deadline moves by the rule table's figure."""
    case = _locked(record.case)
    record = type(record).objects.select_for_update().get(pk=record.pk)
    _require_approver(actor, case, note)
    if record.accepted_at is None:
        raise InvalidTransition(not_accepted)
    if not rules.can_extend(already_extended=record.extended_at is not None, concluded=case.status not in OPEN,
                            deadline_at=case.deadline, now=timezone.now()):
        raise InvalidTransition(_("An extension is granted once, before the deadline has passed."))
    record.extended_at, record.extended_by = timezone.now(), actor
    record.save(update_fields=["extended_at", "extended_by"])
    deadline = rules.extended(case.deadline, selectors.time_limit(rule),
                              work_calendar(since=timezone.localdate(case.accepted_at)))
    _set_deadline(case=case, deadline=deadline, actor=actor, reason=f"{_recorded(EXTENSION_APPROVED)} {note}")
    return record


def _require_approver(actor: User, case: Case, note: str) -> None:
    if not (case_permissions.can_manage(actor, case) and actor.has_perm("labour.approve_extension")):
        raise NotAllowed(_("Only the head of the deciding office may approve an extension."))
    if not note.strip():
        raise NotAllowed(_("Say why the extension is needed."), code="note")


# --- Arbitration ------------------------------------------------------------------------------------------------

@transaction.atomic
def arbitration_register(*, case: Case) -> Arbitration:
    employer = employer_named(case.data.get("employer", ""))
    if employer is None:
        raise NotAllowed(_("No employer registered in the city has this code or name."), code="employer")
    return Arbitration.objects.create(case=case, person=case.person, employer=employer,
                                      claims=case.data.get("claims", "")[:2000], amount=case.data.get("amount") or None)


@transaction.atomic
def arbitration_accept(*, arbitration: Arbitration, actor: User) -> Arbitration:
    """The commission accepts the application: the deadline becomes the award limit from today."""
    case = _take(_locked(arbitration.case), actor)
    arbitration = Arbitration.objects.select_for_update().get(pk=arbitration.pk)
    if arbitration.accepted_at is not None:
        raise InvalidTransition(_("This application has already been accepted."))
    now = timezone.now()
    arbitration.accepted_at = now
    arbitration.save(update_fields=["accepted_at"])
    deadline = rules.deadline(now, selectors.time_limit(TimeLimitRule.Code.ARBITRATION_AWARD),
                              work_calendar(since=timezone.localdate(case.accepted_at)))
    _set_deadline(case=case, deadline=deadline, actor=actor, reason=gettext_lazy("Application accepted"))
    return arbitration


@transaction.atomic
def hearing_schedule(*, arbitration: Arbitration, actor: User, at, place: str) -> Hearing:
    """A hearing appointment; the applicant is told by SMS (through the outbox, once per appointment)."""
    case = _locked(arbitration.case)
    arbitration = Arbitration.objects.get(pk=arbitration.pk)
    if not case_permissions.can_review(actor, case):
        raise NotAllowed(_("Only a reviewer of the deciding office may decide this case."))
    if arbitration.accepted_at is None or case.status not in OPEN:
        raise InvalidTransition(_("Only an accepted, open application can be given a hearing."))
    if at <= timezone.now():
        raise NotAllowed(_("The hearing must lie in the future."), code="at")
    place = (place or "").strip()
    if not place:
        raise NotAllowed(_("Say where the hearing takes place."), code="place")
    hearing = Hearing.objects.create(arbitration=arbitration, at=at, place=place[:120], scheduled_by=actor,
                                     scheduled_at=timezone.now())
    local = timezone.localtime(at)
    case_event_add(case=case, kind=CaseEvent.Kind.NOTE, actor=actor,
                   note=f"{_recorded(HEARING_SCHEDULED)} {local:%Y-%m-%d %H:%M} {hearing.place}")
    if case.person_id and case.person.phone and not case.person.is_deceased:
        from workflow.notifications import SIGNATURE

        params = {"number": case.number, "date": f"{local:%Y-%m-%d}", "time": f"{local:%H:%M}", "extra": hearing.place}
        outbox_enqueue(key=f"labour:hearing:{hearing.pk}", phone=case.person.phone,
                       body=SIGNATURE + HEARING_TEXT.render(params), case=case, kind=HEARING_TEXT, params=params)
    return hearing


def arbitration_award(*, arbitration: Arbitration, actor: User, award: str, text: str) -> Arbitration:
    """The award (or the mediated settlement), and the case completes."""
    if award not in Arbitration.Award.values:
        raise NotAllowed(_("Choose the award."), code="award")
    if not (text or "").strip():
        raise NotAllowed(_("Write the award's text."), code="text")
    with transaction.atomic():
        arbitration = Arbitration.objects.select_for_update().get(pk=arbitration.pk)
        if arbitration.accepted_at is None:
            raise InvalidTransition(_("Accept the application before recording an award."))
        case = _take(_locked(arbitration.case), actor)
        arbitration.award, arbitration.award_text, arbitration.awarded_at = award, text.strip()[:4000], timezone.now()
        arbitration.save(update_fields=["award", "award_text", "awarded_at"])
        case.result = {"award": award}
        case.save(update_fields=["result"])
        case_approve(case=case, actor=actor, note=_recorded(Arbitration.Award(award).label))
    return arbitration


@transaction.atomic
def arbitration_extend(*, arbitration: Arbitration, actor: User, note: str) -> Arbitration:
    """The 15-day extension, approved by the commission's chair (its head), once, before the deadline."""
    return _extend(arbitration, actor=actor, note=note, rule=TimeLimitRule.Code.ARBITRATION_EXTEND,
                   not_accepted=_("Only an accepted application can be extended."))


# --- Filings ----------------------------------------------------------------------------------------------------

def filing_record(*, case: Case, kind: str) -> Filing:
    """The filing of a completed case (runs inside the completing transaction)."""
    starts = parse_date(str(case.data.get("starts_on", ""))) or timezone.localdate()
    valid_to: date | None = None
    if kind == Filing.Kind.SPECIAL_HOURS:
        valid_to = starts + timedelta(days=selectors.time_limit(TimeLimitRule.Code.SPECIAL_HOURS_VALID).days - 1)
    try:
        workers = int(case.data["workers"])
    except (KeyError, TypeError, ValueError):  # what the form guaranteed is gone: refuse, as other services do
        raise NotAllowed(_("The case data is incomplete; it cannot be completed."), code="data") from None
    filing = Filing.objects.create(case=case, employer=case.employer, kind=kind, workers=workers,
                                   valid_from=starts, valid_to=valid_to, recorded_at=timezone.now())
    case.result = {"valid_to": valid_to.isoformat()} if valid_to else {}
    case.save(update_fields=["result"])
    return filing
