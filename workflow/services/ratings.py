"""Ratings (好差评) and the rectification (整改) a bad one opens: one transaction each, the actor passed in."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Employer, Office, Person, User
from accounts.services import system_user
from workflow import permissions
from workflow.exceptions import InvalidTransition, NotAllowed
from workflow.models import Case, CaseEvent, Rating, RatingTimeLimit
from workflow.notifications import SIGNATURE, applicant_phone
from workflow.registry import Channel, LimitUnit
from workflow.rules import ratings as rules
from workflow.rules.states import Status
from workflow.services.calendar import work_calendar
from workflow.services.cases import case_accept, case_claim
from workflow.services.deadlines import schedule_next_step
from workflow.services.outbox import outbox_enqueue
from workflow.services.transitions import case_event_add, case_transition
from workflow.sms.kinds import sms_kind_register

RECTIFICATION = "workflow.rectification"
REPLY_MAX = 500
RECTIFIED_MAX = 1000
REPLY_KIND = sms_kind_register("rating.reply", gettext_lazy(
    "About your rating of “%(service)s” (%(number)s), the office replies: %(extra)s"))


def already_rated_message() -> str:
    return _("This has already been rated this way: one rating per case (or visit) and channel.")


def handling(case: Case) -> tuple[Office, User | None]:
    """Who handled a case: the hall that finished immediate business on the spot, else the deciding office, with
    the clerk or the reviewer."""
    if case.service.is_immediate and case.accepted_office_id:
        return case.accepted_office, case.accepted_by
    return case.jurisdiction_office, case.reviewer


def _save(rating: Rating) -> Rating:
    try:
        rating.full_clean(exclude=["rectification"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise NotAllowed(" ".join(exc.messages), code="rating") from None
    try:
        with transaction.atomic():  # a savepoint: the refusal leaves the caller's transaction usable
            rating.save()
    except IntegrityError:
        raise NotAllowed(already_rated_message(), code="rated") from None
    return rating


@transaction.atomic
def rating_give_case(*, case: Case, channel: str, score: int, reasons=(), comment: str = "") -> Rating:
    """The applicant rates a case that has ended (completed, rejected or withdrawn), once per channel; whoever
    gives it (the applicant logged in, the kiosk, the pad at the window, the holder of the receipt or of the SMS
    link), the rater is the case's applicant."""
    if not case.is_final:
        raise NotAllowed(_("A case can be rated once it has ended."), code="open")
    if case.service.code == RECTIFICATION:
        raise NotAllowed(_("A rectification is not rated."), code="rectification")
    office, staff = handling(case)
    rating = Rating(subject=f"case:{case.pk}", case=case, service=case.service, channel=channel, score=score,
                    reasons=list(reasons), comment=comment, office=office, staff=staff, person=case.person,
                    employer=case.employer, rated_at=timezone.now())
    _save(rating)
    if rating.is_bad:
        rectification_open(rating=rating, label=case.number)
    return rating


@transaction.atomic
def rating_give_visit(*, subject: str, label: str, office: Office, staff: User | None, person: Person | None,
                      employer: Employer | None, channel: str, score: int, reasons=(), comment: str = "") -> Rating:
    """A rating of a visit served at a window (a hall's ticket: the counter passes its key "ticket:<id>", the hall,
    the clerk and whom it served), once per channel."""
    if not subject.startswith("ticket:"):
        raise NotAllowed(_("A rating is of a case or of a served ticket."), code="subject")
    if person is None and employer is None:
        raise NotAllowed(_("Only a visit whose person or employer was identified can be rated."), code="rater")
    rating = Rating(subject=subject, channel=channel, score=score, reasons=list(reasons), comment=comment,
                    office=office, staff=staff, person=person, employer=employer, rated_at=timezone.now())
    _save(rating)
    if rating.is_bad:
        rectification_open(rating=rating, label=label)
    return rating


def _limit(code: str) -> RatingTimeLimit:
    try:
        return RatingTimeLimit.objects.get(code=code)
    except RatingTimeLimit.DoesNotExist:
        days, unit = next((d, u) for c, d, u, _s, _v in rules.TIME_LIMITS if c == code)
        return RatingTimeLimit(code=code, days=days, unit=unit)


