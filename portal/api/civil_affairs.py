"""Civil affairs: minimum-living-allowance and zero-employment household lists, and death notices (from
cremation and death registration), handled as the police's are."""

from __future__ import annotations

from enum import StrEnum

from ninja import Field, Router, Schema

from accounts.identifiers import is_valid_id_number, names_match, normalize_id_number
from accounts.models import ApiScope, Person
from accounts.services import person_set_household_facts
from portal.api.core import COMMON, ClientToken, Text
from portal.api.deaths import DeathNoticesIn, death_notice_apply
from portal.api.idempotency import run_once
from portal.api.rows import BatchOut, RowError, process_rows

router = Router(auth=ClientToken(ApiScope.CIVIL_AFFAIRS), tags=["civil affairs"])


class HouseholdList(StrEnum):
    MIN_LIVING_ALLOWANCE = "min_living_allowance"
    ZERO_EMPLOYMENT = "zero_employment"


class Action(StrEnum):
    ADD = "add"
    REMOVE = "remove"


class Member(Schema):
    id_number: str = Text(20)
    name: str = Text(50)


class HouseholdListIn(Schema):
    request_id: str = Text(64, min_length=1)
    list: HouseholdList
    action: Action
    members: list[Member] = Field(max_length=5000)


def _apply(client, payload: HouseholdListIn, member: Member) -> str:
    number = normalize_id_number(member.id_number)
    if not is_valid_id_number(number):
        raise RowError("invalid_id_number", "The identity number is not valid.")
    person = Person.objects.filter(id_number=number).first()
    if person is None:
        raise RowError("not_registered", "No person with this identity number is registered here.")
    if not names_match(member.name, person.name):
        raise RowError("name_mismatch", "The name does not match the registered person.")
    value = payload.action == Action.ADD
    facts = ({"low_income": value} if payload.list == HouseholdList.MIN_LIVING_ALLOWANCE
             else {"zero_employment": value})
    _person, changed = person_set_household_facts(actor=client.user, person=person, source="民政数据交换", **facts)
    return "changed" if changed else "unchanged"


@router.post("/household-lists", response={200: BatchOut, **COMMON}, url_name="household-lists")
def household_lists(request, payload: HouseholdListIn):
    """Add people to, or remove them from, a household list; employment re-judges their difficulty status."""
    client = request.auth
    return run_once(
        client=client, request_id=payload.request_id, endpoint="household-lists",
        payload=payload.model_dump(mode="json"),
        handler=lambda: process_rows(request, payload.request_id, payload.members,
                                     lambda member: _apply(client, payload, member)),
    )


@router.post("/death-notices", response={200: BatchOut, **COMMON}, url_name="civil-affairs-death-notices")
def death_notices(request, payload: DeathNoticesIn):
    """Report deaths civil affairs registered: pensions and benefits are suspended and the district gets a case to
    confirm each; confirmed, what a death ends stops and the person is recorded deceased."""
    client = request.auth
    return run_once(
        client=client, request_id=payload.request_id, endpoint="civil-affairs-death-notices",
        payload=payload.model_dump(mode="json"),
        handler=lambda: process_rows(request, payload.request_id, payload.notices,
                                     lambda notice: death_notice_apply(client, notice, source="民政死亡通报")),
    )
