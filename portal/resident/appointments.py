"""The resident's appointments (预约): book a business at a hall on a day and time, see the materials to bring,
cancel or move it. The booking itself is counter's service; these pages only parse, check and render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from counter import services
from counter.exceptions import CounterError
from counter.forms.appointments import SlotChoiceForm, SlotSearchForm
from counter.models import AppointmentSlot
from counter.selectors.appointments import appointment_of, appointments_of, slots_for_booking

RESIDENT = "accounts.use_resident_site"


@require_access(perm=RESIDENT)
def appointments(request):
    return render(request, "portal/resident/appointment_list.html",
                  {"appointments": appointments_of(person=request.user.person)})


def _search(request, initial: dict | None = None):
    """The business/hall/day form and, once chosen, the slots open for them."""
    params = request.GET if request.GET.get("service") or request.GET.get("hall") else None
    form = SlotSearchForm(params, initial=initial, person=request.user.person)
    found = None
    if form.is_valid():
        service = form.services[form.cleaned_data["service"]]
        hall = form.halls[form.cleaned_data["hall"]]
        found = {"service": service, "hall": hall, "day": form.cleaned_data["day"],
                 "slots": slots_for_booking(hall=hall, service=service, day=form.cleaned_data["day"]),
                 "materials": list(service.materials.all())}
    return form, found


def _slot(request):
    choice = SlotChoiceForm(request.POST)
    if not choice.is_valid():
        raise Http404
    return get_object_or_404(AppointmentSlot.objects.select_related("hall"), pk=choice.cleaned_data["slot"])


@require_access(perm=RESIDENT)
def appointment_book_view(request):
    if request.method == "POST":
        form = SlotSearchForm(request.POST, person=request.user.person)
        slot = _slot(request)
        service = form.services.get(request.POST.get("service", ""))
        if service is None:
            raise Http404
        try:
            booked = services.appointment_book(actor=request.user, person=request.user.person, slot=slot,
                                               service=service)
        except CounterError as exc:
            messages.error(request, exc.message)
            return redirect(f"{request.path}?service={service.code}&hall={slot.hall.code}&day={slot.date}")
        messages.success(request, _("Booked. Your booking code has been sent to you by SMS."))
        return redirect("resident:appointment-detail", code=booked.code)
    form, found = _search(request)
    return render(request, "portal/resident/appointment_book.html", {"form": form, "found": found})


@require_access(perm=RESIDENT)
def appointment_detail(request, code: str):
    appointment = appointment_of(person=request.user.person, code=code)
    if appointment is None:
        raise Http404
    return render(request, "portal/resident/appointment_detail.html", {"appointment": appointment})


@require_access(perm=RESIDENT)
@require_POST
def appointment_cancel_view(request, code: str):
    appointment = appointment_of(person=request.user.person, code=code)
    if appointment is None:
        raise Http404
    try:
        services.appointment_cancel(appointment=appointment, actor=request.user)
        messages.success(request, _("Your appointment is cancelled."))
    except CounterError as exc:
        messages.error(request, exc.message)
    return redirect("resident:appointment-detail", code=appointment.code)


@require_access(perm=RESIDENT)
def appointment_move_view(request, code: str):
    """Choose another hall, day and slot for the same business."""
    appointment = appointment_of(person=request.user.person, code=code)
    if appointment is None:
        raise Http404
    if request.method == "POST":
        try:
            services.appointment_move(appointment=appointment, actor=request.user, slot=_slot(request))
            messages.success(request, _("Your appointment is moved; the new time has been sent to you by SMS."))
            return redirect("resident:appointment-detail", code=appointment.code)
        except CounterError as exc:
            messages.error(request, exc.message)
    form, found = _search(request, initial={"service": appointment.service.code, "hall": appointment.slot.hall.code})
    return render(request, "portal/resident/appointment_move.html",
                  {"appointment": appointment, "form": form, "found": found})
