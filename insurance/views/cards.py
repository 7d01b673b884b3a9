"""Card production and collection: batches to the maker, delivery to a hall, handing cards over."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.access import require_access
from accounts.access_log.services import Page, access_log_record
from accounts.models import Office
from accounts.selectors import persons_visible_to
from insurance.exceptions import InsuranceError
from insurance.forms import BatchConfirmForm, BatchDeliverForm
from insurance.selectors.cards import (
    card_batches,
    card_batches_visible_to,
    card_counts,
    cards_ready_at,
    cards_waiting_for_production,
    cards_waiting_summary,
)
from insurance.services import card_batch_create, card_batch_deliver, card_issue
from insurance.views.common import paginate

MANAGE = "insurance.manage_cards"


def _hall_of(user) -> Office | None:
    office = user.office
    return office if office is not None and office.kind == Office.Kind.HALL else None


@require_access(perm=MANAGE)
def card_list(request):
    hall = _hall_of(request.user)
    ready = cards_ready_at(hall=hall, persons=persons_visible_to(user=request.user)) if hall else None
    ready = paginate(request, ready) if ready is not None else None
    access_log_record(request=request, persons=[c.person_id for c in ready or ()], page=Page.LIST)
    return render(request, "insurance/card_list.html", {
        "counts": card_counts(user=request.user), "hall": hall, "batches": card_batches(user=request.user),
        "waiting": cards_waiting_for_production(hall=hall).count() if hall else None,
        "ready": ready,
    })


@require_access(perm=MANAGE)
@require_safe
def card_batch_confirm(request):
    """What "send to production" will send, to be confirmed before anything goes to the card maker."""
    hall = _hall_of(request.user)
    summary = cards_waiting_summary(hall=hall) if hall else {"count": 0}
    form = BatchConfirmForm(initial={"count": summary["count"]})
    return render(request, "insurance/card_batch_confirm.html", {"hall": hall, "summary": summary, "form": form})


@require_access(perm=MANAGE)
@require_POST
def card_batch_create_view(request):
    """Send the hall's waiting cards, as confirmed on the confirmation page (anything else goes there first)."""
    hall, form = _hall_of(request.user), BatchConfirmForm(request.POST)
    if hall is None or not form.is_valid():
        return redirect("insurance:card-batch-confirm")
    if form.cleaned_data["count"] != cards_waiting_for_production(hall=hall).count():
        messages.warning(request, _("The applications waiting have changed since: check them and confirm again."))
        return redirect("insurance:card-batch-confirm")
    try:
        batch = card_batch_create(actor=request.user, hall=hall)
    except InsuranceError as exc:
        messages.error(request, exc.message)
        return redirect("insurance:card-list")
    messages.success(request, _("Batch %(number)s sent to production.") % {"number": batch.number})
    return redirect("insurance:card-batch-detail", pk=batch.pk)


@require_access(perm=MANAGE)
def card_batch_detail(request, pk: int):
    batch = get_object_or_404(card_batches_visible_to(user=request.user).select_related("hall", "created_by"), pk=pk)
    # Only a batch that records no hall (sent before batches belonged to one) asks where it arrived.
    form = BatchDeliverForm(request.POST or None, initial={"hall": _hall_of(request.user)}) if batch.hall_id is None \
        else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            card_batch_deliver(batch=batch, actor=request.user, hall=form.cleaned_data["hall"] if form else None)
        except InsuranceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Delivered: the holders are told by SMS."))
        return redirect("insurance:card-batch-detail", pk=batch.pk)
    cards = paginate(request, batch.cards.select_related("person", "hall").order_by("pk"), 100)
    access_log_record(request=request, persons=[c.person_id for c in cards], page=Page.LIST)
    return render(request, "insurance/card_batch_detail.html", {"batch": batch, "form": form, "cards": cards})


@require_access(perm=MANAGE)
@require_POST
def card_issue_view(request, pk: int):
    card = get_object_or_404(cards_ready_at(hall=request.user.office, persons=persons_visible_to(user=request.user)),
                             pk=pk)
    try:
        card_issue(card=card, actor=request.user)
    except InsuranceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Card %(number)s handed to %(name)s.")
                         % {"number": card.number, "name": card.person.name})
    return redirect("insurance:card-list")
