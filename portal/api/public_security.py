"""Public security: identity checks and death notices."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from ninja import Field, Router, Schema

from accounts.access_log.services import Page, access_log_record
from accounts.identifiers import is_valid_id_number, names_match, normalize_id_number
from accounts.models import ApiScope, Person
from accounts.services import person_record_death
from portal.api.core import COMMON, ClientToken, Text
from portal.api.idempotency import run_once
from portal.api.rows import BatchOut, RowError, process_rows

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


class DeathNotice(Schema):
    id_number: str = Text(20)
    name: str = Text(50)
    date_of_death: date
    certificate_no: str = Text(40, default="")


class DeathNoticesIn(Schema):
    request_id: str = Text(64, min_length=1)
    notices: list[DeathNotice] = Field(max_length=1000)


def _record_death(client, notice: DeathNotice) -> str:
    number = normalize_id_number(notice.id_number)
    if not is_valid_id_number(number):
        raise RowError("invalid_id_number", "The identity number is not valid.")
    if notice.date_of_death > date.today():
        raise RowError("future_date", "The date of death is in the future.")
    person = Person.objects.filter(id_number=number).first()
    if person is None:
        raise RowError("not_registered", "No person with this identity number is registered here.")
    if not names_match(notice.name, person.name):
        raise RowError("name_mismatch", "The name does not match the registered person.")
    if person.date_of_death is not None:
        return "unchanged"
    with translation.override("zh-hans"):
        person_record_death(actor=client.user, person=person, date_of_death=notice.date_of_death,
                            source=f"公安死亡通报 {notice.certificate_no}".strip())
    return "recorded"


@router.post("/death-notices", response={200: BatchOut, **COMMON}, url_name="death-notices")
def death_notices(request, payload: DeathNoticesIn):
    """Record deaths: pensions and benefits stop, what must close closes, the person is marked deceased."""
    client = request.auth
    return run_once(
        client=client, request_id=payload.request_id, endpoint="death-notices", payload=payload.model_dump(mode="json"),
        handler=lambda: process_rows(request, payload.request_id, payload.notices,
                                     lambda notice: _record_death(client, notice)),
    )
