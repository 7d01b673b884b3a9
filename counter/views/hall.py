"""The hall's own pages: its day (windows, queue), the day's bookings, appointment slots, screen keys."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from counter import services
from counter.exceptions import CounterError
from counter.forms.hall import CapacityForm, DateRangeForm, SlotOpenForm
from counter.models import AppointmentSlot
from counter.selectors.appointments import bookings_of_hall, slots_of_hall
from counter.selectors.halls import hall_chosen, halls_visible_to, screens_of
from counter.selectors.queue import hall_day
from counter.terminals import terminals


def _hall_or_404(request):
    hall = hall_chosen(user=request.user, code=request.GET.get("hall") or request.POST.get("hall"))
    if hall is None:
        return None
    return hall


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@require_access(perm="counter.monitor_hall")
def hall_today(request):
    hall = _hall_or_404(request)
    context = {"hall": hall, "halls": halls_visible_to(user=request.user)}
    if hall is not None:
        context.update(hall_day(hall=hall, day=timezone.localdate()))
    return render(request, "counter/hall_today.html", context)


@require_access(perm="counter.monitor_hall")
def bookings(request):
    hall, day = _hall_or_404(request), _day(request.GET.get("day"))
    return render(request, "counter/hall_bookings.html", {
        "hall": hall, "halls": halls_visible_to(user=request.user), "day": day,
        "bookings": bookings_of_hall(hall=hall, day=day) if hall else [],
    })


@require_access(perm="counter.manage_hall")
def slots(request):
    """The hall's appointment slots over a range, with their places; open more for a range of days."""
    hall = _hall_or_404(request)
    open_form = SlotOpenForm(request.POST or None, initial={"hall": hall.code if hall else ""})
    if request.method == "POST" and hall is not None and open_form.is_valid():
        data = open_form.cleaned_data
        try:
            created = services.slots_open(hall=hall, actor=request.user, date_from=data["date_from"],
                                          date_to=data["date_to"], opens=data["opens"], closes=data["closes"],
                                          minutes=data["minutes"], capacity=data["capacity"],
                                          service=data["service"])
        except CounterError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(n)s slots opened.") % {"n": created})
            return redirect(f"{reverse('counter:slots')}?hall={hall.code}&date_from={data['date_from']}"
                            f"&date_to={data['date_to']}")
    view_range = DateRangeForm.from_query(request.GET, default_days=7)
    rows = []
    if hall is not None and view_range.is_valid():
        rows = slots_of_hall(hall=hall, date_from=view_range.cleaned_data["date_from"],
                             date_to=view_range.cleaned_data["date_to"])
    return render(request, "counter/hall_slots.html", {
        "hall": hall, "halls": halls_visible_to(user=request.user), "slots": rows, "open_form": open_form,
        "range_form": view_range,
    })


@require_access(perm="counter.manage_hall")
@require_POST
def slot_capacity(request, pk: int):
    slot = get_object_or_404(AppointmentSlot.objects.select_related("hall")
                             .filter(hall__in=halls_visible_to(user=request.user)), pk=pk)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.slot_capacity_set(slot=slot, actor=request.user, capacity=form.cleaned_data["capacity"])
            messages.success(request, _("Places changed."))
        except CounterError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Enter a number of places."))
    return redirect(f"{reverse('counter:slots')}?hall={slot.hall.code}&date_from={slot.date}&date_to={slot.date}")


@require_access(perm="counter.manage_hall")
def screens(request):
    """The addresses of each hall's dispenser and board, to open on the hall's screens."""
    halls = halls_visible_to(user=request.user)
    for hall in halls:
        services.hall_screen_ensure(hall=hall)
    return render(request, "counter/hall_screens.html",
                  {"screens": screens_of(halls=halls), "terminals": terminals()})


@require_access(perm="counter.manage_hall")
@require_POST
def screen_rotate(request, code: str):
    hall = get_object_or_404(halls_visible_to(user=request.user), code=code)
    services.hall_screen_rotate(hall=hall, actor=request.user)
    messages.success(request, _("New screen addresses issued for %(hall)s: open them on the hall's screens.")
                     % {"hall": hall.name})
    return redirect("counter:screens")
