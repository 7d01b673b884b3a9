"""Death notices, from the police or civil affairs: the same rows and the same service for both."""

from __future__ import annotations

from datetime import date

from django.utils import translation
from ninja import Field, Schema

from accounts.identifiers import is_valid_id_number, names_match, normalize_id_number
from accounts.models import Person
from accounts.services import person_report_death
from portal.api.core import Text
from portal.api.rows import RowError


class DeathNotice(Schema):
    id_number: str = Text(20)
    name: str = Text(50)
    date_of_death: date
    certificate_no: str = Text(40, default="")


class DeathNoticesIn(Schema):
    request_id: str = Text(64, min_length=1)
    notices: list[DeathNotice] = Field(max_length=1000)


def death_notice_apply(client, notice: DeathNotice, *, source: str) -> str:
    """Record one reported death: what it would stop is suspended, and the district gets a case to confirm it."""
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
    with translation.override("zh-hans"):
        reported = person_report_death(actor=client.user, person=person, date_of_death=notice.date_of_death,
                                       source=f"{source} {notice.certificate_no}".strip())
    return "recorded" if reported else "unchanged"
