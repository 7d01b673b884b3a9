"""Social-security cards: application, production batches, delivery to a hall, issue, activation, loss."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import Employer, Office, Person, User
from accounts.text import recorded
from insurance.exceptions import InsuranceError
from insurance.models import Card, CardBatch
from insurance.models.cards import LIVE_CARD_STATES
from insurance.notifications import sms
from insurance.selectors.cards import cards_waiting_for_production
from workflow.services import sequence_next, sequence_reserve
from workflow.sms import sms_kind_register

READY_TEXT = sms_kind_register("insurance.card-ready", gettext_lazy(
    "Your social-security card is ready. Please collect it at %(hall)s with your identity card."))
ACTIVATED_TEXT = sms_kind_register("insurance.card-active", gettext_lazy(
    "Social-security card activated: your card ending %(last4)s is now active."))
LOST_TEXT = sms_kind_register("insurance.card-lost", gettext_lazy(
    "Your social-security card ending %(last4)s has been reported lost and blocked."))

# Why a card changed, as its history records it (in the bureau's record language).
APPLIED = gettext_lazy("Card applied for")
SENT_TO_PRODUCTION = gettext_lazy("Card sent to production")
MADE = gettext_lazy("Card made, ready for collection")
ISSUED = gettext_lazy("Card issued to the holder")
ACTIVATED = gettext_lazy("Card activated")
REPORTED_LOST = gettext_lazy("Card reported lost")
REPLACED = gettext_lazy("Card replaced")
CANCELLED = gettext_lazy("Card cancelled")


def _save(card: Card, actor: User, reason) -> None:
    card._history_user = actor
    card._change_reason = recorded(reason)
    card.save()


def _live_card(person: Person, *, lock: bool = True) -> Card | None:
    cards = Card.objects.filter(person=person, status__in=LIVE_CARD_STATES)
    return (cards.select_for_update() if lock else cards).first()


def _new_card(*, person: Person, actor: User, hall: Office | None, employer: Employer | None = None,
              case=None, replaces: Card | None = None) -> Card:
    number = f"SD{sequence_next('insurance:card'):08d}"
    card = Card(person=person, number=number, hall=hall, employer=employer, case=case, replaces=replaces,
                applied_at=timezone.now())
    _save(card, actor, APPLIED)
    return card


@transaction.atomic
def card_apply(*, person: Person, actor: User, hall: Office | None = None, employer: Employer | None = None,
               case=None) -> Card:
    """Apply for a first card; refused while the person holds one (report it lost to replace it)."""
    Person.objects.select_for_update().get(pk=person.pk)
    if person.is_deceased:
        raise InsuranceError(_("This person is recorded as deceased."), code="deceased")
    live = _live_card(person)
    if live is not None:
        raise InsuranceError(_("This person already has a card (%(status)s).") % {"status": live.get_status_display()},
                             code="has_card")
    return _new_card(person=person, actor=actor, hall=hall, employer=employer, case=case)


@transaction.atomic
def card_apply_batch(*, employer: Employer, persons: list[Person], actor: User, hall: Office | None = None,
                     case=None) -> tuple[list[Card], list[Person]]:
    """An employer applies for its staff: (cards applied, persons skipped because they hold a card)."""
    holders = set(Card.objects.filter(person__in=persons, status__in=LIVE_CARD_STATES).values_list(
        "person_id", flat=True))
    skipped = [p for p in persons if p.pk in holders or p.is_deceased]
    applying = [p for p in persons if p.pk not in holders and not p.is_deceased]
    if not applying:
        return [], skipped
    first, now = sequence_reserve("insurance:card", len(applying)), timezone.now()
    cards = [Card(person=person, number=f"SD{first + n:08d}", hall=hall, employer=employer, case=case,
                  applied_at=now) for n, person in enumerate(applying)]
    # In bulk, with their history: a batch may hold thousands of staff.
    made = bulk_create_with_history(cards, Card, batch_size=1000, default_user=actor,
                                    default_change_reason=recorded(APPLIED))
    return made, skipped


@transaction.atomic
def card_batch_create(*, actor: User, hall: Office, limit: int = 5000) -> CardBatch:
    """Send a hall's cards (cards_waiting_for_production) to the card maker as one batch: a hall batches its own
    cards, never another hall's."""
    if hall.kind != Office.Kind.HALL:
        raise InsuranceError(_("Cards are sent to production by the service hall where they are collected."),
                             code="hall")
    cards = list(cards_waiting_for_production(hall=hall).select_for_update().order_by("applied_at", "pk")[:limit])
    if not cards:
        raise InsuranceError(_("No card applications of this hall are waiting for production."), code="empty")
    today = timezone.localdate()
    batch = CardBatch.objects.create(number=f"ZK{today:%Y%m%d}{sequence_next('insurance:card-batch'):04d}",
                                     created_by=actor, hall=hall)
    for card in cards:
        card.status, card.batch = Card.Status.IN_PRODUCTION, batch
    bulk_update_with_history(cards, Card, ["status", "batch"], batch_size=1000, default_user=actor,
                             default_change_reason=recorded(SENT_TO_PRODUCTION))
    return batch


