"""Proactive offers (免申即享): the daily run of every registered finder, the cases it opens awaiting the person's
(or employer's) confirmation, and their answer.

A case the bureau opens by itself stays "accepted" (受理) until the person confirms: it is not yet sent to the back
office, so no reviewer works it and no deadline runs (the legal time limit counts from an application, and there
is none until the person says yes). Confirming routes it to the back office of the person's district with its
deadline counted from that moment, like any application; declining withdraws it. Either way the answer is kept
with the facts it was given on, and the same facts are never offered again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Employer, Person, User
from accounts.services import system_user
from workflow.exceptions import InvalidTransition, NotAllowed, NotEligible
from workflow.finders import FinderSpec, Finding, finders
from workflow.models import Case, CaseEvent, OutboundMessage, ProactiveOffer, ServiceType
from workflow.notifications import SIGNATURE, notify_applicant
from workflow.registry import Application, Channel, LimitUnit, registry
from workflow.rules.codes import case_number, new_tracking_code
from workflow.rules.states import OPEN, Status
from workflow.services.calendar import work_calendar
from workflow.services.cases import _as_recorded, _route
from workflow.services.deadlines import schedule_next_step
from workflow.services.outbox import DISPATCH_LEASE, _publish_sends
from workflow.services.sequences import sequence_reserve
from workflow.services.timeline import public_timelines_start_many
from workflow.services.transitions import case_transition
from workflow.sms.kinds import sms_kind_register

logger = logging.getLogger(__name__)

BATCH = 500  # offers opened per transaction
OFFERED_SMS = sms_kind_register("proactive.offered", gettext_lazy(
    "The bureau found that you may be entitled to “%(service)s”: %(extra)s Please confirm or decline online "
    "(case %(number)s), or apply at any service hall."))
Offer = ProactiveOffer.Status


@dataclass
class RunResult:
    found: int = 0
    offered: int = 0
    expired: int = 0


def proactive_run(*, today: date | None = None, actor: User | None = None) -> RunResult:
    """Run every registered finder and open an offer for each entitlement not offered before on the same facts.

    Safe with two schedulers or workers running it at once: the persons (employers) found are locked before their
    offers are written and checked again under the lock, and the offers are unique per party, service and facts.
    """
    today = today or timezone.localdate()
    actor = actor or system_user()
    result = RunResult(expired=offers_expire(today=today, actor=actor))
    for finder in finders.all():
        findings = finder.find(today=today)
        result.found += len(findings)
        for start in range(0, len(findings), BATCH):
            try:
                result.offered += offers_open(finder=finder, findings=findings[start:start + BATCH], actor=actor)
            except Exception:
                # One batch that cannot open (e.g. no back office) never stops the others; tomorrow's run retries.
                logger.exception("Proactive offers of %s could not open; the next run retries.", finder.code)
    return result


def _party_key(finding: Finding) -> tuple[int | None, int | None]:
    return (None, finding.employer_id) if finding.employer_id else (finding.person_id, None)


@transaction.atomic
def offers_open(*, finder: FinderSpec, findings: list[Finding], actor: User) -> int:
    """Open the offers of a batch of findings of one finder, each with its case awaiting confirmation and its SMS,
    in a number of queries that does not grow with the batch. Returns the offers opened."""
    spec = registry.get(finder.service)
    service = ServiceType.objects.select_related("escalation_policy").get(code=finder.service)
    if not service.is_active or Channel.SYSTEM not in spec.channels:
        raise NotAllowed(_("“%(service)s” cannot be started this way.") % {"service": service.name}, code="channel")
    person_ids = sorted({f.person_id for f in findings if f.person_id})
    employer_ids = sorted({f.employer_id for f in findings if f.employer_id})
    # The lock that makes a second run wait, then see what the first wrote.
    persons = {p.pk: p for p in Person.objects.select_for_update(of=("self",)).filter(pk__in=person_ids)
               .select_related("hukou_region", "residence_region").order_by("pk")}
    employers = {e.pk: e for e in Employer.objects.select_for_update(of=("self",)).filter(pk__in=employer_ids)
                 .select_related("region").order_by("pk")}
    offered = set(ProactiveOffer.objects.filter(service=service, fingerprint__in={f.fingerprint for f in findings})
                  .filter(person_id__in=person_ids).values_list("person_id", "employer_id", "fingerprint"))
    offered |= set(ProactiveOffer.objects.filter(service=service, employer_id__in=employer_ids)
                   .values_list("person_id", "employer_id", "fingerprint"))
    offered_keys = {((None, e) if e else (p, None), fp) for p, e, fp in offered}
    busy = set(Case.objects.filter(service=service, status__in=sorted(OPEN), person_id__in=person_ids,
                                   employer__isnull=True).values_list("person_id", flat=True))
    wanted, seen = [], set()
    for finding in findings:
        key = (_party_key(finding), finding.fingerprint)
        person = persons.get(finding.person_id)
        if key in seen or key in offered_keys or (finding.person_id and person is None):
            continue
        if person is not None and (person.is_deceased or (not finding.employer_id and person.pk in busy)):
            continue
        if finding.employer_id and finding.employer_id not in employers:
            continue
        seen.add(key)
        wanted.append(finding)
    if not wanted:
        return 0
    now = timezone.now()
    local_day = timezone.localdate(now)
    first = sequence_reserve(f"case:{local_day:%Y%m%d}", len(wanted))
    routes: dict[tuple, object] = {}
    cases = []
    for n, finding in enumerate(wanted):
        person, employer = persons.get(finding.person_id), employers.get(finding.employer_id)
        key = (person.hukou_region_id if person else None, person.residence_region_id if person else None,
               employer.region_id if employer else None)
        if key not in routes or spec.route_region:
            routes[key] = _route(spec, person, employer, actor.office, finding.data)
        cases.append(Case(number=case_number(local_day, first + n), tracking_code=new_tracking_code(),
                          service=service, person=person, employer=employer, channel=Channel.SYSTEM,
                          accepted_office=actor.office, accepted_by=actor, jurisdiction_office=routes[key],
                          data=finding.data, checks=[], materials_received=[], accepted_at=now,
                          status=Status.ACCEPTED))
    Case.objects.bulk_create(cases)
    ServiceType.objects.filter(pk=service.pk).update(use_count=F("use_count") + len(cases))
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Opened by the bureau: waiting for the applicant's confirmation")
    events = CaseEvent.objects.bulk_create([
        CaseEvent(case=case, kind=CaseEvent.Kind.ACCEPTED, actor=actor, office=actor.office, at=now,
                  to_status=Status.ACCEPTED, note=note) for case in cases])
    public_timelines_start_many(cases=cases, events=events, actor=actor)
    offers = ProactiveOffer.objects.bulk_create([
        ProactiveOffer(finder=finder.code, service=service, person=case.person, employer=case.employer,
                       fingerprint=finding.fingerprint, facts=finding.facts, what=finding.what, why=finding.why,
                       case=case, offered_at=now, expires_on=finding.expires_on)
        for finding, case in zip(wanted, cases, strict=True)])
    _offers_announce(offers, service)
    for case in cases:  # as Case.objects.create would have announced them
        post_save.send(sender=Case, instance=case, created=True, update_fields=None, raw=False, using="default")
    return len(offers)


def _phone(offer: ProactiveOffer) -> str:
    if offer.employer_id:
        phone = offer.employer.contact_phone
        return phone if phone.startswith("1") else ""
    return "" if offer.person.is_deceased else offer.person.phone


def _offers_announce(offers: list[ProactiveOffer], service: ServiceType) -> None:
    """The SMS of each new offer, written in this transaction (one insert) and queued for sending at commit."""
    messages = []
    for offer in offers:
        phone = _phone(offer)
        if not phone:
            continue
        params = {"service": service.name_zh, "extra": offer.what, "number": offer.case.number}
        messages.append(OutboundMessage(key=f"proactive:{offer.pk}:offered", phone=phone, case=offer.case,
                                        body=SIGNATURE + OFFERED_SMS.render(params), kind=OFFERED_SMS.code,
                                        params=params, next_attempt_at=timezone.now() + DISPATCH_LEASE))
    created = OutboundMessage.objects.bulk_create(messages)
    if created:
        transaction.on_commit(partial(_publish_sends, [(m.pk, 0) for m in created]), robust=True)


def may_answer(user: User, offer: ProactiveOffer) -> bool:
    """Only whom the offer is made to answers it: the resident for their own, the employer's users for theirs."""
    if not user.is_authenticated:
        return False
    if offer.employer_id:
        return user.kind == User.Kind.EMPLOYER and user.employer_id == offer.employer_id
    return user.kind == User.Kind.RESIDENT and user.person_id == offer.person_id


