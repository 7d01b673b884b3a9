"""Reads of proactive offers: what a resident's or employer's home page shows them to answer."""

from __future__ import annotations

from django.db.models import QuerySet

from workflow.models import ProactiveOffer
from workflow.rules.states import Status


def _waiting() -> QuerySet:
    return (ProactiveOffer.objects.filter(status=ProactiveOffer.Status.OFFERED, case__status=Status.ACCEPTED)
            .select_related("service", "case").order_by("-offered_at"))


def offers_for_person(*, person) -> list[ProactiveOffer]:
    """The offers made to a person that wait for their answer (1 query)."""
    return list(_waiting().filter(person=person, employer__isnull=True))


# What the employer's home page shows of an offer (portal/employer/partials/_offers.html): not the facts found,
# the case's data and every other column of the offer, its service, case and person.
EMPLOYER_OFFER_FIELDS = ("what", "why", "expires_on", "service__name_zh", "service__name_en", "case__number",
                         "person__name")


def offers_for_employer(*, employer) -> list[ProactiveOffer]:
    """The offers made to an employer that wait for its answer, with whom they concern, with what its home page
    shows of them (1 query)."""
    return list(_waiting().filter(employer=employer).select_related("person").only(*EMPLOYER_OFFER_FIELDS))


def offers_waiting_on(*, case) -> list[ProactiveOffer]:
    """The offer of a case the bureau opened, while it waits for its answer (1 query)."""
    return list(_waiting().filter(case=case))


def offer_of_person(*, person, pk: int) -> ProactiveOffer | None:
    return ProactiveOffer.objects.filter(pk=pk, person=person, employer__isnull=True).first()


def offer_of_employer(*, employer, pk: int) -> ProactiveOffer | None:
    return ProactiveOffer.objects.filter(pk=pk, employer=employer).first()
