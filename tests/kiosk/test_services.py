"""Who a kiosk acts as: its hall's own system user, allowed to start a business for the one person it identified
by an SMS code, and for nobody else."""

from __future__ import annotations

import pytest

from accounts.exceptions import AccountsError
from accounts.models import User
from portal.kiosk.services import kiosk_actor, kiosk_apply, kiosk_user
from tests.factories import PersonFactory
from workflow.exceptions import NotAllowed
from workflow.permissions import can_apply_for
from workflow.registry import Channel
from workflow.services import case_accept

pytestmark = pytest.mark.django_db


def test_each_hall_has_one_kiosk_user_that_cannot_log_in(hall):
    user = kiosk_user(hall=hall)
    assert (user.kind, user.office, user.is_active, user.has_usable_password()) == ("system", hall, False, False)
    assert kiosk_user(hall=hall) == user
    assert User.objects.filter(username=user.username).count() == 1


def test_a_taken_user_name_is_not_borrowed(hall):
    User.objects.create(username=f"kiosk-{hall.code.lower()}", kind=User.Kind.STAFF)
    with pytest.raises(AccountsError):
        kiosk_user(hall=hall)


def test_the_kiosk_may_apply_only_for_the_person_it_identified(hall):
    person, other = PersonFactory(), PersonFactory()
    actor = kiosk_actor(hall=hall, person=person)
    assert can_apply_for(actor, channel=Channel.KIOSK, person=person)
    assert not can_apply_for(actor, channel=Channel.KIOSK, person=other)
    assert not can_apply_for(actor, channel=Channel.ONLINE, person=person)
    assert not can_apply_for(kiosk_user(hall=hall), channel=Channel.KIOSK, person=person)  # nobody identified


def test_a_system_user_without_a_kiosk_identification_cannot_use_the_kiosk_channel(hall):
    from accounts.services import system_user

    person = PersonFactory()
    with pytest.raises(NotAllowed):
        case_accept(service_code="insurance.statement", actor=system_user(), channel=Channel.KIOSK, person=person,
                    data={"year": 2025})
    with pytest.raises(NotAllowed):
        case_accept(service_code="insurance.statement", actor=kiosk_actor(hall=hall, person=PersonFactory()),
                    channel=Channel.KIOSK, person=person, data={"year": 2025})


def test_kiosk_apply_goes_through_the_service_s_form(hall):
    from workflow.exceptions import NotEligible

    person = PersonFactory()
    with pytest.raises(NotEligible):
        kiosk_apply(hall=hall, person=person, service_code="insurance.statement", fields={"year": "1900"})
    case = kiosk_apply(hall=hall, person=person, service_code="insurance.statement", fields={"year": "2025"})
    assert (case.channel, case.accepted_office, case.data) == ("kiosk", hall, {"year": 2025})
