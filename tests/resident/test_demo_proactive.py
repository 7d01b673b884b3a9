"""The demo resident near retirement: offered the retirement approval by the bureau, once."""

import pytest


@pytest.mark.django_db
def test_the_demo_resident_near_retirement_is_offered_the_retirement_approval_once(demo):
    from accounts.models import Person
    from portal.resident import demo_proactive
    from workflow.models import ProactiveOffer, Sequence

    assert demo_proactive.seed() == {"proactive_offers": 1}
    marker = Sequence.objects.get(key=demo_proactive.MARKER)
    person = Person.objects.get(pk=marker.value)
    offer = ProactiveOffer.objects.get(person=person)
    assert offer.status == "offered" and offer.case.channel == "system" and "退休" in offer.what
    assert person.login.username == person.id_number
    assert demo_proactive.seed() == {}  # idempotent
    assert ProactiveOffer.objects.filter(person=person).count() == 1
