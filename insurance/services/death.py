"""What a death closes: the pension stops, enrolments end, the card is cancelled; and a death another department
reported: the pension held and a case for the district to confirm it (approved: the death is recorded; rejected: the
report is withdrawn and the pension paid again)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Person, User
from accounts.services import person_death_report_withdraw, person_record_death
from accounts.text import recorded
from insurance.models import Enrolment, Pension
from insurance.services.cards import cards_cancel
from insurance.services.enrolment import enrolments_close_all
from insurance.services.pensions import pension_stop
from workflow.models import Case
from workflow.registry import Channel
from workflow.rules.states import OPEN
from workflow.services import case_accept

DEATH_REVIEW = "insurance.death_review"
HELD = _("Held: death reported by %(source)s, being verified")
RELEASED = _("Paid again: the reported death was found wrong")


@transaction.atomic
def person_death_close(*, person: Person, date_of_death: date, actor: User) -> dict:
    """Receiver of accounts.signals.person_died (in the transaction that records the death)."""
    pension = pension_stop(person=person, actor=actor, on=date_of_death, reason=_("Died"))
    ended = enrolments_close_all(actor=actor, person=person, on=date_of_death, reason=Enrolment.EndReason.DIED)
    cancelled = cards_cancel(person=person, actor=actor)
    return {"pension_stopped": pension is not None, "enrolments_ended": ended, "cards_cancelled": cancelled}


def on_person_died(sender, *, person, date_of_death, actor, **kwargs) -> None:
    person_death_close(person=person, date_of_death=date_of_death, actor=actor)


@transaction.atomic
def death_review_open(*, person: Person, date_of_death: date, source: str, actor: User) -> Case | None:
    """A reported death: the pension held (a paid one; one suspended for proof of life stays suspended) and a case
    for the person's district to confirm it. Nothing new while a review of the person is open."""
    if Case.objects.filter(person=person, service__code=DEATH_REVIEW, status__in=sorted(OPEN)).exists():
        return None
    pension_hold(person=person, actor=actor, source=source)
    return case_accept(service_code=DEATH_REVIEW, actor=actor, channel=Channel.SYSTEM, person=person,
                       data={"date_of_death": date_of_death.isoformat(), "source": source})


def pension_hold(*, person: Person, actor: User, source: str) -> Pension | None:
    """Stop paying a pension while a reported death is verified (inside the caller's transaction)."""
    pension = Pension.objects.select_for_update().filter(person=person, status=Pension.Status.ACTIVE).first()
    if pension is not None:
        pension.status = Pension.Status.HELD
        pension._history_user, pension._change_reason = actor, (recorded(HELD) % {"source": source})[:100]
        pension.save(update_fields=["status"])
    return pension


def pension_release(*, person: Person, actor: User) -> Pension | None:
    """The reported death was wrong: a held pension is paid again (its proof of life rules apply as before: an
    overdue proof suspends it at the next sweep)."""
    pension = Pension.objects.select_for_update().filter(person=person, status=Pension.Status.HELD).first()
    if pension is not None:
        pension.status = Pension.Status.ACTIVE
        pension._history_user, pension._change_reason = actor, recorded(RELEASED)[:100]
        pension.save(update_fields=["status"])
    return pension


def death_review_confirm(*, case: Case, actor: User) -> None:
    """The district confirmed the death (the service's completion): it is recorded, and what a death ends stops."""
    person_record_death(actor=actor, person=case.person, date_of_death=date.fromisoformat(case.data["date_of_death"]),
                        source=case.data.get("source", ""))


def death_review_reject(*, case: Case, actor: User) -> None:
    """The report was wrong (the service's rejection): withdrawn, and what it held resumes."""
    person_death_report_withdraw(actor=actor, person=case.person, reason=case.decision_note)


def on_person_death_reported(sender, *, person, date_of_death, source, actor, **kwargs) -> None:
    death_review_open(person=person, date_of_death=date_of_death, source=source, actor=actor)


def on_person_death_report_withdrawn(sender, *, person, actor, **kwargs) -> None:
    pension_release(person=person, actor=actor)
