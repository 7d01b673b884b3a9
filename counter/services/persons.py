"""Registering a person who is new to the bureau at a window (the police check runs in accounts.person_create)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.exceptions import AccountsError
from accounts.identifiers import parse_id_number
from accounts.models import Person, User
from accounts.selectors import region_deepest_for_code
from accounts.services import person_create
from counter.exceptions import CounterError


def desk_person_register(*, actor: User, id_number: str, name: str, phone: str = "", address: str = "") -> Person:
    """The hukou region is where the number was issued until the person updates it; a person from outside the
    city is placed in the hall's region, so that their cases have a district to go to. Raises CounterError
    with the police check's or the record's reason; nothing is written then."""
    try:
        number = parse_id_number(id_number).number
    except ValidationError as exc:
        raise CounterError(" ".join(exc.messages), code="id_number") from exc
    hukou = region_deepest_for_code(code=number)
    if hukou is None:
        raise CounterError(_("The region that issued this identity number is not known."), code="region")
    residence = None if hukou.in_city else actor.office.region
    try:
        return person_create(actor=actor, id_number=number, name=name, phone=phone, hukou_region=hukou,
                             residence_region=residence, address=address)
    except AccountsError as exc:
        raise CounterError(exc.message, code=exc.code or "person") from exc
    except ValidationError as exc:
        raise CounterError(" ".join(exc.messages), code="person") from exc