def _locked(offer: ProactiveOffer, actor: User) -> tuple[ProactiveOffer, Case]:
    offer = ProactiveOffer.objects.select_for_update(of=("self",)).select_related("service").get(pk=offer.pk)
    if not may_answer(actor, offer):
        raise NotAllowed(_("Only the person or employer the offer is made to may answer it."))
    if offer.status != Offer.OFFERED:
        raise InvalidTransition(_("This offer has been answered already."))
    case = (Case.objects.select_for_update(of=("self",))
            .select_related("service", "service__escalation_policy", "person", "employer", "jurisdiction_office")
            .get(pk=offer.case_id))
    if case.status != Status.ACCEPTED:
        raise InvalidTransition(_("The case of this offer is no longer waiting for your confirmation."))
    return offer, case


@transaction.atomic
def offer_confirm(*, offer: ProactiveOffer, actor: User) -> Case:
    """Yes: the service's checks run on today's facts and the case goes to the back office with its deadline,
    counted from now, like any application. Blocking checks raise NotEligible and change nothing."""
    offer, case = _locked(offer, actor)
    spec = registry.get(case.service.code)
    checks = spec.run_checks(Application(service=spec, channel=Channel.SYSTEM, actor=actor, person=case.person,
                                         employer=case.employer, office=case.accepted_office, data=case.data))
    if any(c.is_error for c in checks):
        raise NotEligible(_("The application does not meet the conditions."), checks=checks)
    now = timezone.now()
    calendar = work_calendar(since=timezone.localdate(now))
    service = case.service
    case.checks = _as_recorded(checks)
    case.deadline = (calendar.calendar_deadline(now, service.limit) if service.limit_unit == LimitUnit.CALENDAR_DAYS
                     else calendar.working_deadline(now, service.limit))
    case.save(update_fields=["checks", "deadline"])
    case_transition(case=case, to=Status.ROUTED, actor=actor, at=now, note=case.jurisdiction_office.name)
    schedule_next_step(case=case, calendar=calendar, done=set())
    case.save(update_fields=["next_step_at"])
    offer.status, offer.answered_at, offer.answered_by = Offer.CONFIRMED, now, actor
    offer.save(update_fields=["status", "answered_at", "answered_by"])
    notify_applicant(case=case, event="accepted")
    return case


