"""The demo site as each role sees it: the pages of every app's access table (tests/<app>/access_table*.py) with
the ids of demo objects, logging in as a role, and a cheap fingerprint of what the database holds."""

from __future__ import annotations

import importlib
from pathlib import Path

from django.db import connection
from django.urls import reverse

import tests
from tests.architecture.access import ROLES, Page

__all__ = ["ROLES", "db_fingerprint", "login", "page_context", "pages_for", "public_views", "table_modules",
           "table_pages"]


def table_modules():
    """Every tests/<app>/access_table*.py module (one per area, so that areas never edit the same file)."""
    root = Path(tests.__file__).parent
    for path in sorted(root.glob("*/access_table*.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.{path.stem}")


def table_pages() -> list[Page]:
    return [page for table in table_modules() for page in table.PAGES]


def page_context(users: dict) -> dict:
    """The demo users by role, a 河口区 and a 东营区 person, and what each access table's context() adds (cases,
    declarations, tickets, appointments...): every `kwargs` of the tables resolves against it."""
    from accounts.models import Person

    context = dict(users)
    context["person_hekou"] = Person.objects.filter(hukou_region__path__startswith="370503").order_by("pk").first()
    context["person_dongying"] = Person.objects.filter(
        hukou_region__path__startswith="370502").order_by("pk").first()
    for table in table_modules():
        if hasattr(table, "context"):
            context.update(table.context(context))
    return context


def login(client, role: str, ctx: dict) -> None:
    client.logout()
    if role != "anonymous":
        client.force_login(ctx[role])


def pages_for(role: str, ctx: dict, *, pages: list[Page] | None = None, public: bool = True) -> list[str]:
    """The addresses the role opens with a GET and gets a page (200) for, by the access tables, once each;
    without those anyone gets (public pages, the hall's screens) unless `public`."""
    urls = []
    for page in pages if pages is not None else table_pages():
        if page.method != "get" or page.expected(role) != 200:
            continue
        if not public and role != "anonymous" and page.expected("anonymous") == 200:
            continue
        url = reverse(page.url_name, kwargs=page.kwargs(ctx) if page.kwargs else None)
        if url not in urls:
            urls.append(url)
    return urls


def public_views() -> frozenset[str]:
    """The views of the access tables that anyone gets a page from, logged in or not."""
    return frozenset(page.url_name for page in table_pages() if page.expected("anonymous") == 200)


def db_fingerprint(*, exclude: frozenset[str] = frozenset()) -> dict[str, int]:
    """The row count of every table (history tables included, so an update shows too), in one query."""
    tables = [t for t in connection.introspection.table_names() if t not in exclude]
    quote = connection.ops.quote_name
    # Table names from the introspection, quoted: no input reaches this SQL.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))
