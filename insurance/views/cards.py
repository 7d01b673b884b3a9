"""Card production and collection: batches to the maker, delivery to a hall, handing cards over."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import require_access
from accounts.models import Office
from accounts.selectors import persons_visible_to
from insurance.exceptions import InsuranceError
from insurance.forms import BatchDeliverForm
from insurance.models import CardBatch
from insurance.selectors.cards import card_batches, card_counts, cards_ready_at, cards_waiting_for_production
from insurance.services import card_batch_create, card_batch_deliver, card_issue
from insurance.views.common import paginate

MANAGE = "insurance.manage_cards"


@require_access(perm=MANAGE)
def card_list(request):
    office = request.user.office
    at_hall = office is not None and office.kind == Office.Kind.HALL
    ready = cards_ready_at(hall=office, persons=persons_visible_to(user=request.user)) if at_hall else None
    return render(request, "insurance/card_list.html", {
        "counts": card_counts(), "waiting": cards_waiting_for_production().count(), "batches": card_batches(),
        "ready": paginate(request, ready) if ready is not None else None,
    })


@require_access(perm=MANAGE)
@require_POST
def card_batch_create_view(request):
    try:
        batch = card_batch_create(actor=request.user)
    except InsuranceError as exc:
        messages.error(request, exc.message)
        return redirect("insurance:card-list")
    messages.success(request, _("Batch %(number)s sent to production.") % {"number": batch.number})
    return redirect("insurance:card-batch-detail", pk=batch.pk)


@require_access(perm=MANAGE)
def card_batch_detail(request, pk: int):
    batch = get_object_or_404(CardBatch.objects.select_related("hall", "created_by"), pk=pk)
    initial = {"hall": request.user.office} if request.user.office and request.user.office.kind == "hall" else None
    form = BatchDeliverForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            card_batch_deliver(batch=batch, actor=request.user, hall=form.cleaned_data["hall"])
        except InsuranceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Delivered: the holders are told by SMS."))
        return redirect("insurance:card-batch-detail", pk=batch.pk)
    cards = batch.cards.select_related("person", "hall").order_by("pk")
    return render(request, "insurance/card_batch_detail.html",
                  {"batch": batch, "form": form, "cards": paginate(request, cards, 100)})


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
