"""The clerk's desk: accept any business of the catalogue for the person or employer at the window."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Employer, Person, User
from counter.models import Ticket
from workflow.models import Bundle, Case
from workflow.registry import Channel
from workflow.services import case_accept
from workflow.services.bundles import bundle_accept


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


@transaction.atomic
def desk_accept_bundle(*, actor: User, bundle_code: str, person: Person, data: dict, key: str,
                       ticket: Ticket | None = None) -> Bundle:
    """Accept a life event (一件事) for the person at the window: every case of it or none
    (workflow.services.bundles.bundle_accept). Its cases are kept on the ticket being served, like one case's."""
    bundle = bundle_accept(bundle_code=bundle_code, actor=actor, channel=Channel.COUNTER, person=person, data=data,
                           office=actor.office, key=key)
    if ticket is not None and ticket.window_id is not None and ticket.clerk_id == actor.pk:
        ticket.cases.add(*Case.objects.filter(bundle_link__bundle=bundle))
    return bundle