@transaction.atomic
def card_batch_deliver(*, batch: CardBatch, actor: User, hall: Office | None = None) -> CardBatch:
    """The batch arrived at the hall that sent it: its cards are ready for collection and each holder gets an SMS.
    Only a batch sent before batches belonged to their hall is delivered to the hall given here."""
    batch = CardBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != CardBatch.Status.IN_PRODUCTION:
        raise InsuranceError(_("This batch has already been delivered."), code="delivered")
    if batch.hall_id is not None and hall is not None and hall.pk != batch.hall_id:
        raise InsuranceError(_("This batch belongs to %(hall)s: only that hall records its delivery.")
                             % {"hall": batch.hall.name}, code="other_hall")
    hall = batch.hall or hall
    if hall is None or hall.kind != Office.Kind.HALL:
        raise InsuranceError(_("Cards are delivered to a service hall."), code="hall")
    now = timezone.now()
    batch.status, batch.hall, batch.delivered_at = CardBatch.Status.DELIVERED, hall, now
    batch.save()
    cards = list(batch.cards.select_for_update(of=("self",)).filter(status=Card.Status.IN_PRODUCTION)
                 .select_related("person", "hall"))
    for card in cards:
        card.status, card.ready_at = Card.Status.READY, now
        card.hall = card.hall or hall
    bulk_update_with_history(cards, Card, ["status", "ready_at", "hall"], batch_size=1000, default_user=actor,
                             default_change_reason=recorded(MADE))
    for card in cards:
        sms(key=f"card-ready:{card.pk}", phone=card.person.phone, text=READY_TEXT, params={"hall": card.hall.name})
    return batch


@transaction.atomic
def card_issue(*, card: Card, actor: User) -> Card:
    """Hand a ready card to its holder at the counter."""
    card = Card.objects.select_for_update().get(pk=card.pk)
    if card.status != Card.Status.READY:
        raise InsuranceError(_("Only a card ready for collection can be handed over."), code="status")
    card.status, card.issued_at = Card.Status.ISSUED, timezone.now()
    _save(card, actor, ISSUED)
    return card


@transaction.atomic
def card_activate(*, person: Person, actor: User, case=None) -> Card:
    card = _live_card(person)
    if card is None or card.status != Card.Status.ISSUED:
        raise InsuranceError(_("There is no card handed over and waiting for activation."), code="status")
    card.status, card.activated_at = Card.Status.ACTIVE, timezone.now()
    _save(card, actor, ACTIVATED)
    sms(key=f"card-active:{card.pk}", phone=person.phone, text=ACTIVATED_TEXT, params={"last4": card.number[-4:]},
        case=case)
    return card


@transaction.atomic
def card_report_lost(*, person: Person, actor: User, case=None) -> Card:
    """Block a card in the holder's hands (issued or active)."""
    card = _live_card(person)
    if card is None or card.status not in (Card.Status.ISSUED, Card.Status.ACTIVE):
        raise InsuranceError(_("There is no card in the holder's hands to report lost."), code="status")
    card.status, card.lost_at = Card.Status.LOST, timezone.now()
    _save(card, actor, REPORTED_LOST)
    sms(key=f"card-lost:{card.pk}", phone=person.phone, text=LOST_TEXT, params={"last4": card.number[-4:]}, case=case)
    return card


@transaction.atomic
def card_replace(*, person: Person, actor: User, hall: Office | None = None, case=None) -> Card:
    """Replace a lost card, or a damaged one in hand (it is blocked now): a new card is applied for."""
    Person.objects.select_for_update().get(pk=person.pk)
    old = _live_card(person)
    if old is not None and old.status not in (Card.Status.ISSUED, Card.Status.ACTIVE):
        raise InsuranceError(_("The current card is still being made; it cannot be replaced yet."), code="status")
    if old is None:
        old = Card.objects.select_for_update(of=("self",)).filter(person=person, status=Card.Status.LOST,
                                                      replaced_by__isnull=True).first()
    if old is None:
        raise InsuranceError(_("There is no card to replace; apply for a first card."), code="none")
    old.status, old.closed_at = Card.Status.REPLACED, timezone.now()
    _save(old, actor, REPLACED)
    return _new_card(person=person, actor=actor, hall=hall, case=case, replaces=old)


def cards_cancel(*, person: Person, actor: User) -> int:
    """Cancel every live card of a person (death)."""
    cards = list(Card.objects.select_for_update().filter(person=person, status__in=LIVE_CARD_STATES))
    for card in cards:
        card.status, card.closed_at = Card.Status.CANCELLED, timezone.now()
        _save(card, actor, CANCELLED)
    return len(cards)
