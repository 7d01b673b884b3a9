"""Public security: identity checks and death notices."""

from __future__ import annotations

from ninja import Router, Schema

from accounts.access_log.services import Page, access_log_record
from accounts.identifiers import is_valid_id_number, normalize_id_number
from accounts.models import ApiScope, Person
from portal.api.core import COMMON, ClientToken, Text
from portal.api.deaths import DeathNotice, DeathNoticesIn, death_notice_apply
from portal.api.idempotency import run_once
from portal.api.rows import BatchOut, process_rows

router = Router(auth=ClientToken(ApiScope.PUBLIC_SECURITY), tags=["public security"])


class IdentityCheckIn(Schema):
    id_number: str = Text(20)
    name: str = Text(50)


class IdentityCheckOut(Schema):
    valid_number: bool
    registered: bool
    name_matches: bool | None = None
    deceased: bool | None = None


@router.post("/identity-checks", response={200: IdentityCheckOut, **COMMON}, url_name="identity-check")
def identity_check(request, payload: IdentityCheckIn):
    """Is this identity number registered with us under this name (and is the person alive)?"""
    number = normalize_id_number(payload.id_number)
    if not is_valid_id_number(number):
        return IdentityCheckOut(valid_number=False, registered=False)
    person = Person.objects.filter(id_number=number).only("name", "date_of_death").first()
    if person is None:
        return IdentityCheckOut(valid_number=True, registered=False)
    access_log_record(request=request, persons=[person], page=Page.API)
    return IdentityCheckOut(valid_number=True, registered=True, name_matches=person.name == payload.name.strip(),
                                 deceased=person.date_of_death is not None)


def _record_death(client, notice: DeathNotice) -> str:
    return death_notice_apply(client, notice, source="公安死亡通报")


@router.post("/death-notices", response={200: BatchOut, **COMMON}, url_name="death-notices")
def death_notices(request, payload: DeathNoticesIn):
    """Report deaths: pensions and benefits are suspended and the district gets a case to confirm each; confirmed,
    what a death ends stops and the person is recorded deceased."""
    client = request.auth
    return run_once(
        client=client, request_id=payload.request_id, endpoint="death-notices", payload=payload.model_dump(mode="json"),
        handler=lambda: process_rows(request, payload.request_id, payload.notices,
                                     lambda notice: _record_death(client, notice)),
    )
