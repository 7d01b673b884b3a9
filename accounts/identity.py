"""The police check of a new person (人口信息核验): asked before the person is written, recorded with them, and
asked again by a beat task while the service could not answer. A mismatch or a recorded death refuses a new
person; found later (the person was created unverified), a mismatch is shown to staff and a death recorded."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import AccountsError
from accounts.exchange import ExchangeError, retry_delay
from accounts.models import IdentityCheck, Person
from accounts.police import PopulationAnswer, population_service

logger = logging.getLogger(__name__)

Status = IdentityCheck.Status
# An unverified person is asked about again after 5, 10, 20 ... minutes, then every 6 hours: never given up.
RECHECK_BASE, RECHECK_CAP = timedelta(minutes=5), timedelta(hours=6)


@dataclass(frozen=True)
class Verdict:
    answer: PopulationAnswer | None  # None: the service did not answer
    source: str = ""
    error: str = ""


def identity_ask(*, id_number: str, name: str) -> Verdict:
    """Ask the population service; never raises for an outage (the verdict then has no answer)."""
    service = population_service()
    try:
        return Verdict(answer=service.verify(id_number=id_number, name=name), source=service.source)
    except ExchangeError as exc:
        logger.warning("Population service did not answer (%s); the person stays unverified.", exc)
        return Verdict(answer=None, error=str(exc)[:300])


def identity_refusal(verdict: Verdict) -> AccountsError | None:
    """Why a new person may not be created on this answer (shown at the counter as is), or None."""
    answer = verdict.answer
    if answer is None:
        return None
    if not answer.name_matches:
        return AccountsError(_("The police population register holds another name for this identity number: "
                               "check the name on the identity card and type it exactly."), code="name_mismatch")
    if not answer.alive:
        return AccountsError(_("The police population register records the holder of this identity number as "
                               "deceased: no new person is created."), code="deceased")
    return None


def _status(answer: PopulationAnswer) -> str:
    if not answer.name_matches:
        return Status.MISMATCH
    return Status.VERIFIED if answer.alive else Status.DECEASED


def identity_check_record(*, person: Person, verdict: Verdict) -> IdentityCheck:
    """Store the verdict of a new person's check (in the transaction that creates them)."""
    now = timezone.now()
    if verdict.answer is None:
        return IdentityCheck.objects.create(person=person, status=Status.UNVERIFIED, attempts=1,
                                            next_check_at=now + RECHECK_BASE, last_error=verdict.error)
    return IdentityCheck.objects.create(person=person, status=_status(verdict.answer), source=verdict.source,
                                        checked_at=now, attempts=1)


@dataclass
class RecheckResult:
    verified: int = 0
    mismatched: int = 0
    deceased: int = 0
    unanswered: int = 0


def _recheck_one(check: IdentityCheck, now, result: RecheckResult) -> bool:
    """Ask again about one locked unverified person; False when the service still does not answer."""
    from accounts.services import person_report_death, system_user

    verdict = identity_ask(id_number=check.person.id_number, name=check.person.name)
    check.attempts += 1
    if verdict.answer is None:
        check.last_error = verdict.error
        check.next_check_at = now + retry_delay(check.attempts - 1, base=RECHECK_BASE, cap=RECHECK_CAP)
        result.unanswered += 1
        check.save(update_fields=["attempts", "last_error", "next_check_at", "updated_at"])
        return False
    check.status, check.source, check.checked_at = _status(verdict.answer), verdict.source, now
    check.next_check_at, check.last_error = None, ""
    check.save(update_fields=["status", "source", "checked_at", "attempts", "next_check_at", "last_error",
                              "updated_at"])
    if check.status == Status.DECEASED:
        result.deceased += 1
        # Pension and benefits suspended, with a case for the district to confirm the death (then they stop).
        person_report_death(actor=system_user(), person=check.person,
                            date_of_death=verdict.answer.date_of_death or timezone.localdate(now),
                            source="公安人口信息核验")
    elif check.status == Status.MISMATCH:
        result.mismatched += 1
    else:
        result.verified += 1
    return True


def identity_recheck_due(*, now=None, limit: int = 200) -> RecheckResult:
    """The beat task: ask again about persons created while the population service was down, one transaction
    each (a second worker skips the locked ones). Stops at the first outage: the others wait for the next run."""
    now = now or timezone.now()
    result = RecheckResult()
    for _round in range(limit):
        with transaction.atomic():
            check = (IdentityCheck.objects.select_for_update(skip_locked=True, of=("self",))
                     .select_related("person").filter(status=Status.UNVERIFIED, next_check_at__lte=now)
                     .order_by("next_check_at", "pk").first())
            if check is None or not _recheck_one(check, now, result):
                break
    if result.verified or result.mismatched or result.deceased or result.unanswered:
        logger.info("Identity re-check: %s", result)
    return result
