"""The rating pad at the window: after a case ends or a ticket is served, the clerk turns the pad (this page, on
the window's second screen or tablet) to the applicant, who rates; the desk goes on afterwards."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.access import require_access
from counter.models import Ticket
from counter.selectors.desk import cases_accepted_at
from workflow.rules.ratings import Channel
from workflow.selectors.ratings import may_be_rated, subject_rated
from workflow.services.ratings import rating_give_case, rating_give_visit
from workflow.views.ratings import rate_page

OPERATE = "counter.operate_window"
PAD = "layouts/public.html"  # the applicant reads it: no staff menus


@require_access(perm=OPERATE)
@require_http_methods(["GET", "HEAD", "POST"])
def rate_case(request, number: str):
    """An ended case accepted at this hall (finished on the spot, or decided and collected here)."""
    case = get_object_or_404(cases_accepted_at(office=request.user.office), number=number)
    if not may_be_rated(case):
        raise Http404
    back = reverse("counter:desk-case", kwargs={"number": number})
    return rate_page(request, layout=PAD, title=case.service.name, extra={"case": case, "back": back},
                     rated=subject_rated(subject=f"case:{case.pk}", channel=Channel.DESK), done=back,
                     give=lambda data: rating_give_case(case=case, channel=Channel.DESK, **data))


@require_access(perm=OPERATE)
@require_http_methods(["GET", "HEAD", "POST"])
def rate_ticket(request, pk: int):
    """A ticket this hall served, whose person or employer the window identified."""
    ticket = get_object_or_404(Ticket.objects.select_related("hall", "clerk", "person", "employer"),
                               pk=pk, hall=request.user.office, status=Ticket.Status.DONE)
    if ticket.person_id is None and ticket.employer_id is None:
        raise Http404
    subject, back = f"ticket:{ticket.pk}", reverse("counter:desk")
    return rate_page(request, layout=PAD, title=ticket.hall.name, extra={"ticket": ticket, "back": back},
                     rated=subject_rated(subject=subject, channel=Channel.DESK), done=back,
                     give=lambda data: rating_give_visit(
                         subject=subject, label=ticket.code, office=ticket.hall, staff=ticket.clerk,
                         person=ticket.person, employer=ticket.employer, channel=Channel.DESK, **data))
