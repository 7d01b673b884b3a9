"""Social-security cards as the holder, the employer and the counter see them."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q, QuerySet

from accounts.models import Employer, Office, Person
from accounts.selectors import persons_nearest_to
from insurance.models import Card, CardBatch
from insurance.models.cards import LIVE_CARD_STATES
from insurance.selectors.enrolment import employer_insured_employees


def card_of(*, person: Person) -> Card | None:
    """The live card, else the latest one (1 query)."""
    cards = list(Card.objects.filter(person=person).select_related("hall").order_by("-applied_at")[:5])
    live = [c for c in cards if c.status in LIVE_CARD_STATES]
    return live[0] if live else (cards[0] if cards else None)


def cards_of_employer_staff(*, employer: Employer) -> QuerySet[Card]:
    """Live cards of the employer's insured employees: what it sees for its staff."""
    return (Card.objects.filter(person__in=employer_insured_employees(employer=employer),
                                status__in=LIVE_CARD_STATES).select_related("person", "hall")
            .order_by("person__name"))


def card_counts() -> dict[str, int]:
    return dict(Card.objects.values_list("status").annotate(n=Count("pk")).order_by())


def cards_waiting_for_production(*, hall: Office) -> QuerySet[Card]:
    """The cards a hall sends to the maker: applied for, in no batch yet, and to be collected at this hall (the
    hall chosen on application; with none chosen, the hall nearest the holder's district)."""
    unchosen = Q(hall__isnull=True, person__in=persons_nearest_to(office=hall).values("pk"))
    return Card.objects.filter(Q(hall=hall) | unchosen, status=Card.Status.APPLIED, batch__isnull=True)


def cards_waiting_summary(*, hall: Office) -> dict:
    """How many of a hall's cards wait for production, and when the first and last were applied for (1 query)."""
    return cards_waiting_for_production(hall=hall).aggregate(count=Count("pk"), first=Min("applied_at"),
                                                             last=Max("applied_at"))


def card_batches(*, limit: int = 20) -> list[CardBatch]:
    return list(CardBatch.objects.select_related("hall").annotate(size=Count("cards")).order_by("-created_at")[:limit])


def cards_ready_at(*, hall, persons: QuerySet[Person]) -> QuerySet[Card]:
    return (Card.objects.filter(status=Card.Status.READY, hall=hall, person__in=persons)
            .select_related("person").order_by("ready_at"))