def _deadline(case: Case, code: str):
    """The stage's deadline, counted from the bad rating (when the rectification case was opened)."""
    limit = _limit(code)
    calendar = work_calendar(since=timezone.localdate(case.accepted_at))
    if limit.unit == LimitUnit.CALENDAR_DAYS:
        return calendar.calendar_deadline(case.accepted_at, limit.days), calendar
    return calendar.working_deadline(case.accepted_at, limit.days), calendar


def rectification_open(*, rating: Rating, label: str) -> Case:
    """The one rectification case of a bad rating, at the office that handled what was rated, its reply due
    within the rule table's limit (called in the rating's transaction)."""
    data = {"rating": rating.pk, "office": rating.office_id, "rated": label, "score": rating.score,
            "reasons": list(rating.reasons)}
    case = case_accept(service_code=RECTIFICATION, actor=system_user(), channel=Channel.SYSTEM,
                       person=rating.person, employer=rating.employer if rating.person_id is None else None,
                       data=data)
    case.deadline, calendar = _deadline(case, RatingTimeLimit.Code.REPLY)
    schedule_next_step(case=case, calendar=calendar)
    case.save(update_fields=["deadline", "next_step_at"])
    rating.rectification = case
    rating.save(update_fields=["rectification"])
    return case


def _locked(case: Case, actor: User) -> tuple[Case, Rating]:
    case = Case.objects.select_for_update(of=("self",)).select_related("service").get(pk=case.pk)
    if not permissions.can_review(actor, case):
        raise NotAllowed(_("Only a reviewer of the office that handled the service may answer this rating."))
    rating = Rating.objects.select_for_update().filter(rectification=case).first()
    if rating is None:
        raise NotAllowed(_("This case is not the rectification of a rating."))
    return case, rating


def _text(text: str, limit: int, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise NotAllowed(_("Write the %(what)s.") % {"what": what}, code="empty")
    if len(text) > limit:
        raise NotAllowed(_("At most %(limit)s characters.") % {"limit": limit}, code="long")
    return text


@transaction.atomic
def rectification_reply(*, case: Case, actor: User, text: str) -> Rating:
    """The office answers the rater: the reply goes to them by SMS (outbox, this transaction), and the deadline
    becomes the rectification limit of the rule table."""
    case, rating = _locked(case, actor)
    text = _text(text, REPLY_MAX, _("reply"))
    if rating.replied_at is not None:
        raise InvalidTransition(_("The rater has already been answered."))
    if case.status == Status.ROUTED:
        case = case_claim(case=case, actor=actor)
    if case.status != Status.IN_REVIEW:
        raise InvalidTransition(_("Only an open rectification can be answered."))
    rating.reply, rating.replied_at = text, timezone.now()
    rating.save(update_fields=["reply", "replied_at"])
    old = case.deadline
    case.deadline, calendar = _deadline(case, RatingTimeLimit.Code.RECTIFY)
    schedule_next_step(case=case, calendar=calendar)
    case.save(update_fields=["deadline", "next_step_at", "updated_at"])
    moved = f"{timezone.localtime(old):%Y-%m-%d %H:%M} → {timezone.localtime(case.deadline):%Y-%m-%d %H:%M}"
    case_event_add(case=case, kind=CaseEvent.Kind.NOTE, actor=actor, note=f"答复评价人：{text}")
    case_event_add(case=case, kind=CaseEvent.Kind.DEADLINE_CHANGED, actor=actor, note=f"整改时限：{moved}")
    params = {"service": rating.service.name_zh if rating.service_id else "窗口服务",
              "number": case.data.get("rated", ""), "extra": text}
    outbox_enqueue(key=f"rating:{rating.pk}:reply", phone=applicant_phone(case), body=SIGNATURE + REPLY_KIND.render(
        params), case=case, kind=REPLY_KIND, params=params)
    return rating


@transaction.atomic
def rectification_record(*, case: Case, actor: User, text: str) -> Rating:
    """What was put right, after the reply: the rectification case completes."""
    case, rating = _locked(case, actor)
    text = _text(text, RECTIFIED_MAX, _("rectification"))
    if rating.replied_at is None:
        raise InvalidTransition(_("Answer the rater first."))
    if case.status != Status.IN_REVIEW:
        raise InvalidTransition(_("Only an open rectification can be recorded."))
    rating.rectified, rating.rectified_at = text, timezone.now()
    rating.save(update_fields=["rectified", "rectified_at"])
    case_transition(case=case, to=Status.APPROVED, actor=actor, note=text)
    case_transition(case=case, to=Status.COMPLETED, actor=actor)
    return rating
