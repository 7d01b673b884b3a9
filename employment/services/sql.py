"""Set-based writes: INSERT ... SELECT from a queryset, skipping rows a unique constraint already holds."""

from __future__ import annotations

from django.db import connection
from django.db.models import Model, QuerySet


def insert_select(model: type[Model], queryset: QuerySet, columns: dict) -> int:
    """Insert, in one statement, a row per row of `queryset`: {model field: expression over the queryset}.
    Conflicting rows are skipped (ON CONFLICT DO NOTHING). Returns the number of rows inserted."""
    aliases = {f"col{i}": expression for i, expression in enumerate(columns.values())}
    selected = queryset.order_by().annotate(**aliases).values(*aliases)
    sql, params = selected.query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {sql} ON CONFLICT DO NOTHING", params)
        return cursor.rowcount
