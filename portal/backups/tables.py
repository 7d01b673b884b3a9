"""What a backup's manifest records of a database, computed the same way on the source and on a restored copy:
the row count of every table and a checksum of the key tables, rows taken in primary-key order."""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.db.backends.base.base import BaseDatabaseWrapper

# The tables whose content is checked, not only counted: persons, employers, cases and their timeline,
# contributions, declarations and payment orders.
KEY_MODELS = (
    "accounts.Person", "accounts.Employer", "workflow.Case", "workflow.CaseEvent",
    "insurance.Contribution", "insurance.Declaration", "insurance.PaymentOrder",
)
# The record of reads of personal data, when installed: a model of accounts named in one of these ways.
ACCESS_LOG_NAMES = ("accesslog", "accessrecord", "personaccess", "dataaccess", "personread")


def key_tables() -> dict[str, str]:
    """The key tables: table name -> primary-key column."""
    models = []
    for label in KEY_MODELS:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    models += [model for model in apps.get_app_config("accounts").get_models()
               if any(name in model._meta.model_name for name in ACCESS_LOG_NAMES)]
    return {model._meta.db_table: model._meta.pk.column for model in models}


def _checksum_postgres(connection: BaseDatabaseWrapper, table: str, pk: str) -> str:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        # The text of each row, hashed, in primary-key order: the same server formats both sides alike.
        cursor.execute(
            f"SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY t.{qn(pk)}), '')) FROM {qn(table)} t"  # noqa: S608
        )
        return cursor.fetchone()[0]


def _checksum_python(connection: BaseDatabaseWrapper, table: str, pk: str) -> str:
    qn = connection.ops.quote_name
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {qn(table)} ORDER BY {qn(pk)}")  # noqa: S608
        while rows := cursor.fetchmany(2000):
            for row in rows:
                digest.update(repr(tuple(row)).encode())
                digest.update(b"\n")
    return digest.hexdigest()


def table_counts(connection: BaseDatabaseWrapper) -> dict[str, int]:
    """Every table of the database (not only Django's) with its row count."""
    qn = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT count(*) FROM {qn(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def table_checksums(connection: BaseDatabaseWrapper, tables: dict[str, str] | None = None) -> dict[str, str]:
    tables = key_tables() if tables is None else tables
    checksum = _checksum_postgres if connection.vendor == "postgresql" else _checksum_python
    present = set(connection.introspection.table_names())
    return {table: checksum(connection, table, pk) for table, pk in sorted(tables.items()) if table in present}


def applied_migrations(connection: BaseDatabaseWrapper) -> list[list[str]]:
    with connection.cursor() as cursor:
        if "django_migrations" not in connection.introspection.table_names(cursor):
            return []
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(row) for row in cursor.fetchall()]


def inventory(connection: BaseDatabaseWrapper) -> dict:
    """Counts, key checksums and applied migrations: what the manifest records and the drill compares."""
    return {
        "tables": table_counts(connection),
        "checksums": table_checksums(connection),
        "migrations": applied_migrations(connection),
    }
