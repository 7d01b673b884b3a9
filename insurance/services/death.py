"""What a death closes: the pension stops, enrolments end, the card is cancelled."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Person, User
from insurance.models import Enrolment
from insurance.services.cards import cards_cancel
from insurance.services.enrolment import enrolments_close_all
from insurance.services.pensions import pension_stop


@transaction.atomic
def person_death_close(*, person: Person, date_of_death: date, actor: User) -> dict:
    """Receiver of accounts.signals.person_died (in the transaction that records the death)."""
    pension = pension_stop(person=person, actor=actor, on=date_of_death, reason=_("Died"))
    ended = enrolments_close_all(actor=actor, person=person, on=date_of_death, reason=Enrolment.EndReason.DIED)
    cancelled = cards_cancel(person=person, actor=actor)
    return {"pension_stopped": pension is not None, "enrolments_ended": ended, "cards_cancelled": cancelled}


def on_person_died(sender, *, person, date_of_death, actor, **kwargs) -> None:
    person_death_close(person=person, date_of_death=date_of_death, actor=actor)
