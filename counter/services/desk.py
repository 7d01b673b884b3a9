"""The clerk's desk: accept any business of the catalogue for the person or employer at the window."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Employer, Person, User
from counter.models import Ticket
from workflow.models import Case
from workflow.registry import Channel
from workflow.services import case_accept


@transaction.atomic
def desk_accept(*, actor: User, service_code: str, person: Person | None = None, employer: Employer | None = None,
                data: dict | None = None, materials: list[str] | tuple[str, ...] = (),
                ticket: Ticket | None = None) -> Case:
    """Accept at this hall through the counter channel. Immediate business is finished on the spot; time-limited
    business goes to the back office of the applicant's district, whichever hall this is. The case is kept on
    the ticket being served, for the hall's figures."""
    case = case_accept(service_code=service_code, actor=actor, channel=Channel.COUNTER, person=person,
                       employer=employer, data=data or {}, office=actor.office, materials=list(materials))
    if ticket is not None and ticket.window_id is not None and ticket.clerk_id == actor.pk:
        ticket.cases.add(case)
    return case
