"""The hall's business at the kiosk, identified or not: a queue number (or an appointment's check-in), and a
case checked by scanning the barcode of its receipt (the public tracking view: no personal data)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from counter import services as counter_services
from counter.exceptions import CounterError
from counter.forms.hall import CheckInForm, TicketForm
from counter.models import Appointment, Ticket
from counter.selectors.appointments import appointments_of
from counter.selectors.queue import ticket_wait
from portal.kiosk import session
from portal.kiosk.views.start import render_kiosk
from workflow.rules.codes import normalize_tracking_code
from workflow.selectors.tracking import case_tracking
from workflow.views.tracking import TrackForm, rate_limited


def _todays_appointments(kiosk) -> list[Appointment]:
    """The identified person's appointments at this hall today, still to check in."""
    if kiosk.person is None:
        return []
    today = timezone.localdate()
    return [a for a in appointments_of(person=kiosk.person)
            if a.slot.hall_id == kiosk.hall.pk and a.slot.date == today and a.status == Appointment.Status.BOOKED]


def _issue(request, hall) -> Ticket:
    if request.POST.get("category") == "appointment":
        form = CheckInForm(request.POST)
        if not form.is_valid():
            raise CounterError(form.errors["code"][0])
        return counter_services.appointment_check_in(hall=hall, code=form.cleaned_data["code"])
    form = TicketForm(request.POST)
    if not form.is_valid():
        raise CounterError(_("Choose the kind of number."))
    return counter_services.ticket_issue(hall=hall, category=form.cleaned_data["category"],
                                         priority_reason=form.cleaned_data["priority_reason"])


@session.kiosk_view
@require_http_methods(["GET", "HEAD", "POST"])
def ticket(request):
    kiosk = request.kiosk
    error = ""
    if request.method == "POST":
        try:
            issued = _issue(request, kiosk.hall)
        except CounterError as exc:
            error = str(exc.message)
        else:
            request.session[session.TICKET] = issued.pk
            return redirect("kiosk:ticket-done", token=kiosk.token)
    return render_kiosk(request, "portal/kiosk/ticket.html", {
        "check_in_form": CheckInForm(), "reasons": [c for c in TicketForm.base_fields["priority_reason"].choices
                                                    if c[0]],
        "appointments": _todays_appointments(kiosk), "error": error}, status=400 if error else 200)


@session.kiosk_view
@require_safe
def ticket_done(request):
    """The number just taken at this kiosk (kept in the kiosk's session, never looked up by its id)."""
    kiosk = request.kiosk
    taken = (Ticket.objects.filter(pk=request.session.get(session.TICKET), hall=kiosk.hall,
                                   day=timezone.localdate()).first()
             if request.session.get(session.TICKET) else None)
    if taken is None:
        return redirect("kiosk:ticket", token=kiosk.token)
    ahead, wait = ticket_wait(ticket=taken)
    return render_kiosk(request, "portal/kiosk/ticket_done.html", {
        "ticket": taken, "ahead": ahead, "wait": wait, "issued": timezone.localtime(taken.issued_at)})


@rate_limited("kiosk.track", methods=("GET", "HEAD"))
def _lookup(request):
    """A sent code: it counts against the lookups allowed per address (showing the empty form does not)."""
    form = TrackForm(request.GET)
    if not form.is_valid():
        return render_kiosk(request, "portal/kiosk/track.html", {"form": form}, status=400)
    if case_tracking(code=form.cleaned_data["code"]) is None:
        return render_kiosk(request, "portal/kiosk/track.html", {"form": TrackForm(), "not_found": True},
                            status=404)
    return redirect("kiosk:track-detail", token=request.kiosk.token,
                    code=normalize_tracking_code(form.cleaned_data["code"]))


@session.kiosk_view
@require_safe
def track(request):
    """Scan the receipt's barcode (the scanner types the code and Enter) or type the code. A lookup reads
    nothing private, so the form is sent by GET (?code=), like the public tracking page's."""
    if "code" in request.GET:
        return _lookup(request)
    return render_kiosk(request, "portal/kiosk/track.html", {"form": TrackForm()})


@session.kiosk_view
@require_safe
@rate_limited("kiosk.track-detail")
def track_detail(request, code: str):
    tracked = case_tracking(code=code)
    if tracked is None:
        return render_kiosk(request, "portal/kiosk/track.html", {"form": TrackForm(), "not_found": True},
                            status=404)
    return render_kiosk(request, "portal/kiosk/track_detail.html", {"case": tracked})
