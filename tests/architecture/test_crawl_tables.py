"""Every page of the permission tables, requested by every role with the objects each may and may not see (the
tables' own context), read as the crawl reads a page: no 5xx, a title, no Latin words on a Chinese page, no code
identifiers, no figure with a float's tail (tests/architecture/pages.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.architecture.access import ROLES
from tests.architecture.pages import check_page, report
from tests.architecture.test_permission_table import PAGES, ctx  # noqa: F401 (the fixture)


@pytest.mark.slow
@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_each_role_reads_every_page_of_the_permission_tables(role, ctx):  # noqa: F811
    client = Client()
    client.force_login(ctx[role])
    found, failures = {}, {}
    for page in PAGES:
        if page.method != "get" or page.data:
            continue
        check_page(client, reverse(page.url_name, kwargs=page.kwargs(ctx) if page.kwargs else None), found, failures)
    assert found, f"{role} could read no page"
    assert not failures, report(role, failures)
