"""The window's queue controls: sign in at a window, call the next ticket, recall, start, transfer, finish."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.navigation import back_to
from counter import services
from counter.exceptions import CounterError
from counter.forms.desk import TransferForm, WindowForm
from counter.selectors.queue import tickets_of_hall, window_of

OPERATE = "counter.operate_window"


def _back(request, default: str = "counter:desk"):
    return back_to(request, reverse(default))


def _announce_call(request, ticket) -> None:
    if ticket is None:
        messages.info(request, _("Nobody is waiting."))
    else:
        messages.success(request, _("Called %(code)s.") % {"code": ticket.code})


@require_access(perm=OPERATE)
@require_POST
def window_open_view(request):
    form = WindowForm(request.POST, hall=request.user.office)
    if form.is_valid():
        try:
            services.window_open(window=form.cleaned_data["window"], actor=request.user)
        except CounterError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Choose a window of your hall."))
    return redirect("counter:desk")


@require_access(perm=OPERATE)
@require_POST
def window_close_view(request):
    window = window_of(request.user)
    if window is not None:
        try:
            services.window_close(window=window, actor=request.user)
        except CounterError as exc:
            messages.error(request, exc.message)
    return redirect("counter:desk")


@require_access(perm=OPERATE)
@require_POST
def call_next_view(request):
    window = window_of(request.user)
    if window is None:
        messages.error(request, _("Sign in at a window first."))
        return redirect("counter:desk")
    try:
        ticket = services.ticket_call_next(window=window, actor=request.user,
                                           finish_current=request.POST.get("finish") == "1")
    except CounterError as exc:
        messages.error(request, exc.message)
    else:
        _announce_call(request, ticket)
    return redirect("counter:desk")


def _ticket_action(request, pk: int, action, **kwargs):
    ticket = get_object_or_404(tickets_of_hall(hall_id=request.user.office_id), pk=pk)
    try:
        return action(ticket=ticket, actor=request.user, **kwargs)
    except CounterError as exc:
        messages.error(request, exc.message)
        return None


@require_access(perm=OPERATE)
@require_POST
def ticket_recall_view(request, pk: int):
    back = _back(request)
    ticket = _ticket_action(request, pk, services.ticket_recall)
    if ticket is not None:
        messages.success(request, _("Called %(code)s again.") % {"code": ticket.code})
    return back


@require_access(perm=OPERATE)
@require_POST
def ticket_start_view(request, pk: int):
    back = _back(request)
    _ticket_action(request, pk, services.ticket_start)
    return back


@require_access(perm=OPERATE)
@require_POST
def ticket_finish_view(request, pk: int):
    ticket = _ticket_action(request, pk, services.ticket_finish)
    if ticket is not None and request.POST.get("then") == "call":
        try:
            _announce_call(request, services.ticket_call_next(window=ticket.window, actor=request.user))
        except CounterError as exc:
            messages.error(request, exc.message)
    elif ticket is not None:
        messages.success(request, _("%(code)s finished.") % {"code": ticket.code})
        if ticket.person_id or ticket.employer_id:  # the window offers the rating pad (好差评)
            return redirect("counter:rate-ticket", pk=ticket.pk)
    return redirect("counter:desk")


@require_access(perm=OPERATE)
@require_POST
def ticket_no_show_view(request, pk: int):
    ticket = _ticket_action(request, pk, services.ticket_no_show)
    if ticket is not None:
        messages.info(request, _("%(code)s recorded as not come.") % {"code": ticket.code})
    return redirect("counter:desk")


@require_access(perm=OPERATE)
@require_POST
def ticket_transfer_view(request, pk: int):
    ticket = get_object_or_404(tickets_of_hall(hall_id=request.user.office_id), pk=pk)
    form = TransferForm(request.POST, window=window_of(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose another window of this hall."))
        return redirect("counter:desk")
    if _ticket_action(request, ticket.pk, services.ticket_transfer, to_window=form.cleaned_data["to_window"]):
        messages.success(request, _("%(code)s transferred to window %(number)s.")
                         % {"code": ticket.code, "number": form.cleaned_data["to_window"].number})
    return redirect("counter:desk")
