"""The one way to write the access log: `access_log_record`, called by every view and API answer that shows
staff or an API client a person's record. One INSERT per request, whatever the number of persons."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.db import connection
from django.utils import timezone

from accounts.models import AccessLogEntry, Person, User
from accounts.roles import staff_roles_held

Page = AccessLogEntry.Page


def access_log_record(*, request, persons: Iterable[Person | int], page: str, case_number: str = "",
                      ticket: str = "") -> int:
    """Record that the reader of `request` (a staff member or an API client) saw these persons. Residents,
    employers and visitors reading their own data are not recorded. Returns the number of rows written."""
    if not getattr(settings, "ACCESS_LOG_ENABLED", True):
        return 0
    reader = _reader(request)
    if reader is None:
        return 0
    ids = list(dict.fromkeys(p if isinstance(p, int) else p.pk for p in persons if p is not None))
    if not ids:
        return 0
    now, address, path = timezone.now(), client_address(request), request.path[:200]
    rows = [AccessLogEntry(at=now, person_id=pk, page=page, path=path, case_number=case_number[:40],
                           ticket=ticket[:20], address=address, **reader) for pk in ids]
    if connection.vendor == "postgresql" and not connection.in_atomic_block \
            and not getattr(settings, "ACCESS_LOG_DURABLE", False):
        _insert_without_waiting_for_the_disk(rows)
    else:
        AccessLogEntry.objects.bulk_create(rows)
    return len(rows)


_COLUMNS = (("at", "timestamptz"), ("person_id", "bigint"), ("user_id", "bigint"), ("api_client_id", "bigint"),
            ("staff_number", "varchar"), ("role", "varchar"), ("office_id", "bigint"), ("page", "varchar"),
            ("path", "varchar"), ("case_number", "varchar"), ("ticket", "varchar"), ("address", "inet"))


def _insert_without_waiting_for_the_disk(rows: list[AccessLogEntry]) -> None:
    """One INSERT whose own transaction commits with synchronous_commit off: the page does not wait for the disk
    flush of its commit (most of the log's cost). A crash of the database server may lose the last fraction of a
    second of rows, never leave a half one. Only outside a transaction, so that nothing else commits that way."""
    names = ", ".join(name for name, _type in _COLUMNS)
    value = "(" + ", ".join(f"%s::{kind}" for _name, kind in _COLUMNS) + ")"
    params = [getattr(row, name) for row in rows for name, _type in _COLUMNS]
    sql = (f"WITH durability AS (SELECT set_config('synchronous_commit', 'off', true)) "  # noqa: S608
           f"INSERT INTO {AccessLogEntry._meta.db_table} ({names}) "
           f"SELECT v.* FROM (VALUES {', '.join([value] * len(rows))}) AS v, durability")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _reader(request) -> dict | None:
    client = getattr(request, "api_client", None)
    if client is not None:
        return {"api_client": client, "user_id": client.user_id, "role": "api_client"}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.kind != User.Kind.STAFF:
        return None
    return {"user": user, "staff_number": user.staff_number or "", "office_id": user.office_id,
            "role": role_codes(user)}


def role_codes(user: User) -> str:
    """The staff roles the user holds, from the permissions already read for this request (no query): every
    role all of whose permissions the user has, e.g. "office_head,reviewer"."""
    if user.is_superuser:
        return "superuser"
    return ",".join(staff_roles_held(user.get_all_permissions()))[:120]


def client_address(request) -> str | None:
    """The caller's address, read from the same header as the login records (a proxy may set one)."""
    for key in settings.AXES_IPWARE_META_PRECEDENCE_ORDER:
        value = request.META.get(key, "")
        candidate = value.split(",")[0].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
