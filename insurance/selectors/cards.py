"""Social-security cards as the holder, the employer and the counter see them."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q, QuerySet

from accounts import memo
from accounts.models import Employer, Office, Person, User
from accounts.selectors import persons_nearest_to
from insurance.models import Card, CardBatch
from insurance.models.cards import LIVE_CARD_STATES
from insurance.selectors.enrolment import employer_insured_employees


def card_of(*, person: Person) -> Card | None:
    """The live card, else the latest one (1 query; once per `accounts.memo.read_once()` block)."""
    return memo.once(("insurance.card", person.pk), lambda: _card_of(person))


def _card_of(person: Person) -> Card | None:
    cards = list(Card.objects.filter(person=person).select_related("hall").order_by("-applied_at")[:5])
    live = [c for c in cards if c.status in LIVE_CARD_STATES]
    return live[0] if live else (cards[0] if cards else None)


def cards_of_employer_staff(*, employer: Employer) -> QuerySet[Card]:
    """Live cards of the employer's insured employees: what it sees for its staff."""
    return (Card.objects.filter(person__in=employer_insured_employees(employer=employer),
                                status__in=LIVE_CARD_STATES).select_related("person", "hall")
            .order_by("person__name"))


def staff_card_counts(*, employer: Employer) -> dict[str, int]:
    """How many live cards the employer's insured employees hold, by status (1 query; once per
    `accounts.memo.read_once()` block: the employer's section and its notices both count them)."""
    return memo.once(("insurance.staff_card_counts", employer.pk), lambda: dict(
        Card.objects.filter(person__in=employer_insured_employees(employer=employer), status__in=LIVE_CARD_STATES)
        .values_list("status").annotate(n=Count("pk")).order_by()))


def _halls_scope(user: User) -> Q:
    """The halls whose cards a member of staff handles: their own hall, else the halls of their region's subtree."""
    office = user.office
    if office is None:
        return Q(pk__in=[])
    if office.kind == Office.Kind.HALL:
        return Q(pk=office.pk)
    return Q(kind=Office.Kind.HALL, region__path__startswith=office.region.path)


def card_counts(*, user: User) -> dict[str, int]:
    """Cards by state among those collected at the user's halls (chosen there, or in a batch of theirs) (1 query)."""
    halls = Office.objects.filter(_halls_scope(user)).values("pk")
    return dict(Card.objects.filter(Q(hall__in=halls) | Q(batch__hall__in=halls)).values_list("status")
                .annotate(n=Count("pk", distinct=True)).order_by())


def cards_waiting_for_production(*, hall: Office) -> QuerySet[Card]:
    """The cards a hall sends to the maker: applied for, in no batch yet, and to be collected at this hall (the
    hall chosen on application; with none chosen, the hall nearest the holder's district)."""
    unchosen = Q(hall__isnull=True, person__in=persons_nearest_to(office=hall).values("pk"))
    return Card.objects.filter(Q(hall=hall) | unchosen, status=Card.Status.APPLIED, batch__isnull=True)


def cards_waiting_summary(*, hall: Office) -> dict:
    """How many of a hall's cards wait for production, and when the first and last were applied for (1 query)."""
    return cards_waiting_for_production(hall=hall).aggregate(count=Count("pk"), first=Min("applied_at"),
                                                             last=Max("applied_at"))


def card_batches_visible_to(*, user: User) -> QuerySet[CardBatch]:
    """A hall's own batches for its staff; the batches of the halls of their area for a district's or the city's
    staff (a batch sent before batches belonged to a hall, with none recorded, to those only)."""
    scope = Q(hall__in=Office.objects.filter(_halls_scope(user)).values("pk"))
    if user.office is not None and user.office.kind != Office.Kind.HALL:
        scope |= Q(hall__isnull=True)
    return CardBatch.objects.filter(scope)


def card_batches(*, user: User, limit: int = 20) -> list[CardBatch]:
    return list(card_batches_visible_to(user=user).select_related("hall").annotate(size=Count("cards"))
                .order_by("-created_at")[:limit])


def cards_ready_at(*, hall, persons: QuerySet[Person]) -> QuerySet[Card]:
    return (Card.objects.filter(status=Card.Status.READY, hall=hall, person__in=persons)
            .select_related("person").order_by("ready_at"))
