"""Every page in every app's access table, requested as every role, answers what the table says."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.architecture.access import ROLES, Page
from tests.support.site import page_context, table_pages

PAGES = table_pages()


def _url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue
            names |= _url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


@pytest.fixture
def ctx(users):
    return page_context(users)


def test_every_named_url_is_in_a_table():
    covered = {page.url_name for page in PAGES}
    missing = sorted(_url_names() - covered)
    assert not missing, f"pages with no row in any tests/<app>/access_table.py: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=[p.id for p in PAGES])
def test_page_access_by_role(page: Page, ctx, client):
    url = reverse(page.url_name, kwargs=page.kwargs(ctx) if page.kwargs else None)
    data = page.data(ctx) if page.data else None
    got = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(ctx[role])
        response = getattr(client, page.method)(url, data) if data else getattr(client, page.method)(url)
        got[role] = response.status_code
    expected = {role: page.expected(role) for role in ROLES}
    assert got == expected
