"""What a death closes: the pension stops, enrolments end, the card is cancelled; and the case for the district
that confirms a death another department reported."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Person, User
from insurance.models import Enrolment
from insurance.services.cards import cards_cancel
from insurance.services.enrolment import enrolments_close_all
from insurance.services.pensions import pension_stop
from workflow.registry import Channel
from workflow.services import case_accept

DEATH_REVIEW = "insurance.death_review"


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
def death_review_open(*, person: Person, date_of_death: date, source: str, actor: User):
    """A case for the person's district to confirm a death another department reported (opened while the person
    is still recorded alive; the death is recorded right after, in the same transaction)."""
    return case_accept(service_code=DEATH_REVIEW, actor=actor, channel=Channel.SYSTEM, person=person,
                       data={"date_of_death": date_of_death.isoformat(), "source": source})


def on_person_death_reported(sender, *, person, date_of_death, source, actor, **kwargs) -> None:
    death_review_open(person=person, date_of_death=date_of_death, source=source, actor=actor)