@transaction.atomic
def offer_decline(*, offer: ProactiveOffer, actor: User, reason: str = "") -> ProactiveOffer:
    """No: the answer and its reason are kept, the case is withdrawn, and the same facts are never offered again."""
    offer, case = _locked(offer, actor)
    reason = reason.strip()[:500]
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Declined the bureau's offer") + (f"：{reason}" if reason else "")
    case_transition(case=case, to=Status.WITHDRAWN, actor=actor, at=now, note=note)
    offer.status, offer.answered_at, offer.answered_by, offer.decline_reason = Offer.DECLINED, now, actor, reason
    offer.save(update_fields=["status", "answered_at", "answered_by", "decline_reason"])
    return offer


def offers_answered_by_application(*, case: Case, actor: User) -> int:
    """The person applied themselves for what the bureau offered (online, at a counter, in a life event; inside
    that application's transaction): the application answers the offer and the case the bureau opened is withdrawn,
    so that one application is handled, not two. Returns the offers so answered (1 query when there are none)."""
    offers = list(ProactiveOffer.objects.select_for_update(of=("self",)).select_related("case")
                  .filter(person=case.person, employer__isnull=True, service=case.service, status=Offer.OFFERED))
    now = timezone.now()
    for offer in offers:
        if offer.case.status == Status.ACCEPTED:
            with translation.override(settings.LANGUAGE_CODE):
                note = _("Applied for in the applicant's own application, case %(number)s") % {"number": case.number}
            case_transition(case=offer.case, to=Status.WITHDRAWN, actor=actor, at=now, note=note)
        offer.status, offer.answered_at, offer.answered_by = Offer.APPLIED, now, actor
        offer.save(update_fields=["status", "answered_at", "answered_by"])
    return len(offers)


def offers_expire(*, today: date, actor: User) -> int:
    """Offers left unanswered past their day lapse (their case withdrawn by the system), and offers whose case was
    withdrawn some other way count as declined. Returns the offers that lapsed."""
    ProactiveOffer.objects.filter(status=Offer.OFFERED, case__status=Status.WITHDRAWN).update(
        status=Offer.DECLINED, answered_at=timezone.now())
    lapsed = 0
    for offer_id in ProactiveOffer.objects.filter(status=Offer.OFFERED, expires_on__lt=today).values_list(
            "pk", flat=True):
        with transaction.atomic():
            offer = ProactiveOffer.objects.select_for_update(of=("self",)).get(pk=offer_id)
            if offer.status != Offer.OFFERED:
                continue
            case = Case.objects.select_for_update(of=("self",)).get(pk=offer.case_id)
            if case.status == Status.ACCEPTED:
                with translation.override(settings.LANGUAGE_CODE):
                    note = _("Not confirmed by %(day)s: the bureau's offer lapsed") % {"day": offer.expires_on}
                case_transition(case=case, to=Status.WITHDRAWN, actor=actor, note=note)
            offer.status, offer.answered_at = Offer.EXPIRED, timezone.now()
            offer.save(update_fields=["status", "answered_at"])
            lapsed += 1
    return lapsed
