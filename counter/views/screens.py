"""The hall's screens, used without a login: the ticket dispenser at the entrance and the display board.

They are addressed by the hall's unguessable screen key (rotated in the admin or on the screens page); a wrong
key is a 404. They show ticket codes, windows and waits only: never a name or a number of a person.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.access import delegated_access
from counter import services
from counter.exceptions import CounterError
from counter.forms.hall import CheckInForm, TicketForm
from counter.selectors.halls import screen_by_token
from counter.selectors.queue import board, ticket_wait

SCREEN_KEY = "the hall's screen key in the URL (selectors.halls.screen_by_token)"
# Wrong booking codes a dispenser may try in 10 minutes before it must wait (guessing codes is pointless).
CHECK_IN_FAILURES_ALLOWED = 20


def _hall(token: str):
    screen = screen_by_token(token=token)
    if screen is None:
        raise Http404
    return screen.hall


@delegated_access(SCREEN_KEY)
@never_cache
def dispenser(request, token: str):
    hall = _hall(token)
    return render(request, "counter/screen_dispenser.html", {
        "hall": hall, "token": token, "ticket_form": TicketForm(), "check_in_form": CheckInForm(),
        "reasons": TicketForm.base_fields["priority_reason"].choices,
    })


def _check_in(request, hall, token):
    key = f"counter:checkin-failures:{hall.pk}"
    if cache.get(key, 0) >= CHECK_IN_FAILURES_ALLOWED:
        raise CounterError(_("Too many wrong codes: please ask the staff at the information desk."))
    form = CheckInForm(request.POST)
    try:
        if not form.is_valid():
            raise CounterError(form.errors["code"][0])
        return services.appointment_check_in(hall=hall, code=form.cleaned_data["code"])
    except CounterError:
        cache.set(key, cache.get(key, 0) + 1, timeout=600)
        raise


@delegated_access(SCREEN_KEY)
@never_cache
@require_POST
def dispenser_ticket(request, token: str):
    """Print a ticket: number, time, people ahead, estimated wait."""
    hall = _hall(token)
    try:
        if request.POST.get("category") == "appointment":
            ticket = _check_in(request, hall, token)
        else:
            form = TicketForm(request.POST)
            if not form.is_valid():
                raise CounterError(_("Choose the kind of number."))
            ticket = services.ticket_issue(hall=hall, category=form.cleaned_data["category"],
                                           priority_reason=form.cleaned_data["priority_reason"])
    except CounterError as exc:
        return render(request, "counter/screen_dispenser.html", {
            "hall": hall, "token": token, "ticket_form": TicketForm(), "check_in_form": CheckInForm(),
            "reasons": TicketForm.base_fields["priority_reason"].choices, "error": exc.message,
        })
    ahead, wait = ticket_wait(ticket=ticket)
    return render(request, "counter/screen_ticket.html", {
        "hall": hall, "token": token, "ticket": ticket, "ahead": ahead, "wait": wait,
        "issued": timezone.localtime(ticket.issued_at),
    })


@delegated_access(SCREEN_KEY)
@never_cache
def board_view(request, token: str):
    hall = _hall(token)
    return render(request, "counter/screen_board.html", {"hall": hall, "token": token, **board(hall=hall)})


@delegated_access(SCREEN_KEY)
@never_cache
def board_live(request, token: str):
    """The board's content, fetched every second by htmx (no full reload)."""
    hall = _hall(token)
    return render(request, "counter/partials/_board.html", {"hall": hall, "token": token, **board(hall=hall)})
